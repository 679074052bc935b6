// Rules of the input parser that no other unit test pins (issue 22, found by mutation testing):
// each test here fails if the rule it names is loosened, tightened or dropped.
import { describe, expect, test } from '@jest/globals';
import { InputError, MAX_EVENTS, parseAccessKey, parseInputs } from '../src/plan/inputs.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const ID = '852883af-5f68-4204-b611-7ee8db9600f4';
const PATTERN = 'https://pr-*.preview.example.com/**';

/** The inputs of an ordinary `state: present` step, with `extra` on top ('' unsets one). */
function present(extra: Record<string, string> = {}): Record<string, string> {
  return { 'access-key': 'key123', 'workspace-id': WS, service: 'channels', event: 'sms.inbound', url: 'https://pr-1.preview.example.com/hook', ...extra };
}

const parse = (values: Record<string, string>, warn?: (message: string) => void) => parseInputs((name) => values[name] ?? '', warn);

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

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

  test('a repeated event names its line under events and its entry', () => {
    expect(errorOf(() => parse(present({ service: 'numbers', event: '', events: 'a.b\n\nc.d e\n' }))).message).toBe(
      "Input 'events' line 3 ('c.d e') contains whitespace or a control character; put one event a line",
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
