// End to end (issue 18): each finding of the attack on patterns, keep lists, keys and event sets,
// run through the built dist/ against the Bird-compatible server.
import { describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { errorLine, runAction, useBird, warningLines } from './support/e2e.js';

const URL_ = 'https://preview-42.shop.example.com/webhooks/bird';
const e2e = useBird({ service: 'channels', event: 'sms.inbound', url: URL_ });
const SEED_A = 'seed-a-0123456789abcdef';
const SEED_B = 'seed-b-fedcba9876543210';
const noticeLines = (stdout: string) => stdout.split(/\r?\n/).filter((l) => l.startsWith('::notice::'));
const urls = () => [...e2e.bird.subscriptions.values()].map((s) => s.url).sort();

describe("'*' in a url-pattern host stays within one label", () => {
  test('evict-oldest never evicts a deeper host such as eu.api.example.com', async () => {
    const production = e2e.seed({ url: 'https://eu.api.example.com/hook' });
    const preview = e2e.seed({ url: 'https://pr-1.example.com/hook' });
    for (const n of [1, 2, 3]) e2e.seed({ url: `https://other-${n}.example.org/hook` });
    const run = await runAction('main', e2e.inputs({ url: 'https://pr-2.example.com/hook', 'url-pattern': 'https://*.example.com/**', 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', `DELETE ~/${preview.id}`, 'POST ~', 'GET ~', 'GET ~']);
    expect(run.outputs.evicted).toBe(preview.id);
    expect(e2e.bird.subscriptions.has(production.id)).toBe(true);
  });

  test('a sweep of pr-*.example.com leaves pr-api.internal.example.com alone', async () => {
    const internal = e2e.seed({ url: 'https://pr-api.internal.example.com/hook' });
    const pr = e2e.seed({ url: 'https://pr-3.example.com/hook' });
    const run = await runAction('main', e2e.inputs({ state: 'absent', url: '', event: '', 'url-pattern': 'https://pr-*.example.com/**' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', `DELETE ~/${pr.id}`]);
    expect(e2e.bird.subscriptions.has(internal.id)).toBe(true);
  });

  test("'**' in the host is refused before any request", async () => {
    const run = await runAction('main', e2e.inputs({ url: 'https://pr-2.example.com/hook', 'url-pattern': 'https://**.example.com/**' }));
    expect(run.code).toBe(1);
    expect(e2e.calls()).toEqual([]);
    expect(errorLine(run)).toMatch(/^::error::Input 'url-pattern' must not use '\*\*' in the host .*'\*' matches within one label/);
  });
});

describe('keep-urls spelt differently still keeps', () => {
  test('a trailing slash, letter case or :443 keeps the subscription, with a warning naming both spellings; an entry keeping nothing is warned about', async () => {
    const pattern = 'https://pr-*.preview.example.com/**';
    const one = e2e.seed({ url: 'https://pr-1.preview.example.com/webhooks/bird' });
    const two = e2e.seed({ url: 'https://pr-2.preview.example.com/webhooks/bird' });
    const three = e2e.seed({ url: 'https://pr-3.preview.example.com/webhooks/bird' });
    const keep = ['https://pr-1.preview.example.com:443/webhooks/bird/', 'https://pr-2.preview.example.com/Webhooks/Bird', 'https://pr-9.preview.example.com/webhooks/bird'];
    const run = await runAction('main', e2e.inputs({ state: 'absent', url: '', event: '', 'url-pattern': pattern, 'keep-urls': keep.join('\n') }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', `DELETE ~/${three.id}`]);
    expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([one.id, two.id].sort());
    expect(warningLines(run)).toEqual([
      `::warning::Keeping ${one.url}: keep-urls lists it as '${keep[0]}', the same URL spelt differently (trailing slash, letter case, default port or query order); write it as the subscription has it`,
      `::warning::Keeping ${two.url}: keep-urls lists it as '${keep[1]}', the same URL spelt differently (trailing slash, letter case, default port or query order); write it as the subscription has it`,
      `::warning::Input 'keep-urls' lists '${keep[2]}', which keeps nothing: no subscription that url-pattern matches has this URL; check its spelling`,
    ]);
  });
});

describe('one key rule, whether Bird shows keys or hides them', () => {
  const keyOf = (seed: string) => deriveSigningKey(seed, { workspaceId: e2e.bird.workspaceId, url: URL_ });

  test.each([
    ['shows', true],
    ['hides', false],
  ])('where Bird %s keys, changing signing-key-seed rotates the key', async (_, shows) => {
    e2e.bird.exposeSigningKeys = shows;
    const first = await runAction('main', e2e.inputs({ 'signing-key-seed': SEED_A }));
    expect(first.outputs.result).toBe('created');
    const from = e2e.bird.requests.length;
    const second = await runAction('main', e2e.inputs({ 'signing-key-seed': SEED_B }));

    expect(second.code).toBe(0);
    expect(e2e.calls(from)).toEqual(['GET ~', `PATCH ~/${first.outputs['subscription-id']}`]);
    expect(e2e.bird.requests.at(-1)?.body).toEqual({ signingKey: keyOf(SEED_B) });
    expect(second.outputs['signing-key']).toBe(keyOf(SEED_B));
    expect([...e2e.bird.subscriptions.values()][0].signingKey).toBe(keyOf(SEED_B));
    // Shown keys can be compared: a replaced key is a change. Hidden ones cannot: it is re-asserted.
    expect(second.outputs.result).toBe(shows ? 'updated' : 'unchanged');
  });

  test('with a seed, a key set elsewhere and shown by Bird is replaced: the action owns the keys', async () => {
    const existing = e2e.seed({ signingKey: 'hand-set-key-1234' });
    const run = await runAction('main', e2e.inputs({ 'signing-key-seed': SEED_A }));
    expect(run.outputs.result).toBe('updated');
    expect(e2e.bird.subscriptions.get(existing.id)?.signingKey).toBe(keyOf(SEED_A));
  });

  test('without a seed, adopting a subscription never rotates its shown key', async () => {
    e2e.seed({ signingKey: 'hand-set-key-1234' });
    const run = await runAction('main', e2e.inputs());
    expect(run.outputs.result).toBe('unchanged');
    expect(e2e.calls()).toEqual(['GET ~']);
    expect(run.outputs['signing-key']).toBe('hand-set-key-1234');
  });

  test('a second step adding another event to the URL gets the key Bird shows on the first', async () => {
    e2e.seed({ event: 'sms.inbound', signingKey: 'first-step-key-123' });
    const run = await runAction('main', e2e.inputs({ event: 'sms.outbound' }));
    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect((e2e.bird.requests[1].body as { signingKey: string }).signingKey).toBe('first-step-key-123');
    expect(new Set([...e2e.bird.subscriptions.values()].map((s) => s.signingKey))).toEqual(new Set(['first-step-key-123']));
  });

  test('where Bird hides keys and no seed is set, the job summary says so once', async () => {
    e2e.bird.exposeSigningKeys = false;
    e2e.seed({ event: 'sms.outbound' });
    const run = await runAction('main', e2e.inputs({ events: 'sms.inbound\nsms.outbound', event: '' }));
    expect(run.code).toBe(0);
    expect(run.summary.match(/no signing-key-seed is set/g)).toHaveLength(1);
    const seeded = await runAction('main', e2e.inputs({ events: 'sms.inbound\nsms.outbound', event: '', 'signing-key-seed': SEED_A }));
    expect(seeded.summary).not.toContain('signing-key-seed');
  });
});

describe('an event dropped from events', () => {
  test('without prune, each leftover subscription is named in a notice that mentions prune; nothing is deleted', async () => {
    const dropped = e2e.seed({ event: 'sms.outbound' });
    const run = await runAction('main', e2e.inputs({ events: 'sms.inbound\nwhatsapp.inbound', event: '' }));
    expect(run.code).toBe(0);
    expect(e2e.bird.subscriptions.has(dropped.id)).toBe(true);
    expect(noticeLines(run.stdout)).toEqual([
      `::notice::Subscription ${dropped.id} (channels sms.outbound -> ${URL_}) has this step's URL, service and filters, but its event is not requested, so it keeps delivering; set prune: true to delete it`,
    ]);
  });

  test("with prune: true, it is deleted and listed in 'subscriptions' as deleted", async () => {
    const dropped = e2e.seed({ event: 'sms.outbound' });
    const kept = e2e.seed({ event: 'sms.inbound' });
    const elsewhere = e2e.seed({ event: 'sms.outbound', url: 'https://other.shop.example.com/webhooks/bird' });
    const run = await runAction('main', e2e.inputs({ prune: 'true' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', `DELETE ~/${dropped.id}`]);
    expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([kept.id, elsewhere.id].sort());
    expect(JSON.parse(run.outputs.subscriptions)).toEqual([
      { event: 'sms.inbound', id: kept.id, url: kept.url, status: 'active', result: 'unchanged' },
      { event: 'sms.outbound', id: dropped.id, url: dropped.url, status: 'active', result: 'deleted' },
    ]);
    expect(run.outputs['subscription-id']).toBe(kept.id);
    expect(run.outputs.status).toBe('active');
    expect(run.outputs.result).toBe('updated');
    expect(noticeLines(run.stdout)).toEqual([]);
  });

  test('a dry run with prune: true only says what it would delete', async () => {
    const dropped = e2e.seed({ event: 'sms.outbound' });
    const run = await runAction('main', e2e.inputs({ prune: 'true', 'dry-run': 'true' }));
    expect(e2e.calls()).toEqual(['GET ~']);
    expect(run.stdout).toContain(`Dry run: would delete subscription ${dropped.id}`);
    expect(JSON.parse(run.outputs.subscriptions)).toContainEqual({ event: 'sms.outbound', id: dropped.id, url: dropped.url, status: 'active', result: 'deleted' });
  });
});

describe("another team's odd subscription", () => {
  test.each([
    ['a template object', { template: { id: 7 }, event: 'sms.outbound' }],
    ['an empty url', { url: '', event: 'sms.outbound' }],
    ['a numeric filter value', { eventFilters: [{ key: 'channelId', value: 7 }] }],
    ['a numeric createdAt', { createdAt: 1767225600000, event: 'sms.outbound' }],
  ])('with %s elsewhere in the workspace does not stop the run', async (_, odd) => {
    e2e.seed({ url: 'https://other-team.example.org/hook', ...(odd as object) });
    const run = await runAction('main', e2e.inputs());
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('created');
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
  });

  test('with the step’s own URL, the answer is still refused', async () => {
    e2e.seed({ event: 'sms.outbound', template: { id: 7 } as never });
    const run = await runAction('main', e2e.inputs());
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/^::error::Unexpected answer from Bird to GET .*: results\[0\]\.template is an object, not a string$/);
  });
});

describe('a URL with capital letters in the host, where Bird stores hosts in lower case', () => {
  const MIXED = 'https://Preview-42.Shop.example.com/webhooks/bird';
  test('is created once, saved for cleanup, reused on the next run and deleted by the post step', async () => {
    e2e.bird.lowerCaseHosts = true;
    const first = await runAction('main', e2e.inputs({ url: MIXED, cleanup: 'true' }));
    expect(first.code).toBe(0);
    expect(first.outputs.result).toBe('created');
    expect(urls()).toEqual([URL_]);
    const id = first.outputs['subscription-id'];
    expect(JSON.parse(first.state.cleanup)).toEqual({ subscriptionIds: [id] });

    const from = e2e.bird.requests.length;
    const second = await runAction('main', e2e.inputs({ url: MIXED }));
    expect(second.outputs.result).toBe('unchanged');
    expect(second.outputs['subscription-id']).toBe(id);
    expect(e2e.calls(from)).toEqual(['GET ~']);

    const post = await runAction('post', e2e.inputs({ url: MIXED, cleanup: 'true' }), { state: { cleanup: first.state.cleanup } });
    expect(post.code).toBe(0);
    expect(e2e.bird.subscriptions.size).toBe(0);
  });
});

describe('an unknown service', () => {
  test("is a warning naming the closest known service; Bird decides, and its 422 details reach the user", async () => {
    const run = await runAction('main', e2e.inputs({ service: 'channel' }));
    expect(warningLines(run)).toContainEqual(expect.stringMatching(/^::warning::Input 'service' is 'channel', which is not a service Bird documents .*; did you mean channels\?/));
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~']);
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('.body.service: must be one of channels, numbers, payments, conversations, templates');
  });
});
