// Rules of Bird's limit of five (src/plan/limit.ts) that no other unit test pins (issue 22): who
// counts as an occupant, the exact point where evict-oldest can make room, and the refusal's text.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { BIRD_COMBINATION_LIMIT, isFresh, limitMessage, occupants, planRoom } from '../src/plan/limit.js';
import type { UrlPattern } from '../src/plan/url-pattern.js';

const sub = (id: string, url: string, day: number, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  service: 'channels',
  event: 'sms.inbound',
  url,
  createdAt: `2026-01-${String(day).padStart(2, '0')}T00:00:00Z`,
  status: 'active',
  ...extra,
});

/** A stand-in for url-pattern: ours are the preview hosts. Keeps these tests off the pattern parser. */
const ours: UrlPattern = { text: 'https://pr-*.preview.example.com/hook', matches: (url) => /^https:\/\/pr-\d+\.preview\.example\.com\/hook$/.test(url) };
const mine = (n: number, day: number) => sub(`pr-${n}`, `https://pr-${n}.preview.example.com/hook`, day);
const theirs = (n: number, day: number) => sub(`other-${n}`, `https://other-${n}.example.com/hook`, day);

describe('occupants', () => {
  const wanted = { service: 'channels', event: 'sms.inbound', url: 'https://pr-9.preview.example.com/hook', eventFilters: [{ key: 'channelId', value: 'c1' }] };

  test('another service with the same event name does not count', () => {
    const all = [
      sub('same', 'https://a.example.com/', 2, { eventFilters: [{ key: 'channelId', value: 'c1' }] }),
      sub('numbers', 'https://a.example.com/', 1, { service: 'numbers', eventFilters: [{ key: 'channelId', value: 'c1' }] }),
      sub('conversations', 'https://b.example.com/', 1, { service: 'conversations', eventFilters: [{ key: 'channelId', value: 'c1' }] }),
    ];
    expect(occupants(all, wanted).map((s) => s.id)).toEqual(['same']);
  });

  test('another event or other filters do not count; filters in another order do', () => {
    const all = [
      sub('event', 'https://a.example.com/', 1, { event: 'sms.outbound', eventFilters: [{ key: 'channelId', value: 'c1' }] }),
      sub('none', 'https://a.example.com/', 1),
      sub('more', 'https://a.example.com/', 1, { eventFilters: [{ key: 'channelId', value: 'c1' }, { key: 'x', value: 'y' }] }),
      sub('same', 'https://a.example.com/', 3, { eventFilters: [{ key: 'channelId', value: 'c1' }] }),
    ];
    expect(occupants(all, wanted).map((s) => s.id)).toEqual(['same']);
  });
});

describe('planRoom', () => {
  test('the limit is five: four leave room for one more, five do not', () => {
    expect(BIRD_COMBINATION_LIMIT).toBe(5);
    const four = [mine(1, 1), mine(2, 2), mine(3, 3), theirs(4, 4)];
    expect(planRoom(four, 'fail', ours)).toEqual({ full: false, evict: [] });
    expect(planRoom([...four, theirs(5, 5)], 'fail', ours)).toEqual({ full: true, occupants: [...four, theirs(5, 5)] });
  });

  test('evict-oldest with exactly as many of ours as must go evicts them all', () => {
    const taken = [theirs(1, 1), theirs(2, 2), mine(3, 3), theirs(4, 4), theirs(5, 5)];
    expect(planRoom(taken, 'evict-oldest', ours)).toEqual({ full: true, evict: [taken[2]], occupants: taken });
    const six = [theirs(1, 1), mine(2, 2), theirs(3, 3), theirs(4, 4), mine(5, 5), theirs(6, 6)];
    expect(planRoom(six, 'evict-oldest', ours)).toEqual({ full: true, evict: [six[1], six[4]], occupants: six });
  });

  test('evict-oldest with one fewer of ours than must go evicts none, and says the combination is full', () => {
    const six = [theirs(1, 1), mine(2, 2), theirs(3, 3), theirs(4, 4), theirs(5, 5), theirs(6, 6)];
    expect(planRoom(six, 'evict-oldest', ours)).toEqual({ full: true, occupants: six });
    const none = [theirs(1, 1), theirs(2, 2), theirs(3, 3), theirs(4, 4), theirs(5, 5)];
    expect(planRoom(none, 'evict-oldest', ours)).toEqual({ full: true, occupants: none });
  });

  test('evict-oldest without a pattern evicts nothing', () => {
    const five = [mine(1, 1), mine(2, 2), mine(3, 3), mine(4, 4), mine(5, 5)];
    expect(planRoom(five, 'evict-oldest', undefined)).toEqual({ full: true, occupants: five });
  });

  test('evict-oldest takes the oldest of ours, in the order given (occupants() sorts by age)', () => {
    const taken = [mine(1, 1), theirs(2, 2), mine(3, 3), mine(4, 4), theirs(5, 5)];
    expect(planRoom(taken, 'evict-oldest', ours).evict).toEqual([taken[0]]);
  });
});

describe('limitMessage', () => {
  const show = (text: unknown) => `<${String(text)}>`;

  test('names the occupants, oldest first as given, through the given show()', () => {
    expect(limitMessage('channels sms.inbound with no filters', [mine(1, 1), theirs(2, 2)], show, 'The hint.')).toBe(
      'Bird allows at most 5 subscriptions for channels sms.inbound with no filters (same service, event and filters, whatever the URL); ' +
        'occupied by, oldest first: <pr-1> (<https://pr-1.preview.example.com/hook>), <other-2> (<https://other-2.example.com/hook>). The hint.',
    );
  });

  test('with no occupant listed (Bird refused, the list did not show them) it lists none', () => {
    expect(limitMessage('channels sms.inbound with no filters', [], show, 'The hint.')).toBe(
      'Bird allows at most 5 subscriptions for channels sms.inbound with no filters (same service, event and filters, whatever the URL). The hint.',
    );
  });
});

describe('isFresh', () => {
  test('a createdAt that is not a string is not fresh, even one whose text is a recent date', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    const recent = new Date(now - 1000).toISOString();
    expect(isFresh(sub('a', 'https://pr-1.preview.example.com/hook', 1, { createdAt: recent }), now)).toBe(true);
    expect(isFresh(sub('a', 'https://pr-1.preview.example.com/hook', 1, { createdAt: [recent] as unknown as string }), now)).toBe(false);
    expect(isFresh(sub('a', 'https://pr-1.preview.example.com/hook', 1, { createdAt: (now - 1000) as unknown as string }), now)).toBe(false);
  });
});
