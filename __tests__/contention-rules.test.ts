// Pure rule (plan/contention.ts): previews of several events deploying together at Bird's limit,
// with nothing left to evict, agree from the same list on which one yields its places.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { contenders, decideContention, notGivenBack, waitingLine, yieldSentence, type ContentionRequest } from '../src/plan/contention.js';
import { replanAfterRefusal, type EventPlan, type PresentRequest } from '../src/plan/present.js';
import { parseUrlPattern } from '../src/plan/url-pattern.js';

const EVENTS = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound'];
const PATTERN = parseUrlPattern('https://pr-*.preview.shop.example.com/webhooks/bird');
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const NOW = Date.parse('2026-03-01T12:00:00.000Z');
/** `seconds` before NOW, in ISO form. */
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

let n = 0;
const sub = (url: string, event: string, createdAt: string, fields: Partial<Subscription> = {}): Subscription => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  service: 'channels',
  event,
  url,
  createdAt,
  ...fields,
});
/** A preview holding `events`, each created `seconds` ago. */
const holding = (p: number, events: string[], seconds: number) => events.map((e) => sub(preview(p), e, ago(seconds)));

const request = (url: string, extra: Partial<ContentionRequest> = {}): ContentionRequest => ({
  service: 'channels',
  events: EVENTS,
  url,
  urlPattern: PATTERN,
  now: NOW,
  ...extra,
});

describe('the previews that contend', () => {
  test('are those holding part of the events, oldest first by their oldest subscription', () => {
    const list = [
      ...holding(3, ['sms.inbound'], 10),
      ...holding(1, ['sms.inbound', 'sms.outbound'], 20),
      sub(preview(2), 'sms.inbound', ago(5)),
      sub(preview(2), 'whatsapp.inbound', ago(30)),
    ];
    expect(contenders(list, request(preview(9))).map((c) => [c.url, c.events])).toEqual([
      [preview(2), ['sms.inbound', 'whatsapp.inbound']],
      [preview(1), ['sms.inbound', 'sms.outbound']],
      [preview(3), ['sms.inbound']],
    ]);
  });

  test('ties of createdAt (whole seconds) are broken by URL, whatever order the list has', () => {
    const a = holding(12, ['sms.inbound'], 10);
    const b = holding(11, ['sms.outbound'], 10);
    const c = holding(13, ['whatsapp.inbound', 'sms.inbound'], 10);
    for (const list of [[...a, ...b, ...c], [...c, ...b, ...a], [...b, ...c, ...a]]) {
      expect(contenders(list, request(preview(9))).map((x) => x.url)).toEqual([preview(11), preview(12), preview(13)]);
    }
  });

  test('complete previews, old previews and previews with one old subscription do not contend', () => {
    const list = [
      ...holding(1, EVENTS, 10), // complete
      ...holding(2, ['sms.inbound'], 3600), // old: evictable, not deploying now
      sub(preview(3), 'sms.inbound', ago(10)),
      sub(preview(3), 'sms.outbound', ago(3600)), // one old subscription: not a deploy running now
      ...holding(4, ['sms.inbound'], 10),
    ];
    expect(contenders(list, request(preview(9))).map((c) => c.url)).toEqual([preview(4)]);
  });

  test('previews outside url-pattern, other services, filters and events are ignored', () => {
    const list = [
      sub('https://shop.example.com/webhooks/bird', 'sms.inbound', ago(10)),
      sub(preview(1), 'sms.inbound', ago(10), { service: 'numbers' }),
      sub(preview(2), 'sms.inbound', ago(10), { eventFilters: [{ key: 'channelId', value: 'x' }] }),
      sub(preview(3), 'email.inbound', ago(10)),
      ...holding(4, ['sms.outbound'], 10),
    ];
    expect(contenders(list, request(preview(9))).map((c) => c.url)).toEqual([preview(4)]);
  });

  test('with one event, or without url-pattern, no preview contends', () => {
    const list = [...holding(1, ['sms.inbound'], 10), ...holding(2, ['sms.inbound', 'sms.outbound'], 5)];
    expect(contenders(list, request(preview(2), { events: ['sms.inbound'] }))).toEqual([]);
    expect(contenders(list, request(preview(2), { urlPattern: undefined }))).toEqual([]);
  });

  test("this run's own URL counts whatever case Bird stores its host in", () => {
    const list = [...holding(1, ['sms.inbound'], 20), sub('https://PR-2.preview.shop.example.com/webhooks/bird', 'sms.inbound', ago(10))];
    const own = request('https://pr-2.preview.SHOP.example.com/webhooks/bird');
    expect(decideContention(list, own)).toMatchObject({ yields: true, contenders: [{ url: preview(1) }, { url: preview(2) }] });
  });
});

describe('who yields', () => {
  const list = [...holding(1, ['sms.inbound', 'sms.outbound'], 30), ...holding(2, ['sms.outbound'], 20), ...holding(3, ['whatsapp.inbound', 'sms.inbound'], 10)];

  test('the youngest contender yields; every older one waits, and all of them agree on it', () => {
    const decisions = [1, 2, 3].map((p) => decideContention(list, request(preview(p))).yields);
    expect(decisions).toEqual([false, false, true]);
  });

  test('a run whose preview holds none of its events yields', () => {
    expect(decideContention(list, request(preview(9))).yields).toBe(true);
  });

  test('a run whose own preview holds old subscriptions is no contender: older than all of them, it waits while any contend', () => {
    const old = [...list, ...holding(4, ['sms.inbound'], 3600)];
    expect(decideContention(old, request(preview(4)))).toMatchObject({ yields: false, holdsNone: false });
    // The youngest contender still yields, whatever the old preview does.
    expect(decideContention(old, request(preview(3))).yields).toBe(true);
  });

  test('alone, a run whose own preview holds old subscriptions fails as before this rule, with the message as it was', () => {
    const alone = [...holding(4, ['sms.inbound'], 3600), ...holding(5, EVENTS, 10)];
    const decision = decideContention(alone, request(preview(4)));
    expect(decision).toMatchObject({ yields: true, holdsNone: false, contenders: [] });
    expect(yieldSentence(decision, preview(4))).toBe('');
  });

  test('with one event the refused run yields as before, and the message stays as it was', () => {
    const single = request(preview(1), { events: ['sms.inbound'] });
    const decision = decideContention(list, single);
    expect(decision).toEqual({ applies: false, yields: true, holdsNone: false, contenders: [] });
    expect(yieldSentence(decision, preview(1))).toBe('');
    // Holding none of it, too: the limit message as it was, no sentence about previews.
    expect(yieldSentence(decideContention(list, request(preview(9), { events: ['sms.inbound'] })), preview(9))).toBe('');
  });

  test('whole-second ties: the one with the greatest URL yields, and only it', () => {
    const tied = [...holding(21, ['sms.inbound'], 10), ...holding(12, ['sms.outbound'], 10), ...holding(3, ['whatsapp.inbound'], 10)];
    // Code-unit order of the URLs: pr-12 < pr-21 < pr-3.
    expect([3, 12, 21].map((p) => decideContention(tied, request(preview(p))).yields)).toEqual([true, false, false]);
  });
});

describe('what the runs say', () => {
  const list = [...holding(1, ['sms.inbound', 'sms.outbound'], 30), ...holding(2, ['sms.outbound'], 20)];

  test('the youngest names itself and the others, oldest first', () => {
    expect(yieldSentence(decideContention(list, request(preview(2))), preview(2))).toBe(
      `This preview (${preview(2)}) was the youngest of the 2 previews deploying together that hold part of their events (the others, oldest first: ${preview(1)}), so it yields them its places; re-run it once they are done.`,
    );
  });

  test('a preview holding none of its events says so', () => {
    expect(yieldSentence(decideContention(list, request(preview(9))), preview(9))).toMatch(
      /^This preview \(\S+pr-9\S+\) holds none of these events yet, so it counts as the youngest of the 3 previews deploying together that need these places \(the others, oldest first: \S+pr-1\S+, \S+pr-2\S+\)/,
    );
    expect(yieldSentence(decideContention([], request(preview(9))), preview(9))).toMatch(/holds none of these events yet, and no other preview deploying together holds only part of its own/);
  });

  test('the waiting line counts the others', () => {
    const decision = decideContention(list, request(preview(1)));
    expect(waitingLine('channels sms.inbound with no filters', decision, preview(1))).toBe(
      "Bird's limit of five is reached for channels sms.inbound with no filters; 1 other preview deploying now holds part of its events and the youngest of them gives its places back: trying again",
    );
    expect(notGivenBack(decision, preview(1), 4, 12)).toMatch(
      /waited for the other preview deploying together that holds part of its events \(\S+pr-2\S+\) to give its places back, and it had not after 12 tries for this event \(at most 12: three times max-attempts 4\)/,
    );
    const three = decideContention([...list, ...holding(3, ['sms.inbound'], 10)], request(preview(1)));
    expect(waitingLine('channels sms.inbound with no filters', three, preview(1))).toBe(
      "Bird's limit of five is reached for channels sms.inbound with no filters; 2 other previews deploying now hold part of their events and the youngest of them gives its places back: trying again",
    );
    expect(notGivenBack(three, preview(1), 4, 12)).toMatch(/waited for the youngest of the 2 other previews deploying together that hold part of their events \(\S+pr-3\S+\)/);
  });

  test('outside text in a URL is shown escaped', () => {
    const odd = `${preview(5)}\r::warning::x`;
    const decision = decideContention([...list, sub(odd, 'sms.inbound', ago(5))], request(odd, { urlPattern: parseUrlPattern('https://pr-*.preview.shop.example.com/**') }));
    expect(yieldSentence(decision, odd)).not.toMatch(/\r/);
  });
});

describe('planning again after a refusal, with previews deploying together', () => {
  const plan = (event: string, url: string): EventPlan => ({ event, wanted: { service: 'channels', event, url }, others: [], evict: [] });
  /** Evictable: on this run's first list (what it saw before the others moved). */
  const firstList = (subs: Subscription[]) => (s: Subscription) => subs.some((f) => f.id === s.id);
  const present = (url: string): PresentRequest => ({ service: 'channels', events: EVENTS, url, ifExists: 'reuse', whenFull: 'evict-oldest', urlPattern: PATTERN, now: NOW });

  test('evicts an old preview for every preview it sees lacking the event, oldest first', () => {
    // sms.inbound: three old previews and two new ones; new previews 12 and 13 lack it, as does this run (11).
    const list = [
      ...holding(1, EVENTS, 3600),
      ...holding(2, EVENTS, 3500),
      ...holding(3, EVENTS, 3400),
      ...holding(14, ['sms.inbound', 'sms.outbound'], 10),
      ...holding(15, ['sms.inbound'], 10),
      ...holding(12, ['sms.outbound'], 10),
      ...holding(13, ['whatsapp.inbound'], 10),
    ];
    const next = replanAfterRefusal(list, plan('sms.inbound', preview(11)), present(preview(11)), firstList(list.slice(0, 9))) as EventPlan;
    expect(new Set(next.evict.map((s) => s.url))).toEqual(new Set([preview(1), preview(2), preview(3)]));
  });

  test('a fresh preview that holds fewer events and has not moved since the first list needs no place', () => {
    // Preview 12 lacks sms.inbound on purpose (another step with fewer events) and was on the first list already.
    const list = [...holding(1, EVENTS, 3600), ...holding(2, EVENTS, 3500), ...holding(3, EVENTS, 3400), ...holding(12, ['sms.outbound'], 60), ...holding(14, ['sms.inbound'], 10), ...holding(15, ['sms.inbound'], 10)];
    const next = replanAfterRefusal(list, plan('sms.inbound', preview(11)), present(preview(11)), firstList(list.slice(0, 10))) as EventPlan;
    expect(new Set(next.evict.map((s) => s.url))).toEqual(new Set([preview(1)]));
    // Once it gains a subscription during this run, it is deploying now and counts.
    const moving = [...list, sub(preview(12), 'whatsapp.inbound', ago(1))];
    const again = replanAfterRefusal(moving, plan('sms.inbound', preview(11)), present(preview(11)), firstList(list.slice(0, 10))) as EventPlan;
    expect(new Set(again.evict.map((s) => s.url))).toEqual(new Set([preview(1), preview(2)]));
  });

  test('where old previews cannot make room for all of them, it makes room for itself alone', () => {
    const list = [...holding(1, EVENTS, 3600), ...holding(14, EVENTS, 10), ...holding(15, ['sms.inbound'], 10), ...holding(16, ['sms.inbound'], 10), ...holding(17, ['sms.inbound'], 10), ...holding(12, ['sms.outbound'], 10), ...holding(13, ['whatsapp.inbound'], 10)];
    const next = replanAfterRefusal(list, plan('sms.inbound', preview(11)), present(preview(11)), firstList(list.slice(0, 3))) as EventPlan;
    expect(new Set(next.evict.map((s) => s.url))).toEqual(new Set([preview(1)]));
  });
});
