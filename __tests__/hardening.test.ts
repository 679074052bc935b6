// Findings of the attack on the merged action, as unit tests of the pure parts.
import { describe, expect, test } from '@jest/globals';
import { checkSubscription } from '../src/bird/contract.js';
import { bounded } from '../src/bird/errors.js';
import type { Subscription } from '../src/bird/types.js';
import { InputError, parseApiUrl } from '../src/plan/inputs.js';
import { byAge } from '../src/plan/match.js';
import { registerSecret, shown } from '../src/text.js';

describe('api-url cannot point requests at another host', () => {
  test.each(['http://127.0.0.1:9//127.0.0.1:1234', 'https://api.bird.com//x.example', 'https://api.bird.com/\\x.example'])('%s is refused', (url) => {
    let error: unknown;
    try {
      parseApiUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('api-url');
  });

  test('an ordinary base path is fine', () => {
    expect(parseApiUrl('https://gateway.example.com/bird/v1').pathname).toBe('/bird/v1');
  });
});

describe('registered secrets never reach outside text', () => {
  const secret = 'Sk#[abcdefghijklmn\u200bopqrstuv';
  registerSecret(secret);

  test('replaced before escaping, which would hide it from the runner', () => {
    expect(shown(`bad key ${secret} given`)).toBe('bad key *** given');
  });

  test('replaced before cutting, which would leave a prefix', () => {
    const text = `${'x'.repeat(1000)}${secret}`;
    const line = bounded(text, 1010);
    expect(line).not.toContain('Sk#');
    expect(line).not.toContain('abcdefgh');
    expect(line).toContain('***');
  });

  test('escaping is capped after it makes text longer', () => {
    const line = bounded('\u0001'.repeat(1000), 1024);
    expect(line.length).toBeLessThan(1100);
    expect(line).toMatch(/\(truncated\)$/);
  });
});

describe('keys Bird shows that cannot be signing keys are treated as not shown', () => {
  const base = { id: '852883af-5f68-4204-b611-7ee8db9600f4', service: 'channels', event: 'sms.inbound', url: 'https://a.example.com/h' };
  test.each(['abc\ndef-long-enough', 'e', 'short', 'tab\there-long-enough'])('%j', (signingKey) => {
    const s = checkSubscription({ ...base, signingKey }) as Subscription;
    expect(s.signingKey).toBeUndefined();
  });
  test('a plausible key is kept', () => {
    expect((checkSubscription({ ...base, signingKey: 'a-real-key-123' }) as Subscription).signingKey).toBe('a-real-key-123');
  });
});

describe('age order reads createdAt as a time', () => {
  const sub = (id: string, createdAt?: string): Subscription => ({ id, service: 's', event: 'e', url: 'u', createdAt });
  test('fractions, offsets and missing dates', () => {
    const list = [
      sub('no-date'),
      sub('half-second', '2026-01-01T00:00:00.5Z'),
      sub('whole', '2026-01-01T00:00:00Z'),
      sub('tokyo-1am-utc', '2026-01-01T10:00:00+09:00'),
      sub('two-am', '2026-01-01T02:00:00Z'),
      sub('garbage', 'yesterday-ish'),
    ];
    expect(list.sort(byAge).map((s) => s.id)).toEqual(['whole', 'half-second', 'tokyo-1am-utc', 'two-am', 'garbage', 'no-date']);
  });
});

describe('second attack: redaction holds however the text is cut, and whatever secrets overlap', () => {
  test('a secret repeated many times leaves no piece at the cut', () => {
    const key = 'test-access-key-repeated-0001';
    registerSecret(key);
    const line = bounded(`${'y'.repeat(11)}${key.repeat(200)}`, 1024);
    expect(line).not.toMatch(/test-access|key-repeated|repeated-0/);
  });

  test('a secret that contains another is replaced whole', () => {
    registerSecret('inner-secret-1');
    registerSecret('inner-secret-1-AND-MORE');
    expect(shown('x inner-secret-1-AND-MORE y')).toBe('x *** y');
  });
});
