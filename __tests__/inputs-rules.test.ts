// Rules of the input parser that no other unit test pins (issue 22, found by mutation testing):
// each test here fails if the rule it names is loosened, tightened or dropped.
import { describe, expect, test } from '@jest/globals';
import { InputError, isLoopback, isTrue, MAX_EVENTS, parseAccessKey, parseApiUrl, parseEventFilters, parseInputs } from '../src/plan/inputs.js';
import { errorOf } from './support/input-error.js';
import { unknownEventWarning } from '../src/plan/events.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const ID = '852883af-5f68-4204-b611-7ee8db9600f4';
const PATTERN = 'https://pr-*.preview.example.com/**';

/** The inputs of an ordinary `state: present` step, with `extra` on top ('' unsets one). */
function present(extra: Record<string, string> = {}): Record<string, string> {
  return { 'access-key': 'key123', 'workspace-id': WS, service: 'channels', event: 'sms.inbound', url: 'https://pr-1.preview.example.com/hook', ...extra };
}

const parse = (values: Record<string, string>, warn?: (message: string) => void) => parseInputs((name) => values[name] ?? '', warn);

describe('subscription-id', () => {
  test.each(['not-a-uuid', '852883af-5f68-4204-b611-7ee8db9600f', '852883af5f684204b6117ee8db9600f4'])('%j is refused as not a UUID, naming the input', (id) => {
    const error = errorOf(() => parse({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': id }));
    expect(error.input).toBe('subscription-id');
    expect(error.message).toBe(`Input 'subscription-id' must be a UUID such as b4e02c85-c6d2-4b15-8885-e09671799c61; got '${id}'`);
  });

  test('a UUID is accepted with state absent', () => {
    expect(parse({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': ` ${ID} ` }).subscriptionId).toBe(ID);
  });
});

describe('what makes a sweep', () => {
  test('state absent with subscription-id and url-pattern, without url, deletes by ID: not a sweep', () => {
    const inputs = parse({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': ID, 'url-pattern': PATTERN });
    expect(inputs).toMatchObject({ state: 'absent', subscriptionId: ID, sweep: false });
  });

  test('state present with url-pattern and without url is not a sweep: url is required', () => {
    const error = errorOf(() => parse(present({ url: '', 'url-pattern': PATTERN })));
    expect(error.message).toBe("Input 'url' is required and was empty");
  });

  test('state absent with url-pattern and without url is a sweep', () => {
    expect(parse({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'url-pattern': PATTERN }).sweep).toBe(true);
  });

  test('keep-urls is refused where deleting by ID', () => {
    const values = { 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': ID, 'url-pattern': PATTERN, 'keep-urls': 'https://pr-1.preview.example.com/hook' };
    expect(errorOf(() => parse(values)).input).toBe('keep-urls');
  });
});

describe('url', () => {
  test('is required where the step describes a subscription', () => {
    expect(errorOf(() => parse(present({ url: '' }))).message).toBe("Input 'url' is required and was empty");
    expect(errorOf(() => parse(present({ url: '   ' }))).message).toBe("Input 'url' is required and was empty");
    expect(errorOf(() => parse({ ...present({ url: '' }), state: 'absent' })).message).toBe("Input 'url' is required and was empty");
  });

  test('outside url-pattern is refused, naming both', () => {
    const error = errorOf(() => parse(present({ url: 'https://prod.example.com/hook', 'url-pattern': PATTERN })));
    expect(error.message).toBe(`Input 'url' 'https://prod.example.com/hook' does not match url-pattern '${PATTERN}'; the pattern must cover the URL this step manages`);
  });
});

describe('boolean inputs', () => {
  test('dry-run and cleanup are false when not given', () => {
    expect(parse(present())).toMatchObject({ dryRun: false, cleanup: false });
    expect(parse(present({ 'dry-run': '  ', cleanup: '' }))).toMatchObject({ dryRun: false, cleanup: false });
  });

  test.each(['false', 'no', 'off', '0', 'FALSE', 'No', ' Off '])('%j reads as false', (value) => {
    expect(parse(present({ 'dry-run': value, cleanup: value }))).toMatchObject({ dryRun: false, cleanup: false });
  });

  test.each(['true', 'yes', 'on', '1', 'True', 'YES', ' on '])('%j reads as true', (value) => {
    expect(parse(present({ 'dry-run': value, cleanup: value }))).toMatchObject({ dryRun: true, cleanup: true });
  });

  test.each(['2', 'nope', 'false!', 'y', 'n', 'truefalse', 'off0'])('%j is refused, naming the input and the value', (value) => {
    expect(errorOf(() => parse(present({ 'dry-run': value }))).message).toBe(`Input 'dry-run' must be true or false; got '${value}'`);
  });
});

describe('signing-key', () => {
  const refusal = "Input 'signing-key' must be at least 8 printable characters without white space";

  test('exactly 8 characters is enough; 7 is not', () => {
    expect(parse(present({ 'signing-key': 'abcdefgh' })).signingKey).toBe('abcdefgh');
    expect(errorOf(() => parse(present({ 'signing-key': 'abcdefg' }))).message).toBe(refusal);
  });

  test.each([
    ['a space inside', 'abcd efgh'],
    ['a tab inside', 'abcd\tefgh'],
    ['a control character', 'abcd\u0007efgh'],
    ['a zero-width space', 'abcd\u200befgh'],
  ])('%s is refused, without echoing the key', (_, key) => {
    const error = errorOf(() => parse(present({ 'signing-key': key })));
    expect(error.message).toBe(refusal);
  });

  test('outer white space is trimmed like every input', () => {
    expect(parse(present({ 'signing-key': '  abcdefgh\n' })).signingKey).toBe('abcdefgh');
  });

  test('a given key makes signing-key-seed redundant, with a warning', () => {
    const warnings: string[] = [];
    parse(present({ 'signing-key': 'abcdefgh', 'signing-key-seed': '0123456789abcdef' }), (w) => warnings.push(w));
    expect(warnings).toEqual(["Input 'signing-key-seed' is ignored: 'signing-key' is given, and a given key is used as it is"]);
    const quiet: string[] = [];
    parse(present({ 'signing-key-seed': '0123456789abcdef' }), (w) => quiet.push(w));
    parse(present({ 'signing-key': 'abcdefgh' }), (w) => quiet.push(w));
    expect(quiet).toEqual([]);
  });
});

describe('the number of events', () => {
  // Bird documents no event names for `numbers`, so these give no warning.
  const events = (n: number) => Array.from({ length: n }, (_, i) => `number.event-${i + 1}`).join('\n');

  test(`${MAX_EVENTS} events fit one step; one more is refused`, () => {
    expect(MAX_EVENTS).toBe(50);
    expect(parse(present({ service: 'numbers', event: '', events: events(50) })).events).toHaveLength(50);
    const error = errorOf(() => parse(present({ service: 'numbers', event: '', events: events(51) })));
    expect(error.message).toBe("Input 'events' lists 51 events; at most 50 fit one step");
  });

  test('a name that cannot be one, and a repeated event, name their entry under events (blank lines not counted)', () => {
    expect(errorOf(() => parse(present({ service: 'numbers', event: '', events: 'a.b\n\nc.d e\n' }))).message).toBe(
      "Input 'events' entry 2 ('c.d e') contains a space, so it cannot be one event name; put one event a line under 'events: |' (here: c.d, then e, each on its own line)",
    );
    expect(errorOf(() => parse(present({ service: 'numbers', event: '', events: 'a.b\nc.d\na.b' }))).message).toBe("Input 'events' lists 'a.b' twice (entry 3)");
  });
});

describe('max-attempts', () => {
  test('0 is refused: at least one attempt is made', () => {
    expect(errorOf(() => parse(present({ 'max-attempts': '0' }))).message).toBe("Input 'max-attempts' must be a positive whole number; got '0'");
    expect(errorOf(() => parse(present({ 'max-attempts': '00' }))).input).toBe('max-attempts');
  });

  test('1 and 10 are the bounds; 4 when not given', () => {
    expect(parse(present({ 'max-attempts': '1' })).maxAttempts).toBe(1);
    expect(parse(present({ 'max-attempts': '10' })).maxAttempts).toBe(10);
    expect(parse(present()).maxAttempts).toBe(4);
  });
});

describe('access-key', () => {
  const position = (n: number) =>
    `Input 'access-key' contains a character that cannot be sent in an HTTP header (an invisible, control or non-ASCII character, at position ${n}); paste the access key exactly as Bird showed it`;

  test('a zero-width space at the start is refused at position 1, through parseInputs too', () => {
    expect(() => parseAccessKey('\u200bkey123')).toThrow(position(1));
    expect(errorOf(() => parse(present({ 'access-key': '\u200bkey123' }))).message).toBe(position(1));
  });

  test('the position counts from 1 wherever the character is', () => {
    expect(() => parseAccessKey('key\u00e9123')).toThrow(position(4));
    expect(() => parseAccessKey('key123\u007f')).toThrow(position(7));
  });

  test('white space is named as such', () => {
    expect(() => parseAccessKey('key 123')).toThrow("Input 'access-key' contains whitespace; paste the access key exactly as Bird showed it");
  });

  test('every visible ASCII character is accepted', () => {
    const visible = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
    expect(parseAccessKey(visible)).toBe(visible);
  });
});

describe('messages that name the input', () => {
  test('an InputError says which input, in its name and its message', () => {
    const error = new InputError('state', 'is wrong');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect(error.input).toBe('state');
    expect(error.message).toBe("Input 'state' is wrong");
  });

  test('organization-id must be a UUID', () => {
    expect(errorOf(() => parse(present({ 'organization-id': 'org-1' }))).message).toBe(
      "Input 'organization-id' must be a UUID such as b4e02c85-c6d2-4b15-8885-e09671799c61; got 'org-1'",
    );
  });

  test('event is required, or several under events', () => {
    expect(errorOf(() => parse(present({ event: '' }))).message).toBe("Input 'event' is required and was empty (or give several under 'events')");
  });

  test('a single event with white space is refused under its own name, without a line number', () => {
    expect(errorOf(() => parse(present({ service: 'numbers', event: 'a b' }))).message).toBe(
      "Input 'event' ('a b') contains a space, so it cannot be one event name; 'event' takes one event: list several under 'events: |', one event a line (here: a, then b, each on its own line)",
    );
  });

  test('an unknown event under events is reported as listed there', () => {
    const warnings: string[] = [];
    expect(parse(present({ event: '', events: 'sms.outbond' }), (w) => warnings.push(w)).eventsInput).toBe('events');
    expect(parse(present({ event: 'sms.outbond' })).eventsInput).toBe('event');
    // Checked against Bird's list before any write (src/steps/check-events.ts), not while parsing.
    expect(warnings).toEqual([]);
    expect(unknownEventWarning('channels', 'sms.outbond', 'events', 'HTTP 403')).toBe(
      "Input 'events' lists 'sms.outbond', which is not an event Bird documents for service 'channels'; did you mean sms.outbound? " +
        '(a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently). Bird could not confirm the name: HTTP 403',
    );
  });

  test("when-full: evict-oldest without url-pattern says why it needs one", () => {
    expect(errorOf(() => parse(present({ 'when-full': 'evict-oldest' }))).message).toBe(
      "Input 'when-full' 'evict-oldest' needs url-pattern, so that only subscriptions of this workflow can be evicted",
    );
  });

  test('keep-urls outside a sweep says what a sweep is', () => {
    expect(errorOf(() => parse(present({ 'keep-urls': 'https://pr-1.preview.example.com/hook' }))).message).toBe(
      "Input 'keep-urls' is only used by a sweep: 'state: absent' with url-pattern and without url or subscription-id",
    );
  });

  test.each([
    ['max-attempts', '0', "Input 'max-attempts' must be a positive whole number; got '0'"],
    ['timeout-seconds', 'soon', "Input 'timeout-seconds' must be a positive number of seconds (at least 0.001); got 'soon'"],
    ['timeout-seconds', '+1', "Input 'timeout-seconds' must be a positive number of seconds (at least 0.001); got '+1'"],
    ['timeout-seconds', '1.', "Input 'timeout-seconds' must be a positive number of seconds (at least 0.001); got '1.'"],
  ])('%s %j: %s', (name, value, message) => {
    expect(errorOf(() => parse(present({ [name]: value }))).message).toBe(message);
  });
});

describe('a sweep', () => {
  const sweep = (extra: Record<string, string>, warn?: (message: string) => void) =>
    parse({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'url-pattern': PATTERN, ...extra }, warn);

  test('keep-urls: one a line (LF or CRLF), trimmed, blank lines skipped', () => {
    expect(sweep({ 'keep-urls': ' https://pr-1.preview.example.com/a \r\nhttps://pr-2.preview.example.com/b\n\n' }).keepUrls).toEqual([
      'https://pr-1.preview.example.com/a',
      'https://pr-2.preview.example.com/b',
    ]);
  });

  test('keep-urls entries are checked against the list (planDeletion), not while parsing: no warning here', () => {
    const warnings: string[] = [];
    const inputs = sweep({ 'keep-urls': 'https://pr-1.preview.example.com/a\nhttps://prod.example.com/hook' }, (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    expect(inputs.keepUrls).toEqual(['https://pr-1.preview.example.com/a', 'https://prod.example.com/hook']);
  });

  test('service is trimmed where it only narrows', () => {
    expect(sweep({ service: ' numbers ' }).service).toBe('numbers');
  });
});

describe('api-url', () => {
  test.each([
    ['not a url', "Input 'api-url' is not a URL: 'not a url'"],
    ['https://user@api.example.com', "Input 'api-url' must not contain credentials"],
    ['https://:pw@api.example.com', "Input 'api-url' must not contain credentials"],
    ['https://api.example.com/#x', "Input 'api-url' must not contain a query or fragment"],
    ['https://api.example.com//evil.example.com', "Input 'api-url' must not have a path that starts with '//' or contains a backslash"],
    ['http://api.example.com', "Input 'api-url' must use https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1); got 'http://api.example.com'"],
    ['ftp://127.0.0.1', "Input 'api-url' must use https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1); got 'ftp://127.0.0.1'"],
  ])('%j is refused: %s', (text, message) => {
    expect(errorOf(() => parseApiUrl(text)).message).toBe(message);
  });

  test("a '//' inside the path is harmless", () => {
    expect(parseApiUrl('https://api.example.com/a//b').pathname).toBe('/a//b');
  });

  test('isLoopback: four numeric octets under 127, localhost or ::1; nothing else', () => {
    expect(isLoopback('127.0.1')).toBe(false);
    expect(isLoopback('127.0.0.1.5')).toBe(false);
    expect(isLoopback('127.0.0. 1')).toBe(false);
    expect(isLoopback('127.0.0.1 ')).toBe(false);
    expect(isLoopback('127.0.0.x1')).toBe(false);
    expect(isLoopback('::1')).toBe(true);
    // Brackets come off only as a pair around the whole address.
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('local[host')).toBe(false);
    expect(isLoopback('local]host')).toBe(false);
  });
});

describe('isTrue (also read by the post step, from the raw input)', () => {
  test('the four spellings of true, in any case, around white space', () => {
    for (const value of ['true', 'YES', 'On', '1', ' true\n']) expect(isTrue(value)).toBe(true);
  });

  test('anything else is not true, including a spelling inside a longer word', () => {
    for (const value of ['', 'false', 'untrue', 'true!', 'xon', '10', 'yess']) expect(isTrue(value)).toBe(false);
  });
});

describe('event-filters', () => {
  test('a line starting with = has an empty key (it has the form key=value)', () => {
    expect(errorOf(() => parseEventFilters('=v')).message).toBe("Input 'event-filters' entry 1 ('=v') has an empty key");
  });
});

describe("Bird's URL rule", () => {
  test('is anchored at the start: text before https:// is refused', () => {
    expect(errorOf(() => parse(present({ url: 'xhttps://pr-1.preview.example.com/hook' }))).input).toBe('url');
  });
});

describe('subscription-id spelling', () => {
  test('an upper-case subscription-id is used in lower case, like workspace-id', () => {
    const id = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';
    const inputs = parseInputs((name) => ({ 'access-key': 'k', 'workspace-id': 'b4e02c85-c6d2-4b15-8885-e09671799c61', state: 'absent', 'subscription-id': id })[name] ?? '');
    expect(inputs.subscriptionId).toBe(id.toLowerCase());
  });
});

describe('an unknown service far from every known one', () => {
  const warned = (service: string): string => {
    const warnings: string[] = [];
    parse(present({ service }), (w) => warnings.push(w));
    expect(warnings).toHaveLength(1);
    return warnings[0];
  };

  test('names the nearest known service however far, comparing without case', () => {
    expect(warned('NUMBERS-API-V2')).toContain('did you mean numbers?');
  });

  test('of services equally far, the first in the documented order', () => {
    expect(warned('zzzzzzzzzzzzzzzzzz')).toContain('did you mean channels?');
  });
});

describe('prune with another state', () => {
  test('is refused with the reason', () => {
    const error = errorOf(() => parse({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': ID, prune: 'true' }));
    expect(error.message).toBe(
      "Input 'prune' is only used with 'state: present' (it deletes the subscriptions of the URL whose event is no longer listed)",
    );
  });
});
