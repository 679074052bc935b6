// Issue 26, attack findings on settling: whole previews evicted as one wave before any create
// (finding 4), a key never taken from copies runs started together made (finding 2), and a limit
// refusal whose give-back deletes all fail says the preview still holds its places (finding 7).
import { describe, expect, test } from '@jest/globals';
import { runAction, useBird, type ActionRun } from './support/e2e.js';

const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const MINUTE = 60_000;
const LIMIT = JSON.stringify({ code: 'SubscriptionLimitExceeded', message: 'At most 5 webhook subscriptions may share the same filter combination' });
const cleanupIds = (run: ActionRun): string[] => (run.state.cleanup ? (JSON.parse(run.state.cleanup) as { subscriptionIds: string[] }).subscriptionIds : []);
const outputIds = (run: ActionRun): string[] => (run.outputs['subscription-id'] ? run.outputs['subscription-id'].split(',').filter((s) => s !== '') : []);
const errors = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::error::'));

describe('five events: a preview is evicted whole before any create (finding 4)', () => {
  const FIVE = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound', 'whatsapp.outbound', 'email.inbound'];
  const e2e = useBird({ service: 'channels', events: FIVE.join('\n') }, { delayMs: 40, realClock: true });

  test('a limit refusal on the first event leaves the oldest preview gone whole, and the server saw every delete before any create', async () => {
    const longAgo = (m: number) => new Date(Date.now() - (60 - m) * MINUTE).toISOString();
    for (let p = 1; p <= 5; p++) for (const event of FIVE) e2e.seed({ event, url: preview(p), eventFilters: [], createdAt: longAgo(p) });
    e2e.bird.inject({ method: 'POST', when: (r) => (r.body as { event?: string }).event === FIVE[0], status: 422, rawBody: LIMIT, times: 20 });
    e2e.bird.inject({ method: 'POST', when: (r) => (r.body as { event?: string }).event !== FIVE[0], delayMs: 500, times: 20 });
    const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', 'max-attempts': '1', cleanup: 'true' }));
    const left = [...e2e.bird.subscriptions.values()];
    expect(run.code).toBe(1);
    expect(left.filter((s) => s.url === preview(9))).toEqual([]);
    expect(left.filter((s) => s.url === preview(1))).toEqual([]);
    const calls = e2e.calls();
    // The server's record: the preview's five deletes all come before the first create.
    const firstPost = calls.findIndex((c) => c.startsWith('POST'));
    expect(firstPost).toBeGreaterThan(0);
    expect(calls.slice(0, firstPost).filter((c) => c.startsWith('DELETE'))).toHaveLength(5);
    expect(run.outputs.evicted?.split(',').filter((s) => s !== '')).toHaveLength(5);
  }, 30_000);

  test('a failing eviction delete: no create is sent, and every other delete of the preview was tried', async () => {
    const longAgo = (m: number) => new Date(Date.now() - (60 - m) * MINUTE).toISOString();
    for (let p = 1; p <= 5; p++) for (const event of FIVE) e2e.seed({ event, url: preview(p), eventFilters: [], createdAt: longAgo(p) });
    const victim = [...e2e.bird.subscriptions.values()].find((s) => s.url === preview(1) && s.event === FIVE[0]);
    e2e.bird.inject({ method: 'DELETE', path: victim?.id as string, status: 500, times: 20 });
    const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', 'max-attempts': '1' }));
    expect(run.code).toBe(1);
    expect(e2e.calls().filter((c) => c.startsWith('POST'))).toEqual([]);
    expect([...e2e.bird.subscriptions.values()].filter((s) => s.url === preview(1)).map((s) => s.id)).toEqual([victim?.id]);
  }, 30_000);
});

describe('shown keys: runs together whose first lists missed a keyed production subscription (finding 2)', () => {
  const PROD = 'https://shop.example.com/webhooks/bird';
  const EV = ['sms.inbound', 'whatsapp.inbound'];
  const handSet = 'hand-set-key-0123456789abcdef';
  const e2e = useBird({ service: 'channels', events: EV.join('\n'), url: PROD }, { exposeSigningKeys: true, realClock: true, delayMs: 40 });

  test.each([
    [2, 2],
    [3, 3],
  ])('%i runs together, production left out of the next %i lists: every run keeps the hand-set key, none fails', async (runs, times) => {
    const prod = e2e.seed({ event: EV[0], eventFilters: [], signingKey: handSet, createdAt: new Date(Date.now() - 60 * MINUTE).toISOString() });
    e2e.bird.leaveOutOfList(prod.id, times);
    e2e.bird.barrier({ method: 'GET', count: runs });
    const all = await Promise.all(Array.from({ length: runs }, () => runAction('main', e2e.inputs({ cleanup: 'true' }))));
    expect(all.flatMap(errors)).toEqual([]);
    expect(all.map((r) => r.code)).toEqual(all.map(() => 0));
    expect(e2e.bird.subscriptions.get(prod.id)?.signingKey).toBe(handSet);
    expect(e2e.calls().filter((c) => c === `PATCH ~/${prod.id}`)).toEqual([]);
    for (const run of all) expect(run.outputs['signing-key']).toBe(handSet);
    for (const id of all.flatMap(outputIds)) expect(e2e.bird.subscriptions.has(id)).toBe(true);
    for (const id of all.flatMap(cleanupIds)) expect(e2e.bird.subscriptions.has(id)).toBe(true);
  }, 30_000);
});

describe('a limit refusal whose give-back deletes all fail (finding 7)', () => {
  const TWO = ['sms.inbound', 'whatsapp.inbound'];
  const e2e = useBird({ service: 'channels', events: TWO.join('\n') }, { delayMs: 20, realClock: true });

  test('the error says the preview still holds its places, and the created one stays in outputs and cleanup state', async () => {
    e2e.bird.inject({ method: 'POST', when: (r) => (r.body as { event?: string }).event === TWO[1], status: 422, rawBody: LIMIT, times: 20 });
    e2e.bird.inject({ method: 'DELETE', status: 500, times: 20 });
    const run = await runAction('main', e2e.inputs({ url: preview(9), 'max-attempts': '1', cleanup: 'true' }));
    const left = [...e2e.bird.subscriptions.keys()];
    expect(run.code).toBe(1);
    expect(left).toHaveLength(1);
    expect(errors(run).join('\n')).toMatch(/so this preview still holds its places/);
    expect(cleanupIds(run)).toEqual(left);
    expect(outputIds(run)).toEqual(left);
  }, 30_000);
});
