// End to end: re-runs converge, state absent deletes, and the post step cleans up.
import { describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { leaks, maskLine, runAction, useBird } from './support/e2e.js';

const URL_ = 'https://preview-7.shop.example.com/webhooks/bird';
const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: URL_ });
const { inputs, calls, seed: seedMatch } = e2e;

describe('if-exists: reuse (default)', () => {
  test('two runs in a row leave one subscription and output the same ID and key', async () => {
    const first = await runAction('main', inputs({ 'event-filters': 'channelId=1\nplatformId=sms' }));
    const second = await runAction('main', inputs({ 'event-filters': 'platformId=sms\nchannelId=1' }));

    expect(first.outputs.result).toBe('created');
    expect(second.code).toBe(0);
    expect(second.outputs).toEqual({ ...first.outputs, result: 'unchanged', subscriptions: first.outputs.subscriptions.replace('"created"', '"unchanged"') });
    expect(e2e.bird.subscriptions.size).toBe(1);
    expect(calls(4)).toEqual(['GET ~']);
    expect(second.stdout).toContain(maskLine(first.outputs['signing-key']));
    expect(leaks(second, first.outputs['signing-key'])).toEqual([]);
  });

  test('an inactive match is re-activated with one PATCH of only the status', async () => {
    const existing = seedMatch({ status: 'inactive', statusReason: 'Too many failed deliveries', signingKey: 'stored-key' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id}`]);
    expect(e2e.bird.requests[1].body).toEqual({ status: 'active' });
    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, 'signing-key': 'stored-key', status: 'active', result: 'updated' });
    expect(leaks(run, 'stored-key')).toEqual([]);
  });

  test('a different template and a given signing key are set in the same PATCH', async () => {
    const existing = seedMatch({ template: 'old', signingKey: 'stored-key' });
    const run = await runAction('main', inputs({ template: 'new', 'signing-key': 'rotated-key' }));

    expect(e2e.bird.requests[1].body).toEqual({ template: 'new', signingKey: 'rotated-key' });
    expect(e2e.bird.subscriptions.get(existing.id)?.signingKey).toBe('rotated-key');
    expect(run.outputs).toMatchObject({ 'signing-key': 'rotated-key', result: 'updated' });
  });

  test('when the list hides keys and no key is given, the derived key is set, output and reported as a re-assertion', async () => {
    e2e.bird.exposeSigningKeys = false;
    const existing = seedMatch({ signingKey: 'unknown-to-us' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id}`]);
    const derived = deriveSigningKey(e2e.bird.accessKey, { workspaceId: e2e.bird.workspaceId, url: URL_ });
    expect(e2e.bird.requests[1].body).toEqual({ signingKey: derived });
    expect(e2e.bird.subscriptions.get(existing.id)?.signingKey).toBe(derived);
    // It cannot tell this key from the one an earlier run set: not reported as a change.
    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, 'signing-key': derived, result: 'unchanged' });
    // Masked before anything mentions the subscription.
    const lines = run.stdout.split('\n');
    const reasserted = lines.findIndex((l) => l.startsWith(`Re-asserting the signing key of subscription ${existing.id}: Bird does not show keys`));
    expect(reasserted).toBeGreaterThan(-1);
    expect(lines.indexOf(maskLine(derived))).toBeGreaterThan(-1);
    expect(lines.indexOf(maskLine(derived))).toBeLessThan(lines.findIndex((l) => l.includes(existing.id)));
    expect(run.stdout).not.toContain('Updating subscription');
    expect(leaks(run, derived)).toEqual([]);
  });

  test('when the list hides keys the given key is set again, since it cannot be compared, and that is no change', async () => {
    e2e.bird.exposeSigningKeys = false;
    seedMatch({ signingKey: 'given-key' });
    const run = await runAction('main', inputs({ 'signing-key': 'given-key' }));

    expect(e2e.bird.requests[1].body).toEqual({ signingKey: 'given-key' });
    expect(run.outputs.result).toBe('unchanged');
  });

  test('a match on page three is found with three list requests', async () => {
    for (let i = 0; i < 230; i++) e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: `https://other-${i}.example.com/hook` });
    const existing = seedMatch({ signingKey: 'stored-key-3' });
    const run = await runAction('main', inputs());

    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, result: 'unchanged' });
    expect(calls()).toEqual(['GET ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.requests.map((r) => r.query.limit)).toEqual(['100', '100', '100']);
    expect(e2e.bird.requests[0].query.pageToken).toBeUndefined();
    expect(e2e.bird.requests[1].query.pageToken).toBeTruthy();
    expect(e2e.bird.requests[2].query.pageToken).not.toBe(e2e.bird.requests[1].query.pageToken);
  });

  test('filters must match as a set: other filters mean another subscription', async () => {
    seedMatch({ eventFilters: [{ key: 'channelId', value: '1' }] });
    const run = await runAction('main', inputs({ 'event-filters': 'channelId=2' }));

    expect(run.outputs.result).toBe('created');
    expect(e2e.bird.subscriptions.size).toBe(2);
  });

  test('several matches: the oldest is reused and the others, exact copies, are deleted (issue 17)', async () => {
    const oldest = seedMatch({ signingKey: 'stored-key-a' });
    const newer = seedMatch({ signingKey: 'stored-key-b' });
    const run = await runAction('main', inputs());

    expect(run.outputs['subscription-id']).toBe(oldest.id);
    expect(run.stdout).toContain(`Deleted subscription ${newer.id}: an exact copy (same URL, service, event and filters) of ${oldest.id}, which is older and is kept`);
    expect([...e2e.bird.subscriptions.keys()]).toEqual([oldest.id]);
  });
});

describe('if-exists: create and fail', () => {
  test('create always creates another one', async () => {
    seedMatch();
    const run = await runAction('main', inputs({ 'if-exists': 'create' }));

    expect(run.outputs.result).toBe('created');
    expect(e2e.bird.subscriptions.size).toBe(2);
    expect(calls()).toEqual(['GET ~', 'POST ~']);
  });

  test('fail fails the step naming the existing subscription, and changes nothing', async () => {
    const existing = seedMatch({ status: 'inactive' });
    const run = await runAction('main', inputs({ 'if-exists': 'fail' }));

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::A matching subscription already exists (${existing.id}) for channels sms.outbound -> ${URL_}, and if-exists is 'fail'`);
    expect(calls()).toEqual(['GET ~']);
  });

  test('fail without a match creates', async () => {
    const run = await runAction('main', inputs({ 'if-exists': 'fail' }));
    expect(run.outputs.result).toBe('created');
  });
});

describe('state: absent', () => {
  test('deletes every match, then reports not-found on the next run', async () => {
    const a = seedMatch();
    const b = seedMatch();
    const unrelated = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: 'https://prod.shop.example.com/webhooks/bird' });

    const first = await runAction('main', inputs({ state: 'absent' }));
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ 'subscription-id': `${a.id},${b.id}`, 'signing-key': '', status: '', result: 'deleted', evicted: '' });
    expect(JSON.parse(first.outputs.subscriptions)).toEqual([
      { event: 'sms.outbound', id: a.id, url: a.url, status: 'active', result: 'deleted' },
      { event: 'sms.outbound', id: b.id, url: b.url, status: 'active', result: 'deleted' },
    ]);
    expect([...e2e.bird.subscriptions.keys()]).toEqual([unrelated.id]);

    const second = await runAction('main', inputs({ state: 'absent' }));
    expect(second.code).toBe(0);
    expect(second.outputs.result).toBe('not-found');
    expect(e2e.bird.subscriptions.size).toBe(1);
  });

  test('deletes exactly subscription-id, without service, event or url', async () => {
    const target = seedMatch();
    const other = seedMatch();
    const byId = { 'access-key': e2e.bird.accessKey, 'workspace-id': e2e.bird.workspaceId, 'api-url': e2e.bird.url, state: 'absent', 'subscription-id': target.id };

    const first = await runAction('main', byId);
    expect(first.outputs).toMatchObject({ 'subscription-id': target.id, result: 'deleted' });
    expect(first.summary).toContain(`<td>deleted</td><td>${target.id}</td>`);
    expect(calls()).toEqual([`DELETE ~/${target.id}`]);
    expect([...e2e.bird.subscriptions.keys()]).toEqual([other.id]);

    const again = await runAction('main', byId);
    expect(again.code).toBe(0);
    expect(again.outputs.result).toBe('not-found');
  });
});

describe('cleanup: post step', () => {
  test('deletes the subscription this run created', async () => {
    const main = await runAction('main', inputs({ cleanup: 'true' }));
    const id = main.outputs['subscription-id'];
    expect(e2e.bird.subscriptions.has(id)).toBe(true);
    expect(JSON.parse(main.state.cleanup)).toEqual({ subscriptionIds: [id] });
    expect(main.state.cleanup).not.toContain(e2e.bird.accessKey);

    const from = e2e.bird.requests.length;
    const post = await runAction('post', inputs({ cleanup: 'true' }), { state: main.state });
    expect(post.code).toBe(0);
    expect(calls(from)).toEqual([`DELETE ~/${id}`]);
    expect(e2e.bird.subscriptions.size).toBe(0);
    expect(post.stdout.split('\n')[0]).toBe(maskLine(e2e.bird.accessKey));
    expect(post.stdout).toContain(`Cleanup: deleted subscription ${id}`);
    expect(leaks(post, e2e.bird.accessKey)).toEqual([]);
  });

  test('never deletes a reused subscription', async () => {
    const existing = seedMatch();
    const main = await runAction('main', inputs({ cleanup: 'true' }));
    expect(main.outputs).toMatchObject({ 'subscription-id': existing.id, result: 'unchanged' });
    expect(main.state).toEqual({});

    const from = e2e.bird.requests.length;
    const post = await runAction('post', inputs({ cleanup: 'true' }), { state: main.state });
    expect(post.code).toBe(0);
    expect(e2e.bird.requests.length).toBe(from);
    expect(e2e.bird.subscriptions.has(existing.id)).toBe(true);
  });

  test('without cleanup: true nothing is saved and nothing is deleted', async () => {
    const main = await runAction('main', inputs());
    expect(main.state).toEqual({});
    const post = await runAction('post', inputs(), { state: main.state });
    expect(post.code).toBe(0);
    expect(post.stdout).toBe(''); // ends before loading anything
    expect(e2e.bird.subscriptions.size).toBe(1);
  });

  test('a failure in the post step is a warning, not a failed job', async () => {
    const main = await runAction('main', inputs({ cleanup: 'true' }));
    e2e.bird.inject({ method: 'DELETE', status: 500, times: 10 });
    const post = await runAction('post', inputs({ cleanup: 'true' }), { state: main.state });

    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(new RegExp(`::warning::Cleanup of subscription ${main.outputs['subscription-id']} failed: DELETE .* failed after 4 attempts; last error: Bird answered HTTP 500`));
    expect(e2e.bird.requests.filter((r) => r.method === 'DELETE')).toHaveLength(4);
  });

  test('a subscription already deleted counts as cleaned up', async () => {
    const main = await runAction('main', inputs({ cleanup: 'true' }));
    e2e.bird.subscriptions.clear();
    const post = await runAction('post', inputs({ cleanup: 'true' }), { state: main.state });

    expect(post.code).toBe(0);
    expect(post.stdout).toContain('was already gone');
    expect(post.stdout).not.toContain('::warning::');
  });
});
