// Unit tests of the pure guards against outside text: shown(), the summary cell escaper, Bird's
// contract, saved cleanup state, the access-key check and the shared connection parser.
import { describe, expect, test } from '@jest/globals';
import { BirdClient } from '../src/bird/client.js';
import { checkCreated, checkSubscription } from '../src/bird/contract.js';
import type { HttpRequest, HttpResponse } from '../src/bird/http.js';
import { describeBody, errorMessage, ERROR_TEXT_LENGTH, formatApiError } from '../src/bird/errors.js';
import { InputError, parseConnection, parseInputs } from '../src/plan/inputs.js';
import { parseCleanupState, StateError } from '../src/steps/state.js';
import { shown, summaryCell } from '../src/text.js';

/** Lines as the runner reads them: split on CRLF, CR and LF. */
function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Whether the runner could read a workflow command in this line (either form). */
function isCommand(line: string): boolean {
  return /^\s*::/.test(line) || line.includes('##[');
}

const ID = '852883af-5f68-4204-b611-7ee8db9600f4';
const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';

describe('shown()', () => {
  test.each([
    ['LF', 'abc\n::error::pwn', 'abc\\n::error::pwn'],
    ['CR', 'active\r::warning::pwn', 'active\\r::warning::pwn'],
    ['CRLF', 'a\r\n::stop-commands::tok', 'a\\r\\n::stop-commands::tok'],
    ['lone CR at the end', 'a\r', 'a\\r'],
    ['U+2028 and U+2029', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['NEL, DEL and ESC', 'a\u0085b\u007fc\u001bd', 'a\\u0085b\\u007fc\\u001bd'],
    ['zero-width, BOM and bidi override', 'a\u200bb\ufeffc\u202ed', 'a\\u200bb\\ufeffc\\u202ed'],
    ['tab', 'a\tb', 'a\\tb'],
  ])('%s is escaped', (_, input, expected) => {
    const out = shown(input);
    expect(out).toBe(expected);
    expect(runnerLines(out)).toHaveLength(1);
  });

  test('a value printed at the start of a line cannot be a command', () => {
    for (const value of ['::stop-commands::tok', '  ::error::x', '\u00a0::error::x', '\u3000::add-mask::x', '::']) {
      const out = shown(value);
      expect(isCommand(out)).toBe(false);
      expect(isCommand(`${shown(' ')}${out}`)).toBe(false);
    }
    expect(shown('::stop-commands::tok')).toBe('\\::stop-commands::tok');
  });

  test('the legacy ##[command] form is broken wherever it is', () => {
    expect(shown('x ##[stop-commands]tok')).toBe('x ##\\[stop-commands]tok');
    expect(isCommand(`Found ${shown('##[error]pwn')}`)).toBe(false);
    expect(isCommand(`#${shown('#[error]pwn')}`)).toBe(false);
  });

  test('long text is capped and says how much was left out', () => {
    const out = shown('a'.repeat(20_000_000));
    expect(out.length).toBeLessThan(400);
    expect(out).toMatch(/^a{300}… \(19999700 more characters not shown\)$/);
    // A surrogate pair is never cut in half.
    expect(shown(`${'a'.repeat(299)}😀`)).toBe(`${'a'.repeat(299)}… (2 more characters not shown)`);
  });

  test('non-strings are shown as JSON', () => {
    expect(shown(42)).toBe('42');
    expect(shown({ a: '\n' })).toBe('{"a":"\\n"}');
    expect(shown(undefined)).toBe('undefined');
  });

  test('ordinary text is unchanged', () => {
    expect(shown(`sms.outbound https://a.example.com/x?y=1 ${ID}`)).toBe(`sms.outbound https://a.example.com/x?y=1 ${ID}`);
  });
});

describe('summaryCell()', () => {
  test('HTML and Markdown syntax become character references; no raw newline', () => {
    const cell = summaryCell('x</td></tr></table>\n\n# heading\n![](http://evil.example/p.png) *a* _b_ `c` [l](u) | @me <img src=x>');
    expect(cell.replace(/&#\d+;/g, '')).not.toMatch(/[<>\n\r#![\]()*_`|@&]/);
    expect(cell).toContain('&#60;/td&#62;');
    expect(cell).toContain('&#92;n&#92;n&#35; heading');
  });

  test('IDs, events and URLs stay readable', () => {
    expect(summaryCell(ID)).toBe(ID);
    expect(summaryCell('https://preview-42.shop.example.com/webhooks/bird')).toBe('https://preview-42.shop.example.com/webhooks/bird');
    expect(summaryCell('channelId=abc, sms.outbound')).toBe('channelId=abc, sms.outbound');
    expect(summaryCell('a&b "q"')).toBe('a&#38;b &#34;q&#34;');
  });
});

describe('Bird error text', () => {
  test('is one escaped line, cut at about 1 KB with a note', () => {
    const message = `${'m'.repeat(20_000_000)}\n::error::pwn`;
    const text = formatApiError(503, 'GET', '/p', { code: 'Unavailable', message });
    expect(text.length).toBeLessThan(ERROR_TEXT_LENGTH + 200);
    expect(text).toMatch(/^Bird answered HTTP 503 to GET \/p: Unavailable: m+… \(truncated: \d+ more characters not shown\)$/);
  });

  test('controls in code, message and details are escaped', () => {
    const text = formatApiError(422, 'POST', '/p', { code: 'X\r::warning::a', message: 'b\u2028c', details: { '.body\r::error::': ['d'] } });
    expect(runnerLines(text)).toHaveLength(1);
    expect(text).toContain('b\\u2028c');
    expect(describeBody({ message: 'ok' })).toBe('ok');
  });

  test('errorMessage is one bounded line whatever was thrown', () => {
    const out = errorMessage(new Error(`${'x'.repeat(100_000)}\r##[stop-commands]t`));
    expect(out.length).toBeLessThan(4200);
    expect(errorMessage(new Error('a\r::error::b'))).toBe('a ::error::b');
    expect(isCommand(errorMessage('##[error]x'))).toBe(false);
  });
});

describe("Bird's contract", () => {
  const good = { id: ID, service: 'channels', event: 'sms.outbound', url: 'https://a.example.com/h', status: 'active', createdAt: '2026-01-01T00:00:00Z', eventFilters: [{ key: 'k', value: 'v' }] };

  test('a subscription as promised passes; null optional fields are dropped', () => {
    expect(checkSubscription(good)).toEqual(good);
    expect(checkSubscription({ ...good, eventFilters: null, createdAt: null, status: 'suspended' })).toEqual({ ...good, eventFilters: null, createdAt: undefined, status: 'suspended' });
  });

  test.each([
    [{ ...good, id: '..' }, "id '..' is not a UUID"],
    [{ ...good, id: `${ID}\n::error::x` }, `id '${ID}\\n::error::x' is not a UUID`],
    [{ ...good, id: 7 }, 'id is a number, not a UUID'],
    [{ ...good, createdAt: 1767225600 }, 'results[1].createdAt is a number, not a string'],
    [{ ...good, eventFilters: 'channelId=x' }, 'results[1].eventFilters is a string, not a list'],
    [{ ...good, eventFilters: [{ key: 'k', value: 3 }] }, 'results[1].eventFilters[0] is not an object with a string key and value'],
    [{ ...good, status: 5 }, 'results[1].status is a number, not a string'],
    [{ ...good, status: 'active\r::warning::x' }, "results[1].status 'active\\r::warning::x' is not a status word such as active"],
    [{ ...good, signingKey: {} }, 'results[1].signingKey is an object, not a string'],
    [{ ...good, url: '' }, 'results[1] is a subscription without url'],
    [{ status: 'active' }, 'a subscription without id, service, event, url'],
    [{ ...good, event: ['x'] }, 'results[1].event is a list, not a string'],
    [['x'], 'results[1] is a list, not a subscription object'],
  ])('%j is refused, naming the field', (value, problem) => {
    const where = problem.startsWith('results[1]') ? 'results[1]' : undefined;
    expect(checkSubscription(value, where)).toBe(problem);
  });

  test('a create answer must describe what was asked for', () => {
    const asked = { service: 'channels', event: 'sms.outbound', url: 'https://a.example.com/h', signingKey: 'k1', eventFilters: [{ key: 'k', value: 'v' }] };
    const created = { ...good, signingKey: 'k1' };
    expect(checkCreated(created, asked)).toBeUndefined();
    expect(checkCreated({ ...created, eventFilters: [] }, { ...asked, eventFilters: undefined })).toBeUndefined();
    expect(checkCreated({ ...created, event: 'sms.inbound' }, asked)).toBe("the created subscription has event 'sms.inbound', not the 'sms.outbound' that was asked for");
    expect(checkCreated({ ...created, url: 'https://evil.example.com/' }, asked)).toMatch(/has url/);
    expect(checkCreated({ ...created, eventFilters: [] }, asked)).toBe('the created subscription has other eventFilters than were asked for');
    expect(checkCreated({ ...created, signingKey: 'other' }, asked)).toBe('the created subscription has another signingKey than was sent');
  });
});

describe('saved cleanup state', () => {
  test('the old and the new format give the IDs, nothing else', () => {
    expect(parseCleanupState(JSON.stringify({ subscriptionId: ID, apiUrl: 'http://127.0.0.1:1', workspaceId: '../x', maxAttempts: 1e9 }))).toEqual([ID]);
    const other = '0edf722b-0000-4000-8000-000000000001';
    expect(parseCleanupState(JSON.stringify({ subscriptionIds: [ID, other, ID.toUpperCase()] }))).toEqual([ID, other]);
  });

  test.each([
    ['not JSON', 'it is not JSON'],
    ['[1]', 'it is not a JSON object'],
    ['{}', 'it holds no subscription ID'],
    [JSON.stringify({ subscriptionId: '..' }), 'subscription ID #1 is not a UUID'],
    [JSON.stringify({ subscriptionIds: [ID, '../../x'] }), 'subscription ID #2 is not a UUID'],
    [JSON.stringify({ subscriptionIds: 'x' }), 'subscriptionIds is not a list'],
    [JSON.stringify({ subscriptionIds: Array(101).fill(ID) }), 'subscriptionIds holds more than 100 IDs'],
  ])('%s is refused', (text, problem) => {
    expect(() => parseCleanupState(text)).toThrow(new StateError(problem));
  });
});

describe('access-key and the connection inputs', () => {
  const base: Record<string, string> = { 'access-key': 'abcDEF123_-.~', 'workspace-id': WS, service: 'channels', event: 'e', url: 'https://a.example.com/h' };
  const reader = (extra: Record<string, string> = {}) => (name: string) => ({ ...base, ...extra })[name] ?? '';

  test.each([
    ['zero-width space', 'Zq9W\u200bR4tP'],
    ['BOM', 'Zq9W\ufeffR4tP'],
    ['non-Latin-1', 'Zq9Wé€R4tP'],
    ['control character', 'Zq9W\u0007R4tP'],
    ['soft hyphen', 'Zq9W\u00adR4tP'],
  ])('a key with a %s is refused, naming the input, without the key', (_, key) => {
    for (const parse of [parseConnection, parseInputs]) {
      let error: unknown;
      try {
        parse(reader({ 'access-key': key }));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).input).toBe('access-key');
      expect((error as Error).message).not.toContain(key);
      for (const part of ['Zq9W', 'R4tP']) expect((error as Error).message).not.toContain(part);
    }
  });

  test('parseConnection validates as the main step does', () => {
    expect(parseConnection(reader({ 'max-attempts': '2', 'timeout-seconds': '1.5', 'api-url': 'http://127.0.0.1:9/' }))).toEqual({
      accessKey: base['access-key'],
      workspaceId: WS,
      organizationId: undefined,
      apiUrl: new URL('http://127.0.0.1:9/'),
      maxAttempts: 2,
      timeoutMs: 1500,
    });
    expect(() => parseConnection(reader({ 'api-url': 'http://attacker.example/' }))).toThrow(/Input 'api-url'/);
    expect(() => parseConnection(reader({ 'workspace-id': '../../x' }))).toThrow(/Input 'workspace-id'/);
    expect(() => parseConnection(reader({ 'max-attempts': '1e9' }))).toThrow(/Input 'max-attempts'/);
  });
});

describe('the client builds item paths only from UUIDs', () => {
  const policy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, random: () => 0, sleep: async () => {}, log: () => {} };
  function client(answer: HttpResponse = { status: 204, headers: {}, text: '' }) {
    const sent: HttpRequest[] = [];
    const send = async (req: HttpRequest) => {
      sent.push(req);
      return answer;
    };
    return { sent, bird: new BirdClient(send, policy, { workspaceId: WS }) };
  }

  test.each(['..', '.', '%2e%2e', `${ID}/../x`, `${ID}?a=1`, ''])('%j is refused before anything is sent', async (id) => {
    const { sent, bird } = client();
    await expect(bird.remove(id)).rejects.toThrow(/^Refusing to send a request for subscription ID '.*': not a UUID$/);
    await expect(bird.update({ id, service: 'channels', event: 'e', url: 'https://a.example.com/h' }, { status: 'active' })).rejects.toThrow(/not a UUID/);
    expect(sent).toEqual([]);
  });

  test('workspace and organization IDs must be UUIDs too', () => {
    const send = async (): Promise<HttpResponse> => ({ status: 200, headers: {}, text: '' });
    expect(() => new BirdClient(send, policy, { workspaceId: '../../anything' })).toThrow(/not a UUID/);
    expect(() => new BirdClient(send, policy, { workspaceId: WS, organizationId: 'x/..' })).toThrow(/not a UUID/);
  });

  test('DELETE success is the 2xx status, whatever the body', async () => {
    for (const text of ['OK', '', '{"id":"other"}', '<html>']) {
      const { sent, bird } = client({ status: 200, headers: {}, text });
      await expect(bird.remove(ID)).resolves.toBe('deleted');
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /workspaces/${WS}/webhook-subscriptions/${ID}`]);
    }
  });

  test('a PATCH answer about another subscription is refused', async () => {
    const other = { id: '0edf722b-0000-4000-8000-000000000001', service: 'channels', event: 'e', url: 'https://a.example.com/h', status: 'active' };
    const { bird } = client({ status: 200, headers: {}, text: JSON.stringify(other) });
    const before = { ...other, id: ID };
    await expect(bird.update(before, { status: 'active' })).rejects.toThrow(`Unexpected answer from Bird to PATCH /workspaces/${WS}/webhook-subscriptions/${ID}: id ${other.id} is not the subscription that was updated`);
  });

  test('a PATCH answer with the same id but another url, service or event is refused', async () => {
    const before = { id: ID, service: 'channels', event: 'e', url: 'https://a.example.com/h', status: 'active' };
    for (const [field, value] of [['url', 'https://evil.example.com/x'], ['service', 'numbers'], ['event', 'other']]) {
      const { bird } = client({ status: 200, headers: {}, text: JSON.stringify({ ...before, [field]: value }) });
      await expect(bird.update(before, { status: 'active' })).rejects.toThrow(`the updated subscription has ${field} '${value}'`);
    }
    const moved = { ...before, url: 'https://b.example.com/h' };
    const { bird } = client({ status: 200, headers: {}, text: JSON.stringify(moved) });
    await expect(bird.update(before, { url: moved.url })).resolves.toMatchObject({ url: moved.url });
  });
});
