import { describe, expect, test } from '@jest/globals';
import { findMatches, sameFilters, sameSubscription } from '../src/plan/match.js';
import { planConverge } from '../src/plan/converge.js';
import type { Subscription } from '../src/bird/types.js';

const wanted = { service: 'channels', event: 'sms.outbound', url: 'https://a.example.com/hook', eventFilters: [{ key: 'channelId', value: '1' }, { key: 'status', value: 'sent' }] };
const sub = (fields: Partial<Subscription> = {}): Subscription => ({ id: 'id-1', ...wanted, status: 'active', ...fields });

describe('matching', () => {
  test('filter order does not matter', () => {
    expect(sameFilters([{ key: 'a', value: '1' }, { key: 'b', value: '2' }], [{ key: 'b', value: '2' }, { key: 'a', value: '1' }])).toBe(true);
  });

  test('absent, null and empty filters are all "no filters"', () => {
    expect(sameFilters(undefined, [])).toBe(true);
    expect(sameFilters(null, undefined)).toBe(true);
    expect(sameFilters([], [{ key: 'a', value: '1' }])).toBe(false);
  });

  test('duplicates count, and keys and values do not run into each other', () => {
    expect(sameFilters([{ key: 'a', value: '1' }, { key: 'a', value: '1' }], [{ key: 'a', value: '1' }])).toBe(false);
    expect(sameFilters([{ key: 'a=b', value: 'c' }], [{ key: 'a', value: 'b=c' }])).toBe(false);
  });

  test('service, event and the exact URL must match; trailing data makes it another URL', () => {
    expect(sameSubscription(sub(), wanted)).toBe(true);
    expect(sameSubscription(sub({ url: 'https://a.example.com/hook/' }), wanted)).toBe(false);
    expect(sameSubscription(sub({ url: 'https://a.example.com/hook?x=1' }), wanted)).toBe(false);
    expect(sameSubscription(sub({ event: 'sms.inbound' }), wanted)).toBe(false);
    expect(sameSubscription(sub({ service: 'numbers' }), wanted)).toBe(false);
    expect(sameSubscription(sub({ eventFilters: [{ key: 'channelId', value: '1' }] }), wanted)).toBe(false);
    expect(sameSubscription(sub({ eventFilters: [...wanted.eventFilters, { key: 'x', value: 'y' }] }), wanted)).toBe(false);
  });

  test('matches come oldest first', () => {
    const all = [sub({ id: 'new', createdAt: '2026-02-01T00:00:00Z' }), sub({ id: 'other', url: 'https://b.example.com/x' }), sub({ id: 'old', createdAt: '2026-01-01T00:00:00Z' })];
    expect(findMatches(all, wanted).map((s) => s.id)).toEqual(['old', 'new']);
  });
});

describe('converge plan', () => {
  // A derived key keeps a key Bird shows; a given one (or our own adopted create's) replaces it.
  const derived = (signingKey = 'derived', fields: { template?: string } = {}) => ({ signingKey, replaceShownKey: false, ...fields });
  const given = (signingKey: string, fields: { template?: string } = {}) => ({ signingKey, replaceShownKey: true, ...fields });

  test('nothing differs: no PATCH, the shown key is output', () => {
    expect(planConverge(sub({ signingKey: 'stored' }), derived('stored'))).toEqual({ patch: undefined, signingKey: 'stored', reassertsKey: false, changes: false });
  });

  test('a shown key that differs from the derived one is kept as it is: no PATCH', () => {
    expect(planConverge(sub({ signingKey: 'set-elsewhere' }), derived())).toEqual({ patch: undefined, signingKey: 'set-elsewhere', reassertsKey: false, changes: false });
  });

  test('inactive is set back to active, and the shown key is still kept', () => {
    expect(planConverge(sub({ status: 'inactive', signingKey: 'k' }), derived())).toEqual({ patch: { status: 'active' }, signingKey: 'k', reassertsKey: false, changes: true });
  });

  test('a different template is set; an absent template input changes nothing', () => {
    expect(planConverge(sub({ template: 'a', signingKey: 'k' }), derived('k', { template: 'b' })).patch).toEqual({ template: 'b' });
    expect(planConverge(sub({ template: 'a', signingKey: 'k' }), derived('k', { template: 'a' })).patch).toBeUndefined();
    expect(planConverge(sub({ template: 'a', signingKey: 'k' }), derived('k')).patch).toBeUndefined();
  });

  test('a given key that differs from the shown one is set, and that is a change', () => {
    expect(planConverge(sub({ signingKey: 'old' }), given('new'))).toEqual({ patch: { signingKey: 'new' }, signingKey: 'new', reassertsKey: false, changes: true });
  });

  test('a given key equal to the shown one: no PATCH', () => {
    expect(planConverge(sub({ signingKey: 'same' }), given('same')).patch).toBeUndefined();
  });

  test.each([
    ['absent', undefined],
    ['empty', ''],
  ])('key %s in the answer: the given key is re-asserted, which alone is no change', (_, signingKey) => {
    expect(planConverge(sub({ signingKey }), given('mine'))).toEqual({ patch: { signingKey: 'mine' }, signingKey: 'mine', reassertsKey: true, changes: false });
  });

  test('no key given and the stored one hidden: the derived key is re-asserted, which alone is no change', () => {
    expect(planConverge(sub({ signingKey: '' }), derived('derived'))).toEqual({ patch: { signingKey: 'derived' }, signingKey: 'derived', reassertsKey: true, changes: false });
  });

  test('every difference goes into one PATCH; a real change besides the re-asserted key is a change', () => {
    expect(planConverge(sub({ status: 'inactive', template: 'a' }), given('k', { template: 'b' }))).toEqual({
      patch: { status: 'active', template: 'b', signingKey: 'k' },
      signingKey: 'k',
      reassertsKey: true,
      changes: true,
    });
  });
});
