// Rules of src/text.ts that no other unit test pins (issue 22). The registered secrets are module
// state: jest gives each test file its own module, so what is registered here stays here.
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_SHOWN_LENGTH, redact, registerSecret, shown, summaryCell } from '../src/text.js';

describe('registerSecret', () => {
  test('an empty secret (an unset input) is ignored, not matched between every character', () => {
    registerSecret('');
    expect(redact('abc')).toBe('abc');
    expect(shown('abc')).toBe('abc');
  });

  test('every occurrence of a registered secret is replaced, also when shown', () => {
    registerSecret('s3cret-value');
    expect(redact('a s3cret-value b s3cret-value')).toBe('a *** b ***');
    expect(shown('s3cret-value\n')).toBe('***\\n');
  });
});

describe('shown() escaping', () => {
  test('a format character above U+FFFF is escaped as \\u{...}, whole', () => {
    // U+E0041 TAG LATIN CAPITAL LETTER A and U+1D173 MUSICAL SYMBOL BEGIN BEAM: invisible.
    expect(shown('a\u{E0041}b\u{1D173}c')).toBe('a\\u{e0041}b\\u{1d173}c');
  });

  test('printable characters above U+FFFF stay as they are', () => {
    expect(shown('ok 😀 𝄞')).toBe('ok 😀 𝄞');
  });

  test('a lone surrogate is escaped as four hex digits', () => {
    expect(shown('a\ud800b')).toBe('a\\ud800b');
    expect(shown('a\udfffb')).toBe('a\\udfffb');
  });

  test('characters below U+1000 are padded to four hex digits', () => {
    expect(shown('\u0000\u0001\u001f\u00ad')).toBe('\\u0000\\u0001\\u001f\\u00ad');
  });

  test('a colon is escaped only at the start of the text (after white space)', () => {
    expect(shown('  :x')).toBe('  \\:x');
    // An escaped tab is text, so the colon after it no longer starts the line.
    expect(shown('\t:x')).toBe('\\t:x');
    expect(shown('a:b::c')).toBe('a:b::c');
    expect(shown('#[x] and #[y]')).toBe('#\\[x] and #\\[y]');
  });
});

describe('shown() of values that are not text', () => {
  test('a value JSON cannot write is shown as String() gives it, not thrown', () => {
    expect(shown(10n)).toBe('10');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(shown(circular)).toBe('[object Object]');
  });
});

describe('shown() length', () => {
  test(`${DEFAULT_SHOWN_LENGTH} characters by default; exactly the limit is not cut`, () => {
    expect(DEFAULT_SHOWN_LENGTH).toBe(300);
    expect(shown('a'.repeat(300))).toBe('a'.repeat(300));
    expect(shown('a'.repeat(301))).toBe(`${'a'.repeat(300)}… (1 more characters not shown)`);
  });

  test('a given limit counts before escaping', () => {
    expect(shown('abc\ndef', 4)).toBe('abc\\n… (3 more characters not shown)');
    expect(shown('abcd', 4)).toBe('abcd');
  });

  test('text of exactly the limit is not cut, even when it ends in a lone high surrogate', () => {
    expect(shown(`${'a'.repeat(299)}\ud800`)).toBe(`${'a'.repeat(299)}\\ud800`);
  });

  test('a surrogate pair at the cut is left out whole; one that ends at the cut is kept', () => {
    expect(shown('ab😀cd', 3)).toBe('ab… (4 more characters not shown)');
    expect(shown('ab😀cd', 4)).toBe('ab😀… (2 more characters not shown)');
  });
});

describe('summaryCell()', () => {
  test('a character outside the safe set becomes a reference by code point, also above U+FFFF', () => {
    expect(summaryCell('a|b😀')).toBe('a&#124;b&#128512;');
  });

  test('is capped like shown()', () => {
    expect(summaryCell('abcdef', 3)).toBe('abc&#8230; &#40;3 more characters not shown&#41;');
  });
});

describe('the printable-ASCII shortcut changes nothing', () => {
  // Every character alone and between printable ones, against the Unicode classes applied directly.
  const reference = {
    unprintable: /[\p{Cc}\p{Cs}\p{Cf}\p{Zl}\p{Zp}]/u,
    cellSafe: /[\p{L}\p{N} .,:;=/?+-]/u,
  };
  // Every BMP code unit (lone surrogates included) and some astral characters.
  const characters = [...Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)), '\u{1f600}', '\u{e0001}', '\u{1d400}'];

  test('shown() escapes exactly the characters of the Unicode classes, ASCII or not', () => {
    const wrong = characters.filter((c) => {
      const escaped = shown(`a${c}b`) !== `a${c}b`;
      // '#[' and a leading ':' are the only other rewrites, and 'a…b' has neither.
      return escaped !== reference.unprintable.test(c);
    });
    expect(wrong.map((c) => c.codePointAt(0))).toEqual([]);
  });

  test('summaryCell() keeps exactly the letters, digits and safe punctuation, ASCII or not', () => {
    const wrong = characters.filter((c) => {
      if (reference.unprintable.test(c)) return false; // shown() escapes these first
      const kept = summaryCell(`a${c}`) === `a${c}`; // after 'a': shown() escapes a leading ':'
      return kept !== reference.cellSafe.test(c);
    });
    expect(wrong.map((c) => c.codePointAt(0))).toEqual([]);
  });
});
