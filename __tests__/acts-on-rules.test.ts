// Which raw entries of Bird's list the step acts on (src/plan/acts-on.ts; issue 22, phase 2): those
// must fit Bird's contract, every other entry is someone else's and is skipped when broken.
import { describe, expect, test } from '@jest/globals';
import { actsOn, type ActsOnInputs } from '../src/plan/acts-on.js';
import type { UrlPattern } from '../src/plan/url-pattern.js';

const URL_ = 'https://pr-7.preview.example.com/hook';
/** A stand-in for url-pattern: keeps these tests off the pattern parser. */
const previews: UrlPattern = { text: 'https://pr-*.preview.example.com/**', matches: (url) => /^https:\/\/pr-\d+\.preview\.example\.com\//.test(url) };
const inputs = (extra: Partial<ActsOnInputs> = {}): ActsOnInputs => ({
  state: 'present',
  service: 'channels',
  events: ['sms.inbound', 'sms.outbound'],
  url: URL_,
  eventFilters: undefined,
  urlPattern: undefined,
  ...extra,
});
const elsewhere = (extra: Record<string, unknown> = {}) => ({ url: 'https://other.example.org/x', service: 'channels', event: 'sms.inbound', ...extra });

describe('not an entry at all', () => {
  test.each([['null', null], ['a string', 'junk'], ['a number', 7], ['undefined', undefined]])('%s is skipped', (_, raw) => {
    expect(actsOn(raw, inputs())).toBe(false);
  });
});

describe('by URL', () => {
  test('the step’s own URL, host in another case, whatever its combination', () => {
    expect(actsOn({ url: 'https://PR-7.preview.example.com/hook', service: 'numbers', event: 'x' }, inputs())).toBe(true);
  });
  test('a URL that differs in its path is not ours', () => {
    expect(actsOn({ url: 'https://pr-7.preview.example.com/Hook', service: 'numbers', event: 'x' }, inputs())).toBe(false);
  });
  test('a URL url-pattern matches, whatever its combination', () => {
    expect(actsOn({ url: 'https://pr-9.preview.example.com/x', service: 'numbers', event: 'x' }, inputs({ urlPattern: previews }))).toBe(true);
    expect(actsOn({ url: 'https://pr-9.preview.example.com/x', service: 'numbers', event: 'x' }, inputs())).toBe(false);
  });
  test('a sweep (no url) acts on what its pattern matches and nothing else', () => {
    const sweep = inputs({ state: 'absent', url: '', events: [], urlPattern: previews });
    expect(actsOn({ url: 'https://pr-9.preview.example.com/x', service: 'channels', event: 'sms.inbound' }, sweep)).toBe(true);
    expect(actsOn(elsewhere(), sweep)).toBe(false);
  });
  test('a sweep does not act on an entry whose URL is empty (the same text as its missing url)', () => {
    const sweep = inputs({ state: 'absent', url: '', events: [], urlPattern: previews });
    expect(actsOn({ url: '', service: 'channels', event: 'sms.inbound' }, sweep)).toBe(false);
  });
});

describe('by combination (state: present only)', () => {
  test('one in a combination the step asks for counts against its limit', () => {
    expect(actsOn(elsewhere(), inputs())).toBe(true);
    expect(actsOn(elsewhere({ event: 'sms.outbound' }), inputs())).toBe(true);
  });
  test('with state: absent the same entry is someone else’s', () => {
    expect(actsOn(elsewhere(), inputs({ state: 'absent' }))).toBe(false);
  });
  test('another service, another event, or no event is someone else’s', () => {
    expect(actsOn(elsewhere({ service: 'numbers' }), inputs())).toBe(false);
    expect(actsOn(elsewhere({ event: 'whatsapp.inbound' }), inputs())).toBe(false);
    expect(actsOn(elsewhere({ event: undefined }), inputs())).toBe(false);
    expect(actsOn(elsewhere({ event: 5 }), inputs({ events: ['5'] }))).toBe(false);
  });
  test('no filters (missing or null) is the same combination as no filters asked', () => {
    expect(actsOn(elsewhere({ eventFilters: undefined }), inputs())).toBe(true);
    expect(actsOn(elsewhere({ eventFilters: null }), inputs())).toBe(true);
    expect(actsOn(elsewhere({ eventFilters: null }), inputs({ eventFilters: [{ key: 'a', value: 'b' }] }))).toBe(false);
  });
  test('the same filters are the same combination; other filters are not', () => {
    const asked = inputs({ eventFilters: [{ key: 'a', value: 'b' }] });
    expect(actsOn(elsewhere({ eventFilters: [{ key: 'a', value: 'b' }] }), asked)).toBe(true);
    expect(actsOn(elsewhere({ eventFilters: [{ key: 'a', value: 'c' }] }), asked)).toBe(false);
    expect(actsOn(elsewhere({ eventFilters: [] }), inputs())).toBe(true);
  });
  test.each([
    ['an object, not a list', { key: 'a', value: 'b' }],
    ['a list holding null', [null]],
    ['a list holding a string', ['a=b']],
    ['a numeric key', [{ key: 1, value: 'b' }]],
    ['a numeric value', [{ key: 'a', value: 1 }]],
    ['a good filter next to a broken one', [{ key: 'a', value: 'b' }, { key: 'a' }]],
  ])('filters that are %s cannot be ours', (_, eventFilters) => {
    expect(actsOn(elsewhere({ eventFilters }), inputs({ eventFilters: [{ key: 'a', value: 'b' }] }))).toBe(false);
  });
});
