// Pure parts of issue 26: a settling list that does not show this run's own writes, Bird's clock,
// and previews evicted whole.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { birdNow, isFresh, previewsToEvict } from '../src/plan/limit.js';
import { planPresent } from '../src/plan/present.js';
import { keySources, missingFrom } from '../src/plan/settle.js';
import { parseUrlPattern } from '../src/plan/url-pattern.js';

const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const PATTERN = parseUrlPattern('https://pr-*.preview.shop.example.com/webhooks/bird');
const EVENTS = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound'];
let n = 0;
const sub = (fields: Partial<Subscription> = {}): Subscription => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  service: 'channels',
  event: 'sms.inbound',
  url: preview(1),
  eventFilters: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('a settling list must show what this run created', () => {
  test('names the IDs the list leaves out, whatever their case', () => {
    const a = sub();
    const b = sub();
    expect(missingFrom([a], [a.id.toUpperCase(), b.id])).toEqual([b.id]);
    expect(missingFrom([a, b], [a.id, b.id])).toEqual([]);
    expect(missingFrom([], [])).toEqual([]);
  });
});

describe("Bird's clock", () => {
  test("is the list's Date header when it reads as a date, else the runner's clock", () => {
    expect(birdNow('Wed, 02 Dec 2026 16:00:00 GMT', Date.parse('2026-12-02T16:20:00Z'))).toBe(Date.parse('2026-12-02T16:00:00Z'));
    expect(birdNow(undefined, 5)).toBe(5);
    expect(birdNow('not a date', 5)).toBe(5);
    expect(birdNow('', 5)).toBe(5);
  });

  test('a subscription created a minute before the Date header is fresh, whatever the runner thinks', () => {
    const header = 'Wed, 02 Dec 2026 16:10:00 GMT';
    const s = sub({ createdAt: '2026-12-02T16:09:00Z' });
    expect(isFresh(s, birdNow(header, Date.parse('2026-12-02T16:00:00Z')))).toBe(true);
    expect(isFresh(s, birdNow(header, Date.parse('2026-12-02T16:20:00Z')))).toBe(true);
    // Created within the header's second (after the whole second it names): still fresh.
    expect(isFresh(sub({ createdAt: '2026-12-02T16:10:00.900Z' }), birdNow(header, Date.parse('2026-12-02T16:00:00Z')))).toBe(true);
  });

  test('a Date header more than an hour from the runner (1970, a day away) is not Bird\'s clock: the runner\'s is used, and a fresh preview stays fresh', () => {
    const runner = Date.parse('2026-12-02T16:00:00Z');
    const minuteOld = sub({ createdAt: '2026-12-02T15:59:00Z' });
    for (const header of ['Thu, 01 Jan 1970 00:00:00 GMT', 'Tue, 01 Dec 2026 16:00:00 GMT', 'Thu, 03 Dec 2026 16:00:00 GMT', 'Wed, 02 Dec 2026 17:00:01 GMT']) {
      expect(birdNow(header, runner)).toBe(runner);
      expect(isFresh(minuteOld, birdNow(header, runner))).toBe(true);
    }
    // Within the hour, the header is Bird's clock.
    expect(birdNow('Wed, 02 Dec 2026 16:59:59 GMT', runner)).toBe(Date.parse('2026-12-02T16:59:59Z'));
  });
});

describe('previews evicted whole', () => {
  const fiveOld = () => [1, 2, 3, 4, 5].flatMap((p) => EVENTS.map((event) => sub({ url: preview(p), event, createdAt: at(p) })));

  test('the oldest preview goes with all its events, never only some', () => {
    const all = fiveOld();
    const chosen = previewsToEvict(all, new Map(EVENTS.map((e) => [e, 1])), PATTERN, () => false, () => true);
    expect(chosen?.map((p) => p.url)).toEqual([preview(1)]);
    expect(chosen?.[0].subscriptions.map((s) => s.event).sort()).toEqual([...EVENTS].sort());
  });

  test('a preview with one subscription that may not go (fresh) is skipped whole', () => {
    const all = fiveOld();
    const freshOne = all.find((s) => s.url === preview(1) && s.event === 'sms.outbound') as Subscription;
    const chosen = previewsToEvict(all, new Map(EVENTS.map((e) => [e, 1])), PATTERN, () => false, (s) => s !== freshOne);
    expect(chosen?.map((p) => p.url)).toEqual([preview(2)]);
  });

  test("never the step's own URL; undefined when the previews that may go cannot free enough", () => {
    const all = fiveOld();
    expect(previewsToEvict(all, new Map([['sms.inbound', 1]]), PATTERN, (url) => url === preview(1), () => true)?.map((p) => p.url)).toEqual([preview(2)]);
    expect(previewsToEvict(all, new Map([['sms.inbound', 6]]), PATTERN, () => false, () => true)).toBeUndefined();
  });

  test('planPresent gives every event its share of the same previews, a reused event included', () => {
    const all = fiveOld().filter((s) => !(s.url === preview(3) && s.event === 'whatsapp.inbound'));
    const own = sub({ url: preview(9), event: 'whatsapp.inbound', createdAt: at(30) });
    const plans = planPresent([...all, own], {
      service: 'channels',
      events: EVENTS,
      url: preview(9),
      eventFilters: [],
      ifExists: 'reuse',
      whenFull: 'evict-oldest',
      urlPattern: PATTERN,
      now: Date.parse(at(59)) + 10 * 60_000,
    });
    // sms.* are full (five previews each); whatsapp.inbound has room but preview 1 goes whole.
    for (const plan of plans) expect(plan.evict.map((s) => s.url)).toEqual([preview(1)]);
    expect(plans.find((p) => p.event === 'whatsapp.inbound')?.target).toBe(own);
  });
});

describe('a settling list takes a key only from what existed before the first list', () => {
  const firstList = Date.parse(at(30));
  test('copies created since (by runs started together) and this run\'s own are left out; older and undated ones count', () => {
    const old = sub({ createdAt: at(1), signingKey: 'hand-set' });
    const undated = sub({ createdAt: 'not a date' });
    const sameSecond = sub({ createdAt: at(30), signingKey: 'rekeyed' });
    const later = sub({ createdAt: at(31), signingKey: 'derived' });
    const own = sub({ createdAt: at(2) });
    expect(keySources([old, undated, sameSecond, later, own], new Set([own.id]), firstList)).toEqual([old, undated]);
  });
  test('without a time of the first list, everything but this run\'s own counts', () => {
    const a = sub({ createdAt: at(40) });
    const own = sub();
    expect(keySources([a, own], new Set([own.id]), undefined)).toEqual([a]);
  });
});
