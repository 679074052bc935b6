// When two spellings name the same URL (src/plan/same-url.ts; issue 22, phase 2): exactly for
// matching, loosely for keep-urls, and never for entries without a URL.
import { describe, expect, test } from '@jest/globals';
import { looseUrl, normalizeUrl, sameUrl } from '../src/plan/same-url.js';

describe('sameUrl', () => {
  test('two entries without a URL are not the same URL', () => {
    expect(sameUrl(undefined as unknown as string, undefined as unknown as string)).toBe(false);
    expect(sameUrl(null as unknown as string, null as unknown as string)).toBe(false);
  });
  test('a list holding the URL (a broken answer) is not that URL, on either side', () => {
    const list = ['https://a.example.com/x'] as unknown as string;
    expect(sameUrl(list, 'https://a.example.com/x')).toBe(false);
    expect(sameUrl('https://a.example.com/x', list)).toBe(false);
  });
});

test('text before the scheme is kept: matching is exact but for the case of scheme and host', () => {
  expect(sameUrl('xhttps://A.example.com/x', 'https://a.example.com/x')).toBe(false);
  expect(sameUrl('https://A.example.com/x', 'https://a.example.com/x')).toBe(true);
});

test('a text that does not start with a scheme is compared exactly, host case and all', () => {
  expect(normalizeUrl(' https://A.example.com/x')).toBe(' https://A.example.com/x');
  expect(sameUrl('1https://A.example.com/x', '1https://a.example.com/x')).toBe(false);
});

describe('looseUrl (keep-urls)', () => {
  test('a URL without a query gets no question mark', () => {
    expect(looseUrl('https://a.example.com/x')).toBe('https://a.example.com/x');
  });
  test('path case, trailing slashes, default port and query order do not count', () => {
    expect(looseUrl('https://A.example.com:443/X//?b=1&a=2')).toBe('https://a.example.com/x?a=2&b=1');
  });
  test('surrounding white space of any kind does not count', () => {
    expect(looseUrl('\u00a0https://A.example.com:443/x?b=1&a=2 ')).toBe('https://a.example.com/x?a=2&b=1');
  });
  test('text that is no URL is compared trimmed, in lower case, without trailing slashes', () => {
    expect(looseUrl('  Not//A URL// ')).toBe('not//a url');
  });
});
