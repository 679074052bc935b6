import { describe, expect, test } from '@jest/globals';
import { InputError, isLoopback, parseApiUrl, parseEventFilters, parseInputs } from '../src/plan/inputs.js';
import { errorOf } from './support/input-error.js';
import { unknownEventWarning } from '../src/plan/events.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const base: Record<string, string> = {
  'access-key': 'key123',
  'workspace-id': WS,
  service: 'channels',
  event: 'sms.outbound',
  url: 'https://hooks.example.com/bird',
};
const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

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
        'signing-key': 'sk-12345678',
        template: 'text',
        'if-exists': 'fail',
        cleanup: 'TRUE',
        'max-attempts': '1',
        'timeout-seconds': '2.5',
        'api-url': 'http://127.0.0.1:8080/base/',
      }),
    );
    expect(inputs).toMatchObject({ organizationId: 'cb28a94e-8557-4394-80ea-5bbd2170d434', signingKey: 'sk-12345678', template: 'text', ifExists: 'fail', cleanup: true, maxAttempts: 1, timeoutMs: 2500 });
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

  test.each([
    ['https://example', "Input 'url' host 'example' has no top-level domain such as .com; Bird needs a DNS name with a letters-only top-level domain"],
    ['https://example.c0m/x', "Input 'url' host 'example.c0m' ends in 'c0m'; Bird needs a DNS name with a letters-only top-level domain of two or more letters"],
    ['https://10.0.0.1/hook', "Input 'url' host '10.0.0.1' is an IP address; Bird needs a DNS name with a letters-only top-level domain"],
    ['https://[::1]:8443/hook', "Input 'url' host '[::1]' is an IP address; Bird needs a DNS name with a letters-only top-level domain"],
    ['https://localhost:3000/hook', "Input 'url' host 'localhost' is not accepted: Bird must reach the URL from the internet, so it needs a public DNS name (for a local server, use a tunnel that gives one)"],
    ['http://hooks.example.com/bird', "Input 'url' must start with https://, not http:// (Bird delivers events only over HTTPS)"],
    ['HTTPS://hooks.example.com/bird', "Input 'url' must start with https:// written in lower case and with two slashes; it starts with 'HTTPS://'"],
    ['ftp://example.com', "Input 'url' must start with https://; it starts with 'ftp://'"],
    ['hooks.example.com/bird', "Input 'url' must start with https://; got 'hooks.example.com/bird'"],
    ['https://hooks.example.com/a b', "Input 'url' contains a space at position 28; Bird's URL rule allows no whitespace anywhere (write a space in a path as %20)"],
    ['https://hooks.example.com/a\tb', "Input 'url' contains a tab at position 28; Bird's URL rule allows no whitespace anywhere (write a space in a path as %20)"],
    ['https://hooks.example.com/a\u00a0b', "Input 'url' contains a whitespace character (U+00A0) at position 28; Bird's URL rule allows no whitespace anywhere (write a space in a path as %20)"],
    ['https://example.com?x=1', "Input 'url' needs a '/' between the host and '?': Bird's rule allows a query or fragment only after a path; write 'https://example.com/?x=1'"],
    ['https://example.com:8443#top', "Input 'url' needs a '/' between the host and '#': Bird's rule allows a query or fragment only after a path; write 'https://example.com:8443/#top'"],
    ['https://user:hunter2@hooks.example.com/bird', "Input 'url' must not contain a user name or password before the host"],
    ['https://hooks.example.com:80a/x', "Input 'url' port '80a' must be digits only"],
    ['https://hooks.example.com:/x', "Input 'url' has ':' after host 'hooks.example.com' but no port number"],
    ['https://hooks_1.example.com/x', "Input 'url' host 'hooks_1.example.com' contains '_'; Bird allows only letters, digits, '-' and '.' in a host name"],
    ['https://bücher.example/x', "Input 'url' host 'bücher.example' contains 'ü'; Bird allows only letters, digits, '-' and '.' in a host name (write an internationalised name in its xn-- form)"],
    ['https://hooks..example.com/x', "Input 'url' host 'hooks..example.com' has an empty part between dots (or a dot at its start or end)"],
    ['https://hooks.example.com./x', "Input 'url' host 'hooks.example.com.' has an empty part between dots (or a dot at its start or end)"],
    ['https:///x', "Input 'url' has no host name after https://"],
  ])('refuses url %j, saying why in words', (url, message) => {
    const error = errorOf(() => parseInputs(reader({ ...base, url })));
    expect(error.input).toBe('url');
    expect(error.message).toBe(message);
  });

  test('the url explanation never prints the rule as a regular expression, nor a password in the URL', () => {
    for (const url of ['https://example', 'https://u:hunter2@example.com', 'ftp://x.com', 'https://a b.com']) {
      const message = errorOf(() => parseInputs(reader({ ...base, url }))).message;
      expect(message).not.toContain('[a-zA-Z');
      expect(message).not.toContain('^https');
      expect(message).not.toContain('hunter2');
    }
  });

  test('validation is exactly Bird\'s pattern: every refused URL fails it and every other passes it', () => {
    const pattern = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(:[0-9]+)?(\/[^\s]*)?$/;
    const urls = [
      'https://a.bc', 'https://a-.b-c.de:1/', 'https://-x.example.com/\u00e9', 'https://x.y.z.example.museum/p?q#f', 'https://app.localhost/x',
      'https://a.b', 'https://a.bc:', 'https://a.bc:1:2', 'https://a.bc/ x', 'https://.a.bc', 'https://a.bc\n', 'https://1.2.3.4.ab', 'https://a.bc?', 'https://a.bc/?',
      'https://a.bc@d.ef/', 'https://\u00fc.bc', 'https://a.b1', 'https://a.bc:99999/p', 'HTTPS://A.BC', 'https:/a.bc', '', ' ', 'https://',
    ];
    for (const url of urls) {
      const trimmed = url.trim();
      if (trimmed === '') continue;
      let refused = false;
      try {
        parseInputs(reader({ ...base, url }));
      } catch (error) {
        refused = error instanceof InputError && error.input === 'url';
      }
      expect([trimmed, refused]).toEqual([trimmed, !pattern.test(trimmed)]);
    }
  });

  test.each([
    ['voice', 'did you mean '],
    ['channel', 'did you mean channels?'],
    ['Conversations', 'did you mean conversations?'],
  ])('an unknown service %j is a warning naming the closest known service, and is sent as given', (service, near) => {
    const warnings: string[] = [];
    expect(parseInputs(reader({ ...base, service }), (w) => warnings.push(w)).service).toBe(service);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Input 'service' is '${service}', which is not a service Bird documents (channels, numbers, payments, conversations, templates); ${near}`);
    expect(warnings[0]).toContain('Bird decides');
  });

  test('an unknown service is only a warning even where it is not needed (state absent with subscription-id)', () => {
    const values = { 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': '852883af-5f68-4204-b611-7ee8db9600f4', service: 'sms' };
    const warnings: string[] = [];
    expect(parseInputs(reader(values), (w) => warnings.push(w)).service).toBe('sms');
    expect(warnings[0]).toMatch(/^Input 'service' is 'sms', which is not a service Bird documents .*; did you mean \w+\?/);
  });

  test.each([
    ['channels', 'sms.outbond', 'did you mean sms.outbound?'],
    ['channels', 'whatsap.inbound', 'did you mean whatsapp.inbound?'],
    ['channels', 'sms.outboudn', 'did you mean sms.outbound?'],
    ['channels', 'conversation.created', "it is an event of service 'conversations'"],
    ['conversations', 'conversation.create', 'did you mean conversation.created?'],
    ['templates', 'whatsapp.inbound', "it is an event of service 'channels'"],
    ['templates', 'something.else', 'known ones are template.created, template.updated, template.deleted'],
    ['channels', 'message.sent', 'known ones are <platform>.inbound, <platform>.outbound, <platform>.interaction (platform: sms, whatsapp, email, ...), voice.inbound, voice.outbound, channel.created, channel.updated'],
  ])('service %s with event %j: parsing passes it on without a warning; the table warning (used when Bird cannot confirm) says: %s', (service, event, advice) => {
    const warnings: string[] = [];
    expect(parseInputs(reader({ ...base, service, event }), (w) => warnings.push(w)).events).toEqual([event]);
    // Whether it exists is asked of Bird before any write (issue 29), not judged while parsing.
    expect(warnings).toEqual([]);
    expect(unknownEventWarning(service, event, 'event')).toBe(
      `Input 'event' is '${event}', which is not an event Bird documents for service '${service}'; ${advice} (a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently)`,
    );
  });

  test('a known event in other letter case is refused while parsing (Bird is case-sensitive); the table warning (state absent) still says which', () => {
    expect(errorOf(() => parseInputs(reader({ ...base, service: 'channels', event: 'SMS.Outbound' }))).message).toMatch(/^Input 'event' is 'SMS\.Outbound'; did you mean sms\.outbound\? /);
    expect(unknownEventWarning('channels', 'SMS.Outbound', 'event')).toContain('; did you mean sms.outbound? (');
  });

  test.each([
    ['channels', 'sms.outbound'],
    ['channels', 'whatsapp.inbound'],
    ['channels', 'email.interaction'],
    ['channels', 'voice.outbound'],
    ['channels', 'channel.created'],
    ['conversations', 'conversation.deleted'],
    ['templates', 'template.updated'],
    // Bird documents no event names for these two, so nothing can be checked.
    ['numbers', 'anything.at-all'],
    ['payments', 'payment.whatever'],
  ])('service %s with event %s gives no warning', (service, event) => {
    const warnings: string[] = [];
    parseInputs(reader({ ...base, service, event }), (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    expect(unknownEventWarning(service, event, 'event')).toBeUndefined();
  });

  test('an event with a line break is refused, and the message shows it on one line', () => {
    const error = errorOf(() => parseInputs(reader({ ...base, event: 'sms.outbond\n::error::fake' })));
    expect(error.input).toBe('event');
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toContain("'sms.outbond\\n::error::fake'");
  });

  test('a misspelt event under events is told as listed there, and is no warning while parsing', () => {
    const warnings: string[] = [];
    expect(parseInputs(reader({ ...base, event: '', events: 'sms.outbond\nsms.inbound' }), (w) => warnings.push(w))).toMatchObject({ eventsInput: 'events' });
    expect(warnings).toEqual([]);
    expect(unknownEventWarning('channels', 'sms.outbond', 'events')).toMatch(/^Input 'events' lists 'sms\.outbond', .*did you mean sms\.outbound\?/);
  });

  test('an empty access-key names the usual causes and nothing secret', () => {
    for (const value of ['', '   ']) {
      const error = errorOf(() => parseInputs(reader({ ...base, 'access-key': value })));
      expect(error.input).toBe('access-key');
      expect(error.message).toBe(
        "Input 'access-key' is empty: the secret it is set from has no value in this run. Usual causes: a pull request from a fork (GitHub passes no secrets to it), " +
          'a Dependabot run (it sees only Dependabot secrets: add the secret there too), or a misspelt secret name (an unknown secret reads as empty)',
      );
    }
  });

  test('other empty required inputs keep the plain message', () => {
    expect(errorOf(() => parseInputs(reader({ ...base, 'workspace-id': '' }))).message).toBe("Input 'workspace-id' is required and was empty");
  });

  test('state absent with subscription-id needs no service, event or url', () => {
    const id = '852883af-5f68-4204-b611-7ee8db9600f4';
    const inputs = parseInputs(reader({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': id }));
    expect(inputs).toMatchObject({ state: 'absent', subscriptionId: id, service: '', events: [], url: '' });
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
    ['novalue', /entry 1 \('novalue'\) is not of the form key=value/],
    ['a=1\n = 2', /entry 2 \('= 2'\) has an empty key/],
    ['a=', /entry 1 \('a='\) has an empty value/],
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
