// check-receiver's pure part: Bird's signature (known answers computed with the openssl CLI), the
// delivery's body and headers, and what each answer means.
import { describe, expect, test } from '@jest/globals';
import { BIRD_RETRY_PERIOD_MS, birdSignature, buildDelivery, checkBody, classifyAnswer, forgedKey, receiverUrls, type DeliveryKind } from '../src/plan/receiver.js';
import { parseInputs } from '../src/plan/inputs.js';

const BODY = '{"service":"channels","event":"sms.outbound","payload":{"receiverCheck":"signed"}}';
const URL_ = 'https://hooks.example.com/bird';

describe('birdSignature', () => {
  // printf '%s' "$BODY" | openssl dgst -sha256 -binary > hash.bin
  // (printf '1719823259\nhttps://hooks.example.com/bird\n'; cat hash.bin) | openssl dgst -sha256 -hmac "$KEY" -binary | base64
  test('matches a signature computed independently with openssl', () => {
    expect(birdSignature('KeV+/HGoIQrxuE5YPCRR6AuQOJveldYNNhbVi1i22qk=', '1719823259', URL_, BODY)).toBe('DouuScmH6pHI9nc2orVfQ8ppCDkPtcpAEU8+MS8pRAA=');
    expect(birdSignature('KeV+/HGoIQrxuE5YPCRR6AuQOJveldYNNhbVi1i22qk=', '1719823259', URL_, Buffer.from(BODY))).toBe('DouuScmH6pHI9nc2orVfQ8ppCDkPtcpAEU8+MS8pRAA=');
  });

  test("keys the HMAC with the key's UTF-8 bytes, as the README's function does (openssl -macopt hexkey)", () => {
    expect(birdSignature('clé-secret-ü', '1719823259', URL_, BODY)).toBe('Lj93SzS753GzWi9Sm1E87Z9sqhFXmZE896wSH1R2Dpk=');
  });

  test('changes with each signed part', () => {
    const base = birdSignature('k'.repeat(16), '1719823259', URL_, BODY);
    expect(birdSignature('k'.repeat(15) + 'j', '1719823259', URL_, BODY)).not.toBe(base);
    expect(birdSignature('k'.repeat(16), '1719823260', URL_, BODY)).not.toBe(base);
    expect(birdSignature('k'.repeat(16), '1719823259', `${URL_}/`, BODY)).not.toBe(base);
    expect(birdSignature('k'.repeat(16), '1719823259', URL_, `${BODY} `)).not.toBe(base);
  });
});

describe('buildDelivery', () => {
  const now = Date.UTC(2026, 10, 30, 22, 0, 0, 750);
  // Built in each test, not at load: a mutant must fail these tests, not the file.
  const build = () => buildDelivery({ kind: 'signed', url: URL_, service: 'channels', event: 'sms.outbound', key: 'step-key-123', now, requestId: 'b4e02c85-c6d2-4b15-8885-e09671799c61' });

  test("Bird's headers, a Unix-seconds timestamp, the signature over the exact body sent, no Authorization", () => {
    const delivery = build();
    expect(Object.keys(delivery.headers).sort()).toEqual(['content-type', 'messagebird-request-id', 'messagebird-request-timestamp', 'messagebird-signature']);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['messagebird-request-timestamp']).toBe(String(Math.floor(now / 1000)));
    expect(delivery.headers['messagebird-request-id']).toBe('b4e02c85-c6d2-4b15-8885-e09671799c61');
    expect(delivery.headers['messagebird-signature']).toBe(birdSignature('step-key-123', String(Math.floor(now / 1000)), URL_, delivery.body));
  });

  test("the body is Bird's envelope; its payload says it is a check, which kind, and by whom", () => {
    const delivery = build();
    expect(JSON.parse(delivery.body)).toEqual({
      service: 'channels',
      event: 'sms.outbound',
      payload: {
        receiverCheck: 'signed',
        sentBy: 'bird-webhook-subscription-action',
        sentAt: '2026-11-30T22:00:00.750Z',
        message: expect.stringContaining('A receiver check, not an event'),
      },
    });
    expect(JSON.parse(checkBody({ kind: 'forged', service: 'numbers', event: 'x', now })).payload.receiverCheck).toBe('forged');
  });

  test('a retry check: timestamped 8 hours before it is sent, signed over that timestamp, its payload says retry', () => {
    const delivery = buildDelivery({ kind: 'retry', url: URL_, service: 'channels', event: 'sms.outbound', key: 'step-key-123', now, requestId: 'c0ffee00-c6d2-4b15-8885-e09671799c61' });
    const timestamp = String(Math.floor(now / 1000) - 8 * 60 * 60);
    expect(delivery.headers['messagebird-request-timestamp']).toBe(timestamp);
    expect(delivery.headers['messagebird-request-id']).toBe('c0ffee00-c6d2-4b15-8885-e09671799c61');
    expect(delivery.headers['messagebird-signature']).toBe(birdSignature('step-key-123', timestamp, URL_, delivery.body));
    expect(JSON.parse(delivery.body).payload).toMatchObject({ receiverCheck: 'retry', sentAt: '2026-11-30T22:00:00.750Z' });
    expect(BIRD_RETRY_PERIOD_MS).toBe(8 * 60 * 60 * 1000);
  });
});

test('forgedKey never returns the step key', () => {
  const same = Buffer.from('step-key-bytes');
  const picks = [same, Buffer.from('other-bytes')];
  expect(forgedKey(same.toString('base64'), () => picks.shift() as Buffer)).toBe(Buffer.from('other-bytes').toString('base64'));
});

test('receiverUrls: one per distinct URL, in order', () => {
  expect(receiverUrls(['https://a.example.com/x', 'https://a.example.com/x', '', 'https://b.example.com/y'])).toEqual(['https://a.example.com/x', 'https://b.example.com/y']);
});

describe('classifyAnswer', () => {
  const table: Array<[DeliveryKind, number, 'pass' | 'fail' | 'retry' | 'inconclusive' | 'warn']> = [
    ['forged', 400, 'inconclusive'],
    ['forged', 401, 'pass'],
    ['forged', 403, 'pass'],
    ['forged', 422, 'inconclusive'],
    ['forged', 200, 'fail'],
    ['forged', 204, 'fail'],
    ['forged', 404, 'fail'],
    ['forged', 405, 'fail'],
    ['forged', 301, 'fail'],
    ['forged', 408, 'retry'],
    ['forged', 429, 'retry'],
    ['forged', 500, 'retry'],
    ['forged', 503, 'retry'],
    ['signed', 200, 'pass'],
    ['signed', 204, 'pass'],
    ['signed', 401, 'fail'],
    ['signed', 403, 'fail'],
    ['signed', 404, 'fail'],
    ['signed', 405, 'fail'],
    ['signed', 307, 'fail'],
    ['signed', 408, 'retry'],
    ['signed', 429, 'retry'],
    ['signed', 502, 'retry'],
    ['signed', 400, 'pass'],
    ['signed', 422, 'pass'],
    ['retry', 200, 'pass'],
    ['retry', 204, 'pass'],
    ['retry', 401, 'warn'],
    ['retry', 403, 'warn'],
    ['retry', 400, 'warn'],
    ['retry', 404, 'warn'],
    ['retry', 302, 'warn'],
    ['retry', 600, 'warn'],
    ['retry', 408, 'retry'],
    ['retry', 429, 'retry'],
    ['retry', 503, 'retry'],
  ];
  test.each(table)('%s, HTTP %i: %s', (kind, status, outcome) => {
    expect(classifyAnswer(kind, { status }).outcome).toBe(outcome);
  });

  // The signed answer is judged with the forged one: [forged status, signed status, outcome].
  const pairs: Array<[number, number, 'pass' | 'fail' | 'retry' | 'inconclusive']> = [
    [401, 204, 'pass'],
    [403, 200, 'pass'],
    [401, 401, 'fail'],
    [403, 403, 'fail'],
    [401, 400, 'pass'],
    [403, 422, 'pass'],
    [400, 204, 'pass'],
    [422, 299, 'pass'],
    [400, 400, 'inconclusive'],
    [400, 401, 'inconclusive'],
    [422, 403, 'inconclusive'],
    [400, 499, 'inconclusive'],
    [400, 404, 'fail'],
    [400, 405, 'fail'],
    [400, 301, 'fail'],
    [400, 429, 'retry'],
    [400, 500, 'retry'],
  ];
  test.each(pairs)('forged HTTP %i, then signed HTTP %i: %s', (forged, signed, outcome) => {
    expect(classifyAnswer('signed', { status: signed }, forged).outcome).toBe(outcome);
  });

  test('the messages say what is wrong', () => {
    expect(classifyAnswer('forged', { status: 200 }).message).toContain('the receiver accepted a delivery with a forged signature (HTTP 200)');
    expect(classifyAnswer('signed', { status: 403 }).message).toContain("the receiver's key differs from this step's signing key");
    expect(classifyAnswer('signed', { status: 404 }).message).toContain('HTTP 404 Not Found');
    expect(classifyAnswer('forged', { status: 405 }).message).toContain('does not take POST');
    expect(classifyAnswer('forged', { status: 302, location: 'https://elsewhere.example.com/\n::stop-commands::x' }).message).toBe(
      "the receiver answered HTTP 302, a redirect to 'https://elsewhere.example.com/\\n::stop-commands::x', which is not followed: give the subscription the URL that answers itself",
    );
  });

  test('a signed delivery refused with another 4xx passes with a note; a 2xx passes without one', () => {
    expect(classifyAnswer('signed', { status: 422 })).toMatchObject({ outcome: 'pass', note: expect.stringContaining('answer 2xx') });
    expect(classifyAnswer('signed', { status: 204 })).not.toHaveProperty('note');
  });
});

describe('the check-receiver input', () => {
  const base: Record<string, string> = {
    'access-key': 'k',
    'workspace-id': 'b4e02c85-c6d2-4b15-8885-e09671799c61',
    service: 'channels',
    event: 'sms.outbound',
    url: 'https://a.example.com/x',
  };
  const parse = (value: string) => parseInputs((name) => (name === 'check-receiver' ? value : (base[name] ?? ''))).checkReceiver;

  test('off by default; forged and signed as given', () => {
    expect(parse('')).toBe('off');
    expect(parse('forged')).toBe('forged');
    expect(parse(' signed ')).toBe('signed');
  });

  test('anything else is refused, naming the input', () => {
    expect(() => parse('true')).toThrow("Input 'check-receiver' must be one of off, forged, signed; got 'true'");
  });
});
