// End to end (issue 20, item 2): against a Bird 150 ms away, how many round trips a step waits one
// after another, counted from the server's own order of events (requests in flight together count once),
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

  test('a 429 drops to one request at a time, and no request starts before its Retry-After has passed', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => e2e.seed({ event: 'sms.inbound', url: preview(i + 10) }));
    e2e.bird.delayMs = 20;
    // The four deletes sent together are held until all have arrived (a barrier); then the first gets
    // the 429 and the other three are held until the step has printed that it will retry. So no
    // answer but the 429 reaches the step before it reads the 429, and every later request is one it
    // sent knowing of the 429. (An order of events, not a margin.)
    let read429!: () => void;
    const printedRetry = new Promise<void>((resolve) => (read429 = resolve));
    e2e.bird.barrier({ method: 'DELETE', count: 4 });
    e2e.bird.inject({ method: 'DELETE', status: 429, retryAfter: '1' });
    e2e.bird.inject({ method: 'DELETE', times: 3, until: printedRetry });
    const state = { cleanup: JSON.stringify({ subscriptionIds: ten.map((s) => s.id) }) };
    const post = await runAction('post', e2e.inputs({ cleanup: 'true' }), {
      state,
      onStdout: (stdout) => stdout.includes('retrying in') && read429(),
    }).finally(read429);

    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('::warning::');
    expect(e2e.bird.subscriptions.size).toBe(0);
    const requests = [...e2e.bird.requests].sort((x, y) => x.receivedSeq - y.receivedSeq);
    const [throttled, ...held] = requests.slice(0, 4);
    const later = requests.slice(4);
    // The setup held: the 429 was the first answer, and the four arrived before any answer.
    expect(held.every((r) => (r.answeredSeq as number) > (throttled.answeredSeq as number))).toBe(true);
    expect(Math.max(...requests.slice(0, 4).map((r) => r.receivedSeq))).toBeLessThan(throttled.answeredSeq as number);
    expect(later).toHaveLength(7);
    // None starts before Retry-After (a lower bound on time: a busy machine only lengthens it) ...
    for (const r of later) expect(r.receivedAt - (throttled.answeredAt as number)).toBeGreaterThanOrEqual(950);
    // ... nor before the requests already on their way were answered; then one at a time at first.
    const lastHeld = Math.max(...held.map((r) => r.answeredSeq as number));
    expect(later[0].receivedSeq).toBeGreaterThan(lastHeld);
    expect(later[1].receivedSeq).toBeGreaterThan(later[0].answeredSeq as number);
  });
});
