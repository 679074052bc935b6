// End to end (issue 20, item 2): against a Bird 150 ms away, how many round trips a step waits one
// after another, counted from the server's own timestamps (requests in flight together count once),
// so a slow machine does not change the count.
import { describe, expect, test } from '@jest/globals';
import { sequentialRoundTrips } from '../testbed/bird-server.js';
import { runAction, useBird } from './support/e2e.js';

const URL_ = 'https://pr-3.preview.shop.example.com/webhooks/bird';
const TEN = ['sms', 'whatsapp', 'email', 'telegram', 'line'].flatMap((p) => [`${p}.inbound`, `${p}.outbound`]);
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;

describe('round trips against a Bird 150 ms away', () => {
  const e2e = useBird({ service: 'channels', events: TEN.join('\n'), url: URL_ }, { delayMs: 150 });
  const trips = (from = 0) => sequentialRoundTrips(e2e.bird.requests.slice(from));

  test('ten new events: a list, the creates four at a time, the settling and the confirming list (at most 7); logs and outputs in the order of events', async () => {
    const run = await runAction('main', e2e.inputs({ cleanup: 'true' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', ...TEN.map(() => 'POST ~'), 'GET ~', 'GET ~']);
    expect(trips()).toBeLessThanOrEqual(7);
    expect(trips()).toBeGreaterThanOrEqual(4);
    const ids = TEN.map((event) => [...e2e.bird.subscriptions.values()].find((s) => s.event === event)?.id);
    expect(run.outputs['subscription-id']).toBe(ids.join(','));
    expect(JSON.parse(run.outputs.subscriptions).map((s: { event: string }) => s.event)).toEqual(TEN);
    const created = [...run.stdout.matchAll(/^Created subscription (\S+) for (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(created).toEqual(TEN.map((event, i) => [ids[i], event]));

    // The re-run changes nothing: one round trip, the list.
    let from = e2e.bird.requests.length;
    const again = await runAction('main', e2e.inputs());
    expect(again.outputs.result).toBe('unchanged');
    expect(e2e.calls(from)).toEqual(['GET ~']);
    expect(trips(from)).toBe(1);

    // The post step deletes the ten four at a time (at most 4), its lines in the saved order.
    from = e2e.bird.requests.length;
    const post = await runAction('post', e2e.inputs({ cleanup: 'true' }), { state: run.state });
    expect(post.code).toBe(0);
    expect(e2e.calls(from).sort()).toEqual(ids.map((id) => `DELETE ~/${id}`).sort());
    expect(trips(from)).toBeLessThanOrEqual(4);
    expect([...post.stdout.matchAll(/^Cleanup: deleted subscription (\S+)$/gm)].map((m) => m[1])).toEqual(ids);
    expect(e2e.bird.subscriptions.size).toBe(0);
  });

  test('a sweep of ten: the list, then the deletes four at a time (at most 4), logged oldest first', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => e2e.seed({ event: 'sms.inbound', url: preview(i + 10) }));
    const kept = e2e.seed({ event: 'sms.inbound', url: 'https://shop.example.com/webhooks/bird' });
    const run = await runAction('main', e2e.inputs({ state: 'absent', events: '', url: '', 'url-pattern': 'https://pr-*.preview.shop.example.com/webhooks/bird' }));

    expect(run.code).toBe(0);
    expect(trips()).toBeLessThanOrEqual(4);
    expect(run.outputs['subscription-id']).toBe(ten.map((s) => s.id).join(','));
    expect([...run.stdout.matchAll(/^Deleted subscription (\S+) /gm)].map((m) => m[1])).toEqual(ten.map((s) => s.id));
    expect([...e2e.bird.subscriptions.keys()]).toEqual([kept.id]);
  });

  test("a 429 drops to one request at a time, and no request starts before its Retry-After has passed", async () => {
    const ten = Array.from({ length: 10 }, (_, i) => e2e.seed({ event: 'sms.inbound', url: preview(i + 10) }));
    e2e.bird.delayMs = 20;
    e2e.bird.inject({ method: 'DELETE', skip: 1, status: 429, retryAfter: '1' });
    const state = { cleanup: JSON.stringify({ subscriptionIds: ten.map((s) => s.id) }) };
    const post = await runAction('post', e2e.inputs({ cleanup: 'true' }), { state });

    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('::warning::');
    expect(e2e.bird.subscriptions.size).toBe(0);
    const throttled = e2e.bird.requests.find((r) => r.faulted);
    const answered = throttled?.answeredAt as number;
    // Requests sent after the 429 came back (not those already on their way) wait for Retry-After.
    const after = e2e.bird.requests.filter((r) => r.receivedAt > answered + 15);
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(r.receivedAt - answered).toBeGreaterThanOrEqual(950);
    // Then one at a time at first: the first two after the pause do not overlap.
    const [a, b] = after.sort((x, y) => x.receivedAt - y.receivedAt);
    expect(b.receivedAt).toBeGreaterThanOrEqual(a.answeredAt as number);
  });
});
