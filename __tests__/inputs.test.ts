import { describe, expect, test } from '@jest/globals';
import { InputError, isLoopback, parseApiUrl, parseEventFilters, parseInputs } from '../src/plan/inputs.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const base: Record<string, string> = {
  'access-key': 'key123',
  'workspace-id': WS,
  service: 'channels',
  event: 'sms.outbound',
  url: 'https://hooks.example.com/bird',
};
const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseInputs', () => {
  test('applies the documented defaults', () => {
    const inputs = parseInputs(reader(base));
    expect(inputs).toMatchObject({
      accessKey: 'key123',
      workspaceId: WS,
      organizationId: undefined,
      signingKey: undefined,
      eventFilters: undefined,
      template: undefined,
      ifExists: 'reuse',
      state: 'present',
      cleanup: false,
      maxAttempts: 4,
      timeoutMs: 30000,
    });
    expect(inputs.apiUrl.href).toBe('https://api.bird.com/');
  });

  test('reads every optional input', () => {
    const inputs = parseInputs(
      reader({
        ...base,
        'organization-id': 'CB28A94E-8557-4394-80EA-5BBD2170D434',
        'signing-key': 'sk',
        template: 'text',
        'if-exists': 'fail',
        cleanup: 'TRUE',
        'max-attempts': '1',
        'timeout-seconds': '2.5',
        'api-url': 'http://127.0.0.1:8080/base/',
      }),
    );
    expect(inputs).toMatchObject({ organizationId: 'cb28a94e-8557-4394-80ea-5bbd2170d434', signingKey: 'sk', template: 'text', ifExists: 'fail', cleanup: true, maxAttempts: 1, timeoutMs: 2500 });
    expect(inputs.apiUrl.href).toBe('http://127.0.0.1:8080/base/');
  });

  test('a URL with a port is accepted (Bird\'s pattern allows one)', () => {
    expect(parseInputs(reader({ ...base, url: 'https://hooks.example.com:8443/bird?x=1' })).url).toBe('https://hooks.example.com:8443/bird?x=1');
  });

  test.each([
    ['https://example.com'],
    ['https://a.b.example.co.uk/x/y?z=1'],
    ['https://pr-12.preview.example.dev/webhooks/bird'],
  ])('accepts url %s', (url) => {
    expect(parseInputs(reader({ ...base, url })).url).toBe(url);
  });

  test.each([['https://example'], ['https://example.c0m/x'], ['https://127.0.0.1/x'], ['ftp://example.com'], ['https://example.com?x=1'], ['https://exa mple.com']])('refuses url %s', (url) => {
    expect(errorOf(() => parseInputs(reader({ ...base, url }))).input).toBe('url');
  });

  test('an unknown service is a warning, not an error', () => {
    const warnings: string[] = [];
    expect(parseInputs(reader({ ...base, service: 'voice' }), (w) => warnings.push(w)).service).toBe('voice');
    expect(warnings).toEqual(["Input 'service' is 'voice', which is not one of channels, numbers, payments, conversations, templates; sending it anyway (Bird decides)."]);
  });

  test('state absent with subscription-id needs no service, event or url', () => {
    const id = '852883af-5f68-4204-b611-7ee8db9600f4';
    const inputs = parseInputs(reader({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': id }));
    expect(inputs).toMatchObject({ state: 'absent', subscriptionId: id, service: '', event: '', url: '' });
  });

  test('state absent without subscription-id still needs the description', () => {
    expect(errorOf(() => parseInputs(reader({ 'access-key': 'k', 'workspace-id': WS, state: 'absent' }))).input).toBe('service');
  });

  test('subscription-id is refused with state present', () => {
    const error = errorOf(() => parseInputs(reader({ ...base, 'subscription-id': '852883af-5f68-4204-b611-7ee8db9600f4' })));
    expect(error.message).toBe("Input 'subscription-id' is only used with 'state: absent'; remove it or set state to absent");
  });

  test.each([
    ['16.1', 16100],
    ['2.01', 2010],
    ['8.05', 8050],
    ['.5', 500],
    ['0.001', 1],
    ['600', 600000],
  ])('timeout-seconds %s is %d whole milliseconds', (value, ms) => {
    expect(parseInputs(reader({ ...base, 'timeout-seconds': value })).timeoutMs).toBe(ms);
  });

  test('the upper bounds are named in the message', () => {
    expect(errorOf(() => parseInputs(reader({ ...base, 'timeout-seconds': '3000000' }))).message).toBe("Input 'timeout-seconds' must be at most 600 seconds; got '3000000'");
    expect(errorOf(() => parseInputs(reader({ ...base, 'max-attempts': '11' }))).message).toBe("Input 'max-attempts' must be at most 10; got '11'");
    expect(parseInputs(reader({ ...base, 'max-attempts': '10' })).maxAttempts).toBe(10);
  });

  test('error messages never contain the access key', () => {
    const error = errorOf(() => parseInputs(reader({ ...base, 'access-key': 'secret value' })));
    expect(error.message).not.toContain('secret');
  });

  test.each([
    ['max-attempts', '1.5'],
    ['max-attempts', '-1'],
    ['timeout-seconds', '0'],
    ['timeout-seconds', '-3'],
    ['timeout-seconds', '0.0004'],
    ['timeout-seconds', '600.001'],
    ['timeout-seconds', '1e3'],
    ['max-attempts', '11'],
    ['max-attempts', '99999999999999999999999'],
    ['cleanup', 'sometimes'],
  ])('%s=%s is refused, naming the input', (name, value) => {
    expect(errorOf(() => parseInputs(reader({ ...base, [name]: value }))).input).toBe(name);
  });
});

describe('parseEventFilters', () => {
  test('splits at the first =, trims both sides, skips blank lines, keeps order', () => {
    expect(parseEventFilters(' b = 2 \r\n\n a=x=y\n   \n')).toEqual([
      { key: 'b', value: '2' },
      { key: 'a', value: 'x=y' },
    ]);
  });

  test('empty text means no filters', () => {
    expect(parseEventFilters('')).toBeUndefined();
    expect(parseEventFilters('\n  \n')).toBeUndefined();
  });

  test.each([
    ['novalue', /line 1 \('novalue'\) is not of the form key=value/],
    ['a=1\n = 2', /line 2 \('= 2'\) has an empty key/],
    ['a=', /line 1 \('a='\) has an empty value/],
  ])('refuses %j', (text, message) => {
    const error = errorOf(() => parseEventFilters(text));
    expect(error.input).toBe('event-filters');
    expect(error.message).toMatch(message);
  });
});

describe('parseApiUrl', () => {
  test.each(['https://api.bird.com', 'https://gateway.example.com/bird', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000', 'http://[::1]:9000'])('accepts %s', (url) => {
    expect(parseApiUrl(url)).toBeInstanceOf(URL);
  });

  test.each(['http://api.bird.com', 'http://10.0.0.5', 'http://127.0.0.1.example.com', 'ftp://api.bird.com', 'not a url', 'https://user:pw@api.bird.com', 'https://api.bird.com/?x=1'])('refuses %s', (url) => {
    expect(errorOf(() => parseApiUrl(url)).input).toBe('api-url');
  });

  test('isLoopback', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.255.255.254')).toBe(true);
    expect(isLoopback('LOCALHOST')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
    expect(isLoopback('127.0.0.256')).toBe(false);
    expect(isLoopback('localhost.example.com')).toBe(false);
  });
});
