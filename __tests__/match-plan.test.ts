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
  const neverGenerate = () => {
    throw new Error('must not generate a key');
  };

  test('nothing differs: no PATCH, the stored key is output', () => {
    expect(planConverge(sub({ signingKey: 'stored' }), {}, neverGenerate)).toEqual({ patch: undefined, signingKey: 'stored' });
  });

  test('inactive is set back to active', () => {
    expect(planConverge(sub({ status: 'inactive', signingKey: 'k' }), {}, neverGenerate).patch).toEqual({ status: 'active' });
  });

  test('a different template is set; an absent template input changes nothing', () => {
    expect(planConverge(sub({ template: 'a', signingKey: 'k' }), { template: 'b' }, neverGenerate).patch).toEqual({ template: 'b' });
    expect(planConverge(sub({ template: 'a', signingKey: 'k' }), { template: 'a' }, neverGenerate).patch).toBeUndefined();
    expect(planConverge(sub({ template: 'a', signingKey: 'k' }), {}, neverGenerate).patch).toBeUndefined();
  });

  test('a given key that differs from the stored one is set', () => {
    expect(planConverge(sub({ signingKey: 'old' }), { signingKey: 'new' }, neverGenerate)).toEqual({ patch: { signingKey: 'new' }, signingKey: 'new' });
  });

  test('a given key is set when the stored one cannot be read', () => {
    expect(planConverge(sub(), { signingKey: 'mine' }, neverGenerate)).toEqual({ patch: { signingKey: 'mine' }, signingKey: 'mine' });
  });

  test('no key given and the stored one hidden: a fresh one is generated and set', () => {
    expect(planConverge(sub({ signingKey: '' }), {}, () => 'fresh')).toEqual({ patch: { signingKey: 'fresh' }, signingKey: 'fresh' });
  });

  test('every difference goes into one PATCH', () => {
    expect(planConverge(sub({ status: 'inactive', template: 'a' }), { template: 'b', signingKey: 'k' }, neverGenerate).patch).toEqual({ status: 'active', template: 'b', signingKey: 'k' });
  });
});
