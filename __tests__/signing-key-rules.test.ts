// Rules of src/plan/signing-key.ts that no other unit test pins (issue 22): what can be a signing
// key, and the exact length bound of the derived key's info.
import { describe, expect, test } from '@jest/globals';
import { InputError } from '../src/plan/input-error.js';
import { deriveSigningKey, endpointInfo, isPlausibleSigningKey, MAX_INFO_BYTES, MIN_SIGNING_KEY_LENGTH } from '../src/plan/signing-key.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const SECRET = 'test-access-key-9f8e7d6c5b4a';

describe('isPlausibleSigningKey', () => {
  test('printable ASCII without space passes at once; every other character is judged by the Unicode classes', () => {
    const base = 'abcdefgh';
    // Every BMP code unit, lone surrogates included.
    const wrong: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (isPlausibleSigningKey(base + c) !== !/[\s\p{C}]/u.test(c)) wrong.push(code);
    }
    expect(wrong).toEqual([]);
    expect(isPlausibleSigningKey(`${base}\u{1f511}`)).toBe(true);
    expect(isPlausibleSigningKey(`${base}\u{e0001}`)).toBe(false);
  });

  test('8 characters or more; 7 is too short', () => {
    expect(MIN_SIGNING_KEY_LENGTH).toBe(8);
    expect(isPlausibleSigningKey('abcdefgh')).toBe(true);
    expect(isPlausibleSigningKey('abcdefghijklmnopqrstuvwxyz0123456789+/==')).toBe(true);
    expect(isPlausibleSigningKey('abcdefg')).toBe(false);
    expect(isPlausibleSigningKey('')).toBe(false);
  });

  test.each([
    ['a space', 'abcd efgh'],
    ['a newline', 'abcdefgh\n'],
    ['a no-break space', 'abcd\u00a0efgh'],
    ['a control character', 'abcd\u0000efgh'],
    ['DEL', 'abcdefgh\u007f'],
    ['a zero-width space', '\u200babcdefgh'],
    ['a lone surrogate', 'abcdefgh\ud800'],
  ])('%s makes it implausible however long', (_, key) => {
    expect(isPlausibleSigningKey(key)).toBe(false);
  });

  test('printable non-ASCII is fine', () => {
    expect(isPlausibleSigningKey('schlüssel-ÄÖÜ')).toBe(true);
  });
});

describe('the derived key for long URLs', () => {
  // The info is the workspace ID (36), a newline and the URL: 987 bytes of URL fill 1024.
  const urlOfBytes = (n: number) => `https://a.example.com/${'x'.repeat(n - 'https://a.example.com/'.length)}`;

  test('a URL that fills the info exactly is fine; one byte more is refused, naming url and the bound', () => {
    expect(MAX_INFO_BYTES).toBe(1024);
    expect(Buffer.byteLength(endpointInfo({ workspaceId: WS, url: urlOfBytes(987) }))).toBe(1024);
    expect(deriveSigningKey(SECRET, { workspaceId: WS, url: urlOfBytes(987) })).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const error = (() => {
      try {
        deriveSigningKey(SECRET, { workspaceId: WS, url: urlOfBytes(988) });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe("Input 'url' is too long to derive a signing key from (at most 987 bytes); give 'signing-key' instead");
  });

  test('bytes are counted, not characters', () => {
    // 'é' is two bytes in UTF-8: 988 bytes of URL in far fewer characters.
    const prefix = 'https://a.example.com/';
    const url = `${prefix}${'é'.repeat((988 - prefix.length) / 2)}`;
    expect(Buffer.byteLength(url)).toBe(988);
    expect(url.length).toBeLessThan(987);
    expect(() => deriveSigningKey(SECRET, { workspaceId: WS, url })).toThrow(InputError);
  });
});
