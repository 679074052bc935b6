import { describe, expect, test } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { deriveSigningKey, endpointInfo, SIGNING_KEY_SCHEME } from '../src/plan/signing-key.js';
import { InputError, parseInputs, parseSigningKeySeed } from '../src/plan/inputs.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const URL_ = 'https://preview-7.shop.example.com/webhooks/bird';
const endpoint = { workspaceId: WS, url: URL_ };
const SECRET = 'test-access-key-9f8e7d6c5b4a';

/** RFC 5869 written out with HMAC only, independent of node's hkdfSync. Strings are UTF-8. */
function hkdfByHand(ikm: string | Buffer, salt: string | Buffer, info: string | Buffer, length: number): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; blocks.length * 32 < length; i++) {
    previous = createHmac('sha256', prk).update(Buffer.concat([previous, Buffer.from(info), Buffer.from([i])])).digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const hex = (text: string) => Buffer.from(text, 'hex');

describe('deriveSigningKey', () => {
  test('the by-hand HKDF reproduces RFC 5869 test case 1, so it can check the real one', () => {
    const okm = hkdfByHand(hex('0b'.repeat(22)), hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(okm.toString('hex')).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  test('known answer: HKDF-SHA256(secret, salt = scheme label, info = workspace + "\\n" + URL), 32 bytes, base64', () => {
    expect(SIGNING_KEY_SCHEME).toBe('bird-webhook-subscription-action/signing-key/v1');
    const expected = hkdfByHand(SECRET, SIGNING_KEY_SCHEME, `${WS}\n${URL_}`, 32).toString('base64');
    // Cross-checked once with Python's hmac module (an independent implementation).
    expect(expected).toBe('hFGyl2BEac3/PCtWL/0o9hYPcGv/zoY+uyYInnaD4vw=');
    expect(deriveSigningKey(SECRET, endpoint)).toBe(expected);
  });

  test('stable, 32 bytes, base64', () => {
    const key = deriveSigningKey(SECRET, endpoint);
    expect(deriveSigningKey(SECRET, { ...endpoint })).toBe(key);
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  test('differs per URL, exactly as given', () => {
    const key = deriveSigningKey(SECRET, endpoint);
    expect(deriveSigningKey(SECRET, { ...endpoint, url: 'https://prod.shop.example.com/webhooks/bird' })).not.toBe(key);
    expect(deriveSigningKey(SECRET, { ...endpoint, url: `${URL_}/` })).not.toBe(key);
  });

  test('differs per workspace; the case of the workspace ID does not matter', () => {
    const key = deriveSigningKey(SECRET, endpoint);
    expect(deriveSigningKey(SECRET, { ...endpoint, workspaceId: '0f1e2d3c-4b5a-4697-8877-665544332211' })).not.toBe(key);
    expect(deriveSigningKey(SECRET, { ...endpoint, workspaceId: WS.toUpperCase() })).toBe(key);
  });

  test('depends on the secret', () => {
    expect(deriveSigningKey('another-access-key', endpoint)).not.toBe(deriveSigningKey(SECRET, endpoint));
  });

  test('the same with or without an organization ID (both path forms)', () => {
    const withOrg = { ...endpoint, organizationId: 'cb28a94e-8557-4394-80ea-5bbd2170d434' };
    expect(endpointInfo(withOrg)).toBe(endpointInfo(endpoint));
    expect(deriveSigningKey(SECRET, withOrg)).toBe(deriveSigningKey(SECRET, endpoint));
  });

  test('a URL too long for HKDF info is an input error naming url, not a crash', () => {
    const long = { ...endpoint, url: `https://a.example.com/${'x'.repeat(1000)}` };
    expect(() => deriveSigningKey(SECRET, long)).toThrow(InputError);
    expect(() => deriveSigningKey(SECRET, long)).toThrow(/^Input 'url' is too long to derive a signing key from .*give 'signing-key' instead$/);
    expect(deriveSigningKey(SECRET, { ...endpoint, url: `https://a.example.com/${'x'.repeat(960)}` })).toMatch(/=$/);
  });
});

describe('signing-key-seed', () => {
  const base: Record<string, string> = { 'access-key': 'k', 'workspace-id': WS, service: 'channels', event: 'sms.outbound', url: URL_ };
  const parse = (seed: string) => parseInputs((name) => ({ ...base, 'signing-key-seed': seed })[name] ?? '');

  test('empty means "use the access key"', () => {
    expect(parse('').signingKeySeed).toBeUndefined();
    expect(parse('   ').signingKeySeed).toBeUndefined();
  });

  test('kept as given (outer whitespace trimmed like every input)', () => {
    expect(parse(' seed-Ä-0123456789abcdef ').signingKeySeed).toBe('seed-Ä-0123456789abcdef');
  });

  test.each([
    ['inner whitespace', 'seed with spaces 0123456789'],
    ['a tab', 'seed\twith-a-tab-0123456789'],
    ['a control character', 'seed\u0007bell-0123456789abc'],
    ['an invisible format character', 'seed\u200bzero-width-0123456789'],
  ])('%s is rejected without echoing the value', (_, seed) => {
    expect(() => parseSigningKeySeed(seed)).toThrow(new InputError('signing-key-seed', 'contains whitespace or a control character; use printable characters only'));
  });

  test('a short seed is rejected: anyone who guesses it can compute the keys', () => {
    expect(() => parse('short')).toThrow("Input 'signing-key-seed' must be at least 16 characters long; generate a random value (openssl rand -base64 32)");
    expect(() => parse('0123456789abcde')).toThrow('at least 16 characters');
    expect(parse('0123456789abcdef').signingKeySeed).toBe('0123456789abcdef');
  });

  // The seed is masked before it is checked, so any text equal to it in the message shows as ***:
  // the message must not contain a placeholder someone might try first.
  test.each(['short', 'test', 'secret', 'changeme', 'password', 'dummy', 'foo', 'bar', 'xxx', 'todo', 'abc', '1234', 'shortseed', 'tooshort'])(
    "the too-short message holds no part a seed such as '%s' would mask",
    (seed) => {
      let message = '';
      try {
        parse(seed);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("Input 'signing-key-seed' must be at least 16 characters");
      expect(message).not.toContain(seed);
    },
  );
});
