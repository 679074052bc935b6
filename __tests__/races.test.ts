// Pure parts of issue 17 and 20: the survivor rule, planning again after Bird's limit refused a
// create, the ordered pool of writes, and the gate that slows down on 429.
import { describe, expect, test } from '@jest/globals';
import { Gate } from '../src/bird/gate.js';
import type { Subscription } from '../src/bird/types.js';
import { planRoom } from '../src/plan/limit.js';
import { replanAfterRefusal, type EventPlan, type PresentRequest } from '../src/plan/present.js';
import { settle, survivorOf } from '../src/plan/settle.js';
import { parseUrlPattern } from '../src/plan/url-pattern.js';
import { inOrder } from '../src/steps/parallel.js';

const URL_ = 'https://pr-1.preview.shop.example.com/webhooks/bird';
let n = 0;
const sub = (fields: Partial<Subscription> = {}): Subscription => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  service: 'channels',
  event: 'sms.inbound',
  url: URL_,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

describe('the survivor rule', () => {
  test('keeps the oldest createdAt, whatever order the list has', () => {
    const newer = sub({ createdAt: '2026-01-01T00:00:02Z' });
    const oldest = sub({ createdAt: '2026-01-01T00:00:01Z' });
    const newest = sub({ createdAt: '2026-01-01T00:00:03Z' });
    for (const order of [[newer, oldest, newest], [newest, newer, oldest], [oldest, newest, newer]]) {
      expect(survivorOf(order)).toEqual({ keep: oldest, remove: [newer, newest] });
    }
  });

  test('breaks a tie of createdAt by ID, so every run picks the same one', () => {
    const b = sub({ id: 'bbbbbbbb-0000-4000-8000-000000000000' });
    const a = sub({ id: 'aaaaaaaa-0000-4000-8000-000000000000' });
    expect(survivorOf([b, a])?.keep).toBe(a);
    expect(survivorOf([a, b])?.keep).toBe(a);
  });

  test('reads createdAt as a point in time; one without a readable date is never the survivor', () => {
    const offset = sub({ createdAt: '2026-01-01T01:00:00+02:00' }); // 23:00 the day before
    const utc = sub({ createdAt: '2026-01-01T00:00:00Z' });
    const undated = sub({ createdAt: undefined, id: '00000000-0000-4000-8000-000000000000' });
    expect(survivorOf([utc, undated, offset])).toEqual({ keep: offset, remove: [utc, undated] });
  });

  test('settles only exact copies: same URL, service, event and filters (in any order)', () => {
    const kept = sub({ eventFilters: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }], createdAt: '2026-01-01T00:00:01Z' });
    const copy = sub({ eventFilters: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }], createdAt: '2026-01-01T00:00:02Z' });
    const others = [
      sub({ url: `${URL_}/`, eventFilters: kept.eventFilters }),
      sub({ event: 'sms.outbound', eventFilters: kept.eventFilters }),
      sub({ service: 'conversations', eventFilters: kept.eventFilters }),
      sub({ eventFilters: [{ key: 'a', value: '1' }] }),
    ];
    const wanted = { service: 'channels', event: 'sms.inbound', url: URL_, eventFilters: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] };
    expect(settle([...others, copy, kept], wanted)).toEqual({ keep: kept, remove: [copy] });
    expect(settle(others.slice(0, 1), wanted)).toBeUndefined();
  });
});

describe('planning again after the limit refused a create', () => {
  const request: PresentRequest = {
    service: 'channels',
    events: ['sms.inbound'],
    url: 'https://pr-9.preview.shop.example.com/webhooks/bird',
    ifExists: 'reuse',
    whenFull: 'evict-oldest',
    // Parsed on use, not at load: otherwise every url-pattern mutant is static and runs every unit test.
    urlPattern: { text: 'https://pr-*.preview.shop.example.com/webhooks/bird', matches: (url) => parseUrlPattern('https://pr-*.preview.shop.example.com/webhooks/bird').matches(url) },
  };
  const plan: EventPlan = { event: 'sms.inbound', wanted: { service: 'channels', event: 'sms.inbound', url: request.url }, others: [], evict: [] };
  const preview = (k: number, minute: number) => sub({ url: `https://pr-${k}.preview.shop.example.com/webhooks/bird`, createdAt: `2026-01-01T00:0${minute}:00Z` });

  test('evicts the oldest preview this run saw first, never one another run has just created', () => {
    const seen = [1, 2, 3].map((k) => preview(k, k));
    // Two runs started together created theirs meanwhile; one of them is older than a seen one.
    const fresh = [preview(7, 0), preview(8, 4)];
    const first = new Set(seen.map((s) => s.id));
    const next = replanAfterRefusal([...fresh, ...seen], plan, request, (s) => first.has(s.id));
    expect(next).toMatchObject({ target: undefined, evict: [seen[0]] });
  });

  test('refuses, naming the race, when only fresh subscriptions are left to evict', () => {
    const fresh = [1, 2, 3, 4, 5].map((k) => preview(k, k));
    const next = replanAfterRefusal(fresh, plan, request, () => false);
    expect(next).toMatch(/^Bird refused the create \(HTTP 422\)\. Bird allows at most 5 subscriptions .*Another run took a slot after this step looked; re-run the step to make room again\.$/);
  });

  test('reuses the subscription a run started together created for the same URL', () => {
    const same = sub({ url: request.url });
    const next = replanAfterRefusal([1, 2, 3, 4].map((k) => preview(k, k)).concat(same), plan, request, () => true);
    expect(next).toMatchObject({ target: same, evict: [] });
  });

  test('with room again, creates without evicting', () => {
    expect(replanAfterRefusal([preview(1, 1)], plan, request, () => true)).toMatchObject({ target: undefined, evict: [] });
  });

  test('planRoom counts every occupant but evicts only the evictable', () => {
    const five = [1, 2, 3, 4, 5].map((k) => preview(k, k));
    const room = planRoom(five, 'evict-oldest', request.urlPattern, (s) => s !== five[0]);
    expect(room.evict).toEqual([five[1]]);
  });
});

describe('the ordered pool of writes', () => {
  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('runs at most four at once and prints each item’s lines in item order, whatever order they finish in', async () => {
    let running = 0;
    let most = 0;
    const printed: string[] = [];
    const delays = [40, 5, 30, 1, 20, 2, 10, 3, 1, 25];
    const results = await inOrder(
      delays.map((ms, i) => async (log) => {
        running++;
        most = Math.max(most, running);
        log(`${i} start`);
        await later(ms);
        log(`${i} end`);
        running--;
        return i * 10;
      }),
      (line) => printed.push(line),
    );
    expect(most).toBe(4);
    expect(printed).toEqual(delays.flatMap((_, i) => [`${i} start`, `${i} end`]));
    expect(results).toEqual(delays.map((_, i) => ({ ok: true, value: i * 10 })));
  });

  test('after a failure starts nothing new; what ran is settled and printed', async () => {
    const printed: string[] = [];
    const results = await inOrder(
      [0, 1, 2, 3, 4, 5].map((i) => async (log) => {
        log(`item ${i}`);
        await later(i === 1 ? 1 : 20);
        if (i === 1) throw new Error('boom');
        return i;
      }),
      (line) => printed.push(line),
    );
    expect(results.map((r) => (r === undefined ? 'never' : r.ok ? 'ok' : 'failed'))).toEqual(['ok', 'failed', 'ok', 'ok', 'never', 'never']);
    expect(printed).toEqual(['item 0', 'item 1', 'item 2', 'item 3']);
  });
});

describe('the gate', () => {
  test('lets four through at once, one after a 429 until answers come back, and none before Retry-After', async () => {
    let release!: () => void;
    const sleeps: number[] = [];
    const gate = new Gate(4, (ms) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => (release = resolve));
    });
    let running = 0;
    const started: number[] = [];
    const hold: (() => void)[] = [];
    // Each request answers what its test says: 429 for the first, fine for the others.
    const request = (i: number) =>
      gate.run(
        async () => {
          running++;
          started.push(i);
          await new Promise<void>((resolve) => hold.push(resolve));
          running--;
          return i === 0 ? 429 : 200;
        },
        (status) => (status === 429 ? { retryAfterMs: 2000 } : undefined),
      );
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const all = [0, 1, 2, 3, 4, 5, 6].map(request);
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);

    hold.shift()?.();
    await tick();
    expect(sleeps).toEqual([2000]);
    // The other three were already on their way: their answers do not open up again.
    for (const done of hold.splice(0)) done();
    await tick();
    // Retry-After has not passed: nothing more starts.
    expect(started).toEqual([0, 1, 2, 3]);
    release();
    await tick();
    // Then one at a time, one more for each answer at the slower pace.
    expect(started).toEqual([0, 1, 2, 3, 4]);
    hold.shift()?.();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const done of hold.splice(0)) done();
    await Promise.all(all);
    expect(running).toBe(0);
  });
});
