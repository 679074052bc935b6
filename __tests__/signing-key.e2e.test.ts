// End to end: without signing-key the key is derived, so re-runs never rotate it (issue 9).
import { beforeEach, describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { leaks, maskLine, runAction, useBird, type ActionRun } from './support/e2e.js';

const URL_ = 'https://preview-7.shop.example.com/webhooks/bird';
const OTHER_ACCESS_KEY = 'second-access-key-1a2b3c4d5e';
const SEED = 'seed-Zm9yIHNpZ25pbmcga2V5cw';

const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: URL_ }, { otherAccessKeys: [OTHER_ACCESS_KEY] });
const { inputs, calls } = e2e;
const derived = (secret: string, url = URL_) => deriveSigningKey(secret, { workspaceId: e2e.bird.workspaceId, url });
const REASSERTED = /^Re-asserting the signing key of subscription [0-9a-f-]+: Bird does not show keys/m;

/** Every secret is masked and shows up nowhere else: log, error output, job summary. */
function expectNoLeaks(run: ActionRun, ...secrets: string[]): void {
  for (const secret of secrets) expect(leaks(run, secret)).toEqual([]);
}

async function runs(count: number, values: Record<string, string>): Promise<ActionRun[]> {
  const all: ActionRun[] = [];
  for (let i = 0; i < count; i++) all.push(await runAction('main', values));
  return all;
}

describe('Bird hides keys', () => {
  beforeEach(() => {
    e2e.bird.exposeSigningKeys = false;
  });

  test('three runs without signing-key: one key, created then unchanged, unchanged', async () => {
    const all = await runs(3, inputs());
    const key = derived(e2e.bird.accessKey);

    expect(all.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(all.map((r) => r.outputs.result)).toEqual(['created', 'unchanged', 'unchanged']);
    expect(all.map((r) => r.outputs['signing-key'])).toEqual([key, key, key]);
    expect(e2e.bird.subscriptions.size).toBe(1);
    const [stored] = [...e2e.bird.subscriptions.values()];
    expect(stored.signingKey).toBe(key);
    expect(calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~', 'GET ~', `PATCH ~/${stored.id}`, 'GET ~', `PATCH ~/${stored.id}`]);
    // Each re-run only re-asserts the same value, and says why in one line.
    expect(e2e.bird.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([{ signingKey: key }, { signingKey: key }]);
    expect(all[0].stdout).not.toMatch(REASSERTED);
    for (const run of all.slice(1)) {
      expect(run.stdout.match(new RegExp(REASSERTED.source, 'gm'))).toHaveLength(1);
      expect(run.stdout).not.toContain('Updating subscription');
    }
    for (const run of all) {
      // Masked right after the access key: before anything about the subscription is printed.
      expect(run.stdout.split('\n').slice(0, 2)).toEqual([maskLine(e2e.bird.accessKey), maskLine(key)]);
      expectNoLeaks(run, e2e.bird.accessKey, key);
    }
  });

  test('the organization path form gives the same key', async () => {
    const first = await runAction('main', inputs());
    const second = await runAction('main', inputs({ 'organization-id': e2e.bird.organizationId }));

    expect(e2e.bird.requests[5].path).toContain(`/organizations/${e2e.bird.organizationId}/workspaces/`);
    expect(second.outputs).toEqual({ ...first.outputs, result: 'unchanged', subscriptions: first.outputs.subscriptions.replace('"created"', '"unchanged"') });
    expect(e2e.bird.requests[5].body).toEqual({ signingKey: first.outputs['signing-key'] });
  });

  test('another access key without a seed gives another key, which is set', async () => {
    const first = await runAction('main', inputs());
    const second = await runAction('main', inputs({ 'access-key': OTHER_ACCESS_KEY }));

    const other = derived(OTHER_ACCESS_KEY);
    expect(other).not.toBe(first.outputs['signing-key']);
    expect(second.outputs['signing-key']).toBe(other);
    expect(e2e.bird.requests[5].body).toEqual({ signingKey: other });
    expect([...e2e.bird.subscriptions.values()][0].signingKey).toBe(other);
    expectNoLeaks(second, OTHER_ACCESS_KEY, other);
    expect(second.stdout).not.toContain(e2e.bird.accessKey);
  });

  test('signing-key-seed survives an access-key change', async () => {
    const first = await runAction('main', inputs({ 'signing-key-seed': SEED }));
    const second = await runAction('main', inputs({ 'signing-key-seed': SEED, 'access-key': OTHER_ACCESS_KEY }));

    const key = derived(SEED);
    expect(key).not.toBe(derived(e2e.bird.accessKey));
    expect(key).not.toBe(derived(OTHER_ACCESS_KEY));
    expect([first.outputs.result, second.outputs.result]).toEqual(['created', 'unchanged']);
    expect([first.outputs['signing-key'], second.outputs['signing-key']]).toEqual([key, key]);
    expect(e2e.bird.requests[1].body).toMatchObject({ signingKey: key });
    expect(e2e.bird.requests[5].body).toEqual({ signingKey: key });
    for (const run of [first, second]) {
      // All three secrets are masked before anything else is printed.
      expect(run.stdout.split('\n').slice(0, 3)).toEqual([maskLine(run === first ? e2e.bird.accessKey : OTHER_ACCESS_KEY), maskLine(SEED), maskLine(key)]);
      expectNoLeaks(run, SEED, key, e2e.bird.accessKey, OTHER_ACCESS_KEY);
    }
  });

  test('an explicit signing-key: created, then unchanged, unchanged (each re-run re-asserts it)', async () => {
    const all = await runs(3, inputs({ 'signing-key': 'explicit-key-0123' }));

    expect(all.map((r) => r.outputs.result)).toEqual(['created', 'unchanged', 'unchanged']);
    expect(all.map((r) => r.outputs['signing-key'])).toEqual(['explicit-key-0123', 'explicit-key-0123', 'explicit-key-0123']);
    expect(e2e.bird.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([{ signingKey: 'explicit-key-0123' }, { signingKey: 'explicit-key-0123' }]);
    for (const run of all) expectNoLeaks(run, 'explicit-key-0123');
  });

  test('a key set elsewhere is replaced by the derived one once; a real change (template) is still updated', async () => {
    const existing = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, signingKey: 'set-elsewhere', template: 'a' });
    const run = await runAction('main', inputs({ template: 'b' }));

    const key = derived(e2e.bird.accessKey);
    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id}`]);
    expect(e2e.bird.requests[1].body).toEqual({ template: 'b', signingKey: key });
    expect(run.outputs).toMatchObject({ 'signing-key': key, result: 'updated' });
    expect(run.stdout).toMatch(REASSERTED);
    expect(run.stdout).toContain(`Updating subscription ${existing.id}: template\n`);
  });
});

describe('one key per receiving URL', () => {
  test('two events to one URL share a key; another URL gets another one', async () => {
    const outbound = await runAction('main', inputs());
    const inbound = await runAction('main', inputs({ event: 'sms.inbound' }));
    const elsewhere = await runAction('main', inputs({ url: 'https://prod.shop.example.com/webhooks/bird' }));

    expect([outbound, inbound, elsewhere].map((r) => r.outputs.result)).toEqual(['created', 'created', 'created']);
    expect(inbound.outputs['subscription-id']).not.toBe(outbound.outputs['subscription-id']);
    expect(inbound.outputs['signing-key']).toBe(outbound.outputs['signing-key']);
    expect(outbound.outputs['signing-key']).toBe(derived(e2e.bird.accessKey));
    expect(elsewhere.outputs['signing-key']).toBe(derived(e2e.bird.accessKey, 'https://prod.shop.example.com/webhooks/bird'));
    expect(elsewhere.outputs['signing-key']).not.toBe(outbound.outputs['signing-key']);
    expect(new Set([...e2e.bird.subscriptions.values()].map((s) => s.signingKey)).size).toBe(2);
  });
});

describe('Bird shows keys', () => {
  test('a shown key that differs from the derived one is kept, with no PATCH', async () => {
    const existing = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, signingKey: 'set-elsewhere-key' });
    const run = await runAction('main', inputs());

    expect(calls()).toEqual(['GET ~']);
    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, 'signing-key': 'set-elsewhere-key', status: 'active', result: 'unchanged' });
    expect(e2e.bird.subscriptions.get(existing.id)?.signingKey).toBe('set-elsewhere-key');
    expect(run.stdout).not.toMatch(REASSERTED);
    expectNoLeaks(run, 'set-elsewhere-key', e2e.bird.accessKey);
  });

  test('an access-key change does not touch a shown key', async () => {
    const first = await runAction('main', inputs());
    const second = await runAction('main', inputs({ 'access-key': OTHER_ACCESS_KEY }));

    expect(calls(4)).toEqual(['GET ~']);
    expect(second.outputs).toEqual({ ...first.outputs, result: 'unchanged', subscriptions: first.outputs.subscriptions.replace('"created"', '"unchanged"') });
  });

  test('an explicit signing-key that differs from the shown one is set: updated', async () => {
    const existing = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, signingKey: 'old-key-0123' });
    const run = await runAction('main', inputs({ 'signing-key': 'new-key-4567' }));

    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id}`]);
    expect(e2e.bird.requests[1].body).toEqual({ signingKey: 'new-key-4567' });
    expect(run.outputs).toMatchObject({ 'signing-key': 'new-key-4567', result: 'updated' });
    expect(run.stdout).toContain(`Updating subscription ${existing.id}: signingKey`);
    expectNoLeaks(run, 'new-key-4567', 'old-key-0123');
  });
});

describe('signing-key-seed validation', () => {
  test('a seed with whitespace fails before any request, naming the input, without printing the seed', async () => {
    const seed = 'my seed with spaces 0123456789';
    const run = await runAction('main', inputs({ 'signing-key-seed': seed }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(0);
    expect(run.stdout).toContain("::error::Input 'signing-key-seed' contains whitespace or a control character; use printable characters only");
    expectNoLeaks(run, seed);
  });

  test('a seed is not needed with state: absent and is still masked', async () => {
    const run = await runAction('main', inputs({ state: 'absent', 'signing-key-seed': SEED }));

    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('not-found');
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([maskLine(e2e.bird.accessKey), maskLine(SEED)]);
    expectNoLeaks(run, SEED);
  });
});
