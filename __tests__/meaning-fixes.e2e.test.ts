// End to end: findings of the attack on issue 18's rules after the merge. Each test failed before
// its fix: prune ran alongside a create that then failed, a host spelt in capitals derived another
// key for the one URL Bird stores, the first run in an empty workspace where Bird hides keys gave no
// note, and a keep-urls entry differing only in host case was kept without a warning.
import { describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { errorLine, runAction, useBird, warningLines } from './support/e2e.js';

const URL_ = 'https://preview-42.shop.example.com/webhooks/bird';
const MIXED = 'https://Preview-42.Shop.example.com/webhooks/bird';
const SEED = 'seed-a-0123456789abcdef';
const e2e = useBird({ service: 'channels', event: 'sms.inbound', url: URL_ });
const stored = () => [...e2e.bird.subscriptions.values()];

describe('prune', () => {
  test('waits for the events: a refused create leaves the dropped event in place', async () => {
    const old = e2e.seed({ event: 'sms.outbound' });
    e2e.bird.inject({ method: 'POST', status: 422 });
    const run = await runAction('main', e2e.inputs({ prune: 'true', 'max-attempts': '1' }));

    expect(run.code).toBe(1);
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~']);
    expect(e2e.bird.subscriptions.has(old.id)).toBe(true);
    expect(errorLine(run)).not.toContain('deleted');
  });

  test('deletes after the events are done, in a wave of its own', async () => {
    const old = e2e.seed({ event: 'sms.outbound' });
    const run = await runAction('main', e2e.inputs({ prune: 'true' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~', `DELETE ~/${old.id}`]);
    expect(JSON.parse(run.outputs.subscriptions)).toContainEqual({ event: 'sms.outbound', id: old.id, url: old.url, status: 'active', result: 'deleted' });
  });
});

describe('one key per URL, however its host is spelt', () => {
  test.each([[true], [false]])('with a seed, two steps spelling the host differently share one key (Bird shows keys: %s)', async (shows) => {
    e2e.bird.exposeSigningKeys = shows;
    e2e.bird.lowerCaseHosts = true;
    const a = await runAction('main', e2e.inputs({ url: MIXED, 'signing-key-seed': SEED }));
    const b = await runAction('main', e2e.inputs({ url: URL_, event: 'sms.outbound', 'signing-key-seed': SEED }));
    const again = await runAction('main', e2e.inputs({ url: MIXED, 'signing-key-seed': SEED }));

    const key = deriveSigningKey(SEED, { workspaceId: e2e.bird.workspaceId, url: URL_ });
    expect([a, b, again].map((r) => r.outputs['signing-key'])).toEqual([key, key, key]);
    expect(stored().map((s) => s.signingKey)).toEqual([key, key]);
    expect(again.outputs.result).toBe('unchanged');
  });

  test('without a seed where Bird hides keys, too', async () => {
    e2e.bird.exposeSigningKeys = false;
    e2e.bird.lowerCaseHosts = true;
    const a = await runAction('main', e2e.inputs({ url: MIXED }));
    const b = await runAction('main', e2e.inputs({ url: URL_, event: 'sms.outbound' }));
    expect(a.outputs['signing-key']).toBe(b.outputs['signing-key']);
    expect(new Set(stored().map((s) => s.signingKey)).size).toBe(1);
  });
});

test('where Bird hides keys, the first run in an empty workspace says where the key comes from', async () => {
  e2e.bird.exposeSigningKeys = false;
  const run = await runAction('main', e2e.inputs());
  expect(run.code).toBe(0);
  expect(run.summary).toContain('no signing-key-seed is set');
  expect(run.summary.match(/no signing-key-seed is set/g)).toHaveLength(1);
});

test('a keep-urls entry differing from the subscription only in host case keeps it, with a warning naming both', async () => {
  const url = 'https://pr-1.preview.example.com/hook';
  const kept = e2e.seed({ url });
  const entry = 'https://PR-1.Preview.example.com/hook';
  const run = await runAction('main', e2e.inputs({ state: 'absent', url: '', event: '', 'url-pattern': 'https://pr-*.preview.example.com/**', 'keep-urls': entry }));

  expect(run.code).toBe(0);
  expect(e2e.bird.subscriptions.has(kept.id)).toBe(true);
  expect(warningLines(run)).toEqual([expect.stringContaining(`Keeping ${url}: keep-urls lists it as '${entry}'`)]);
});

test('many keep-urls spelt differently: five warnings name both spellings, one more counts the rest', async () => {
  const urls = Array.from({ length: 8 }, (_, n) => `https://pr-${n}.preview.example.com/hook`);
  for (const url of urls) e2e.seed({ url });
  const keep = urls.map((u) => `${u}/`).join('\n');
  const run = await runAction('main', e2e.inputs({ state: 'absent', url: '', event: '', 'url-pattern': 'https://pr-*.preview.example.com/**', 'keep-urls': keep }));

  expect(run.code).toBe(0);
  expect(e2e.bird.subscriptions.size).toBe(8);
  const warnings = warningLines(run);
  expect(warnings).toHaveLength(6);
  expect(warnings.slice(0, 5).every((w) => w.includes("keep-urls lists it as '"))).toBe(true);
  expect(warnings[5]).toContain('Keeping 3 more subscriptions whose keep-urls entries are spelt differently');
});
