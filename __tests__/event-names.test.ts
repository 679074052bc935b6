// Issue 29: the rules a name must follow before any request, which names the built-in table vouches
// for, the shape Bird's available-webhooks answer must have, and how a name is judged against it.
import { describe, expect, test } from '@jest/globals';
import { checkAvailable, MAX_NAME_LENGTH, MAX_SERVICES } from '../src/bird/available.js';
import { judgeNames, type Asked, type Lookup } from '../src/plan/confirm-events.js';
import { boundedDistance, closest, editDistance, KNOWN_EVENTS, KNOWN_FILTER_KEYS, knownEvents, knownFilterKeys, MAX_SEARCH_CELLS, namesToConfirm, needsEventCheck, refuseCaseVariants, type SearchCost } from '../src/plan/events.js';
import { MAX_NAME_INPUT_LENGTH, nameProblem as eventNameProblem, namesIn } from '../src/plan/name-rules.js';
import { defaultAvailableWebhooks } from '../testbed/bird-server.js';
import { parseEventFilters, parseEvents, parseInputs } from '../src/plan/inputs.js';
import { checkEvents } from '../src/steps/check-events.js';
import { BirdApiError, NetworkError, ResponseError } from '../src/bird/errors.js';
import { RetriesExhaustedError } from '../src/bird/retry.js';
import type { AvailableService } from '../src/bird/available.js';
import { errorOf } from './support/input-error.js';

describe('what cannot be one event name: an allowlist (ASCII letters, digits, _ and -, in dot-separated parts)', () => {
  test.each([
    ['sms.inbound,whatsapp.inbound', 'a comma'],
    ['sms.inbound, whatsapp.inbound', 'a comma'],
    ['[sms.inbound', 'a bracket'],
    ['sms.inbound]', 'a bracket'],
    ['(sms.inbound)', 'a bracket'],
    ['{sms.inbound}', 'a bracket'],
    ['"sms.inbound"', 'a quote'],
    ["'sms.inbound'", 'a quote'],
    ['`sms.inbound`', 'a quote'],
    ['sms.inbound whatsapp.inbound', 'a space'],
    ['sms.inbound;whatsapp.inbound', "';'"],
    ['sms.inbound|whatsapp.inbound', "'|'"],
    ['sms.inbound/whatsapp.inbound', "'/'"],
    ['sms:inbound', "':'"],
    ['sms.inbound\twhatsapp.inbound', 'U+0009 (an invisible character)'],
    ['sms.inbound\u0000', 'U+0000 (an invisible character)'],
    ['sms.inbound\u200b', 'U+200B (an invisible character)'],
    ['sms.inbound\u3164whatsapp.inbound', 'U+3164 (an invisible character)'],
    ['sms.inbound\u2800', 'U+2800 (an invisible character)'],
    ['sms.inbound\u00a0whatsapp.inbound', 'U+00A0 (an invisible character)'],
    ['sms.inbound\u3000whatsapp.inbound', 'U+3000 (an invisible character)'],
    ['\ufeffsms.inbound', 'U+FEFF (an invisible character)'],
    ['\u0455ms.inbound', 'U+0455 (not an ASCII character)'],
    ['sms.inbound\u{1F600}', 'U+1F600 (not an ASCII character)'],
    ['sms..inbound', 'an empty part between dots'],
    ['.sms.inbound', 'an empty part between dots'],
    ['sms.inbound.', 'an empty part between dots'],
    ['x'.repeat(MAX_NAME_INPUT_LENGTH + 1), `more than ${MAX_NAME_INPUT_LENGTH} characters`],
  ])('%j contains %s', (name, problem) => {
    expect(eventNameProblem(name)).toBe(problem);
  });

  test.each(['sms.inbound', 'conversation.created', 'number.purchased', 'a-b_c.d', 'channelId', 'x'.repeat(MAX_NAME_INPUT_LENGTH)])('%j can be one name', (name) => {
    expect(eventNameProblem(name)).toBeUndefined();
  });

  test("every name of the table, every filter key, and the names of Bird's docs fit the allowlist", () => {
    const names = [
      ...Object.values(KNOWN_EVENTS).flatMap((events) => events ?? []),
      ...Object.values(KNOWN_FILTER_KEYS).flatMap((keys) => keys ?? []),
      // Bird's docs: the create example, channel.created, conversations, templates; the filter keys.
      ...['sms.outbound', 'whatsapp.inbound', 'channel.created', 'conversation.updated', 'template.deleted', 'channelId', 'platformId'],
      // And every name the test server lists (Bird's documented names plus rcs.*).
      ...defaultAvailableWebhooks().flatMap((s) => s.events.flatMap((e) => [e.name, ...(e.filterKeys ?? [])])),
    ];
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((n) => eventNameProblem(n) !== undefined)).toEqual([]);
  });

  test('the names an entry holds, for the fix; at most five', () => {
    expect(namesIn('[sms.inbound, "whatsapp.inbound"]')).toEqual(['sms.inbound', 'whatsapp.inbound']);
    expect(namesIn('a,b,c,d,e,f,g')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(namesIn('sms.inbound')).toEqual(['sms.inbound']);
    expect(namesIn('sms.inbound;whatsapp.inbound|line.inbound/x.y\u3164z.w')).toEqual(['sms.inbound', 'whatsapp.inbound', 'line.inbound', 'x.y', 'z.w']);
    expect(namesIn('- sms.inbound')).toEqual(['sms.inbound']);
  });
});

describe('parseEvents: a list in one entry is refused, naming the input and showing the fix', () => {
  test('a comma in a line of events', () => {
    const error = errorOf(() => parseEvents('', 'sms.inbound,whatsapp.inbound', true));
    expect(error.input).toBe('events');
    expect(error.message).toBe(
      "Input 'events' entry 1 ('sms.inbound,whatsapp.inbound') contains a comma, so it cannot be one event name; " +
        "put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound, each on its own line)",
    );
  });

  test('a comma in event says event takes one, and to use events', () => {
    const error = errorOf(() => parseEvents('sms.inbound, whatsapp.inbound', '', true));
    expect(error.input).toBe('event');
    expect(error.message).toBe(
      "Input 'event' ('sms.inbound, whatsapp.inbound') contains a comma, so it cannot be one event name; " +
        "'event' takes one event: list several under 'events: |', one event a line (here: sms.inbound, then whatsapp.inbound, each on its own line)",
    );
  });

  test('a bracketed list and a quoted name', () => {
    expect(errorOf(() => parseEvents('', '[sms.inbound, whatsapp.inbound]', true)).message).toContain("contains a bracket, so it cannot be one event name; put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound,");
    // One name in quotes (or brackets): the fix shows no split, the quotes are what is wrong.
    expect(errorOf(() => parseEvents('', 'sms.inbound\n"whatsapp.inbound"', true)).message).toBe(
      "Input 'events' entry 2 ('\"whatsapp.inbound\"') contains a quote, so it cannot be one event name; drop the quotes",
    );
    expect(errorOf(() => parseEvents('[sms.inbound]', '', true)).message).toBe("Input 'event' ('[sms.inbound]') contains a bracket, so it cannot be one event name; drop the brackets");
  });

  test.each([
    ['sms.inbound;whatsapp.inbound', "contains ';', so it cannot be one event name; put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound, each on its own line)"],
    ['sms.inbound|whatsapp.inbound', "contains '|', so it cannot be one event name; put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound,"],
    ['sms.inbound/whatsapp.inbound', "contains '/', so it cannot be one event name; put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound,"],
  ])('a list written with another separator (%j) is refused the same way', (entry, message) => {
    const error = errorOf(() => parseEvents('', entry, true));
    expect(error.input).toBe('events');
    expect(error.message).toContain(`Input 'events' entry 1 ('${entry}') ${message}`);
  });

  test('an invisible character is shown escaped as U+XXXX, with the fix', () => {
    expect(errorOf(() => parseEvents('sms.inbound\u3164', '', true)).message).toBe(
      "Input 'event' ('sms.inbound\\u3164') contains U+3164 (an invisible character), so it cannot be one event name; delete the invisible U+3164 (type the name again rather than paste it)",
    );
    expect(errorOf(() => parseEvents('', 'sms.inbound\nsms.outbound\u2800', true)).message).toBe(
      "Input 'events' entry 2 ('sms.outbound\\u2800') contains U+2800 (an invisible character), so it cannot be one event name; delete the invisible U+2800 (type the name again rather than paste it)",
    );
    expect(errorOf(() => parseEvents('', 'sms.inbound\u200bwhatsapp.inbound', true)).message).toBe(
      "Input 'events' entry 1 ('sms.inbound\\u200bwhatsapp.inbound') contains U+200B (an invisible character), so it cannot be one event name; put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound, each on its own line)",
    );
    expect(errorOf(() => parseEvents('sms.inbound\u{1F600}', '', true)).message).toMatch(/^Input 'event' \('sms\.inbound\\u\{1f600\}'\) contains U\+1F600 \(not an ASCII character\)/);
    // A look-alike letter (Cyrillic s) is shown escaped too, so the message shows what differs.
    expect(errorOf(() => parseEvents('\u0455ms.inbound', '', true)).message).toBe(
      "Input 'event' ('\\u0455ms.inbound') contains U+0455 (not an ASCII character), so it cannot be one event name; a name holds only ASCII letters, digits, '_' and '-', in parts separated by dots",
    );
  });

  test('a trailing comma on each line (the user did put one event a line): drop the trailing comma', () => {
    expect(errorOf(() => parseEvents('', 'sms.inbound,\nwhatsapp.inbound,', true)).message).toBe(
      "Input 'events' entry 1 ('sms.inbound,') contains a comma, so it cannot be one event name; drop the trailing comma: one event a line needs none",
    );
    expect(errorOf(() => parseEvents('sms.inbound,', '', true)).message).toContain('; drop the trailing comma');
    expect(errorOf(() => parseEvents('', 'sms.inbound;', true)).message).toContain("; drop the trailing ';'");
  });

  test("a YAML list item under 'events: |': drop the '- '", () => {
    expect(errorOf(() => parseEvents('', '- sms.inbound\n- whatsapp.inbound', true)).message).toBe(
      "Input 'events' entry 1 ('- sms.inbound') contains a space, so it cannot be one event name; drop the leading '- ': each line is one name, not a YAML list item",
    );
  });

  test('entries are counted as the runner gives them: blank lines (trimmed at the start by the runner) do not shift the number', () => {
    // The runner trims the whole input, so two leading blank lines never reach the step; the number is the entry's.
    for (const text of ['sms.inbound\n\nx,y', 'sms.inbound\nx,y', '\n\nsms.inbound\n\n\nx,y\n']) {
      expect(errorOf(() => parseEvents('', text, true)).message).toMatch(/^Input 'events' entry 2 \('x,y'\) contains a comma/);
    }
    expect(errorOf(() => parseEvents('', '\nsms.inbound\n\nsms.inbound', true)).message).toBe("Input 'events' lists 'sms.inbound' twice (entry 2)");
  });

  test('event given several lines says to use events, not "one event a line" for the same input', () => {
    const error = errorOf(() => parseEvents('sms.inbound\nwhatsapp.inbound\n', '', true));
    expect(error.input).toBe('event');
    expect(error.message).toBe(
      "Input 'event' ('sms.inbound\\nwhatsapp.inbound') has 2 lines, and 'event' takes one event; list several under 'events: |', one event a line",
    );
  });

  test('event: | with one line (a trailing line break) is still one event', () => {
    expect(parseEvents('sms.outbound\n', '', true)).toEqual(['sms.outbound']);
    expect(parseEvents('\n  sms.outbound \r\n', '', true)).toEqual(['sms.outbound']);
  });

  test('through parseInputs, for state absent too (a sweep narrowed by events)', () => {
    const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
    const base = { 'access-key': 'k', 'workspace-id': 'b4e02c85-c6d2-4b15-8885-e09671799c61', service: 'channels', url: 'https://a.example.com/h' };
    expect(errorOf(() => parseInputs(read({ ...base, events: 'sms.inbound,sms.outbound' }))).input).toBe('events');
    expect(errorOf(() => parseInputs(read({ ...base, state: 'absent', 'url-pattern': 'https://a.example.com/**', url: '', events: 'a,b' }))).input).toBe('events');
  });
});

describe('what the table vouches for', () => {
  test('known events and the documented filter keys need no lookup', () => {
    expect(namesToConfirm('channels', ['sms.outbound', 'whatsapp.inbound'], ['channelId', 'messageStatus', 'interactionType', 'platformId', 'channelStatus', 'status'])).toEqual({ events: [], filterKeys: [] });
    expect(namesToConfirm('templates', ['template.created'], ['platformId'])).toEqual({ events: [], filterKeys: [] });
    expect(needsEventCheck('present', 'channels', ['sms.outbound'], ['channelId'])).toBe(false);
  });

  test('unknown events and keys, once each, in input order; numbers and payments events are never in the table', () => {
    expect(namesToConfirm('channels', ['rcs.inbound', 'sms.outbound', 'sms.outbond'], ['channelID', 'channelId', 'channelID'])).toEqual({
      events: ['rcs.inbound', 'sms.outbond'],
      filterKeys: ['channelID'],
    });
    expect(namesToConfirm('numbers', ['number.purchased'], [])).toEqual({ events: ['number.purchased'], filterKeys: [] });
    expect(namesToConfirm('conversations', ['conversation.created'], ['channelId'])).toEqual({ events: [], filterKeys: ['channelId'] });
    expect(needsEventCheck('present', 'channels', ['sms.outbound'], ['messagestatus'])).toBe(true);
    expect(needsEventCheck('present', 'numbers', ['x'], [])).toBe(true);
  });

  test('a service Bird does not document is not looked up (it has its own warning, and Bird refuses it on create)', () => {
    expect(namesToConfirm('channel', ['sms.outbound'], ['x'])).toEqual({ events: [], filterKeys: [] });
    expect(namesToConfirm('toString', ['x'], [])).toEqual({ events: [], filterKeys: [] });
    expect(needsEventCheck('present', 'sms', ['sms.outbound'], [])).toBe(false);
  });

  test('state absent: only a name the table judges misspelt, never a filter key; nothing without events or service', () => {
    expect(needsEventCheck('absent', 'channels', ['sms.outbond'], [])).toBe(true);
    expect(needsEventCheck('absent', 'channels', ['sms.outbound'], ['channelID'])).toBe(false);
    expect(needsEventCheck('absent', 'numbers', ['anything'], [])).toBe(false);
    expect(needsEventCheck('absent', '', [], [])).toBe(false);
    expect(needsEventCheck('present', 'channels', [], ['x'])).toBe(false);
  });
});

describe("Bird's available-webhooks answer is untrusted", () => {
  test('the documented shape, with or without filterKeys', () => {
    expect(checkAvailable({ results: [{ service: 'channels', events: [{ name: 'sms.outbound', filterKeys: ['channelId'] }, { name: 'x', filterKeys: null }, { name: 'y', extra: 1 }] }], more: 1 })).toEqual([
      { service: 'channels', events: [{ name: 'sms.outbound', filterKeys: ['channelId'] }, { name: 'x' }, { name: 'y' }] },
    ]);
    expect(checkAvailable({ results: [] })).toEqual([]);
  });

  test.each([
    [null, 'a body that is null, not an object'],
    [[], 'a body that is a list, not an object'],
    ['text', 'a body that is string, not an object'],
    [{}, 'a body without a results list'],
    [{ results: {} }, 'a body without a results list'],
    [{ results: [1] }, 'results[0] is number, not an object'],
    [{ results: [{ events: [] }] }, 'results[0].service is not a name'],
    [{ results: [{ service: 'channels' }] }, 'results[0].events is not a list'],
    [{ results: [{ service: 'channels', events: [{ name: 7 }] }] }, 'results[0].events[0].name is not a name'],
    [{ results: [{ service: 'channels', events: [{ name: '' }] }] }, 'results[0].events[0].name is not a name'],
    [{ results: [{ service: 'channels', events: [{ name: 'a', filterKeys: 'channelId' }] }] }, 'results[0].events[0].filterKeys is not a list of names'],
    [{ results: [{ service: 'channels', events: [{ name: 'a', filterKeys: [1] }] }] }, 'results[0].events[0].filterKeys is not a list of names'],
    [{ results: [{ service: 'channels', events: [{ name: 'x'.repeat(MAX_NAME_LENGTH + 1) }] }] }, 'results[0].events[0].name is not a name'],
    [{ results: Array.from({ length: MAX_SERVICES + 1 }, () => ({ service: 's', events: [] })) }, `${MAX_SERVICES + 1} services (more than ${MAX_SERVICES})`],
  ])('%j is refused: %s', (body, problem) => {
    expect(checkAvailable(body)).toBe(problem);
  });
});

const CHANNELS: AvailableService = {
  service: 'channels',
  events: [
    { name: 'sms.inbound', filterKeys: ['channelId'] },
    { name: 'sms.outbound', filterKeys: ['channelId', 'direction'] },
    { name: 'rcs.inbound', filterKeys: ['channelId', 'direction'] },
    { name: 'channel.created' },
  ],
};

function asked(events: string[], filterKeys: string[] = [], service = 'channels', eventsInput: 'event' | 'events' = 'event'): Asked {
  return { service, events, eventsInput, toConfirm: namesToConfirm(service, events, filterKeys) };
}

describe('judging names against what Bird lists', () => {
  const listed: Lookup = { services: [CHANNELS, { service: 'templates', events: [{ name: 'template.created' }] }] };

  test('Bird lists an event the table lacks: confirmed, nothing warned', () => {
    expect(judgeNames(asked(['rcs.inbound']), listed)).toEqual({ refusals: [], warnings: [], infos: [], confirmed: ['rcs.inbound'] });
  });

  test('Bird does not list it: refused, with the closest name Bird lists', () => {
    expect(judgeNames(asked(['sms.outbond']), listed).refusals).toEqual([
      "Input 'event' is 'sms.outbond', which Bird does not list for service 'channels' in this workspace; did you mean sms.outbound? (a subscription to it would never fire)",
    ]);
    expect(judgeNames(asked(['SMS.Outbound'], [], 'channels', 'events'), listed).refusals[0]).toMatch(/^Input 'events' lists 'SMS\.Outbound', .*did you mean sms\.outbound\?/);
  });

  test('nothing near: some of the names Bird lists; an event of another service says which', () => {
    expect(judgeNames(asked(['message.sent']), listed).refusals[0]).toContain('; Bird lists sms.inbound, sms.outbound, rcs.inbound, channel.created (a subscription');
    const many: Lookup = { services: [{ service: 'channels', events: Array.from({ length: 10 }, (_, i) => ({ name: `e${i}.zzzzzzzzzz` })) }] };
    expect(judgeNames(asked(['message.sent']), many).refusals[0]).toContain('Bird lists e0.zzzzzzzzzz, e1.zzzzzzzzzz, e2.zzzzzzzzzz, e3.zzzzzzzzzz, e4.zzzzzzzzzz, e5.zzzzzzzzzz, e6.zzzzzzzzzz, e7.zzzzzzzzzz, … (10 in all)');
    expect(judgeNames(asked(['conversation.created']), listed).refusals[0]).toContain("it is an event of service 'conversations'");
  });

  test("Bird's names are shown escaped", () => {
    const hostile: Lookup = { services: [{ service: 'channels', events: [{ name: 'sms.outbound\n::error::x' }] }] };
    const [refusal] = judgeNames(asked(['sms.outbound\n::error::y'.replace('\n', '_')]), hostile).refusals;
    expect(refusal).not.toMatch(/[\r\n]/);
  });

  test('only the entries of the asked service count (a server that ignores ?service=)', () => {
    expect(judgeNames(asked(['template.created']), listed).refusals).toHaveLength(1);
  });

  test('a filter key Bird lists for the event: confirmed; one it does not: refused with the closest', () => {
    expect(judgeNames(asked(['sms.outbound'], ['direction']), listed)).toEqual({ refusals: [], warnings: [], infos: [], confirmed: ['direction'] });
    expect(judgeNames(asked(['sms.outbound'], ['channelID']), listed).refusals).toEqual([
      "Input 'event-filters' has the key 'channelID', which Bird does not list as a filter key of event 'sms.outbound'; did you mean channelId? (a subscription filtered by it would never fire)",
    ]);
    // Taken by one event of the set, not by another: refused, naming the one that does not take it.
    expect(judgeNames(asked(['sms.outbound', 'sms.inbound'], ['direction']), listed).refusals[0]).toContain("filter key of event 'sms.inbound'; Bird lists channelId (");
  });

  test('Bird names no filter keys for the event: the key is not confirmed, and the step goes on', () => {
    const verdict = judgeNames(asked(['channel.created'], ['zone']), listed);
    expect(verdict.refusals).toEqual([]);
    expect(verdict.infos).toEqual(["Input 'event-filters' has the key 'zone', which Bird could not confirm (Bird lists no filter keys for 'channel.created'); it is sent as given"]);
  });

  test('the lookup failed: the table warning with why, and the step goes on', () => {
    const verdict = judgeNames(asked(['sms.outbond', 'rcs.inbound'], ['channelID']), { failed: 'Bird answered HTTP 403 to GET /x' });
    expect(verdict.refusals).toEqual([]);
    expect(verdict.warnings).toEqual([
      "Input 'event' is 'sms.outbond', which is not an event Bird documents for service 'channels'; did you mean sms.outbound? " +
        '(a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently). Bird could not confirm the name: Bird answered HTTP 403 to GET /x',
      "Input 'event' is 'rcs.inbound', which is not an event Bird documents for service 'channels'; did you mean sms.inbound? " +
        '(a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently). Bird could not confirm the name: Bird answered HTTP 403 to GET /x',
      "Input 'event-filters' has the key 'channelID', which is not a filter key Bird documents for service 'channels'; did you mean channelId? (a subscription filtered by an unknown key may never fire). Bird could not confirm the key: Bird answered HTTP 403 to GET /x",
    ]);
  });

  test('a service the table has no names for: an info line, not a warning, when Bird cannot confirm', () => {
    const verdict = judgeNames(asked(['number.purchased'], ['zone'], 'numbers'), { failed: 'timeout' });
    expect(verdict.warnings).toEqual([]);
    expect(verdict.infos).toEqual([
      "Input 'event' is 'number.purchased', which Bird could not confirm for service 'numbers' (timeout); it is sent as given",
      "Input 'event-filters' has the key 'zone', which Bird could not confirm (timeout); it is sent as given",
    ]);
  });

  test('an empty list (or none for the service) is read as "cannot confirm", never as "does not exist"', () => {
    for (const lookup of [{ services: [] }, { services: [{ service: 'channels', events: [] }] }, { services: [{ service: 'numbers', events: [{ name: 'sms.outbond' }] }] }] as Lookup[]) {
      const verdict = judgeNames(asked(['sms.outbond']), lookup);
      expect(verdict.refusals).toEqual([]);
      expect(verdict.warnings).toEqual([expect.stringMatching(/did you mean sms\.outbound\?.*Bird could not confirm the name: Bird lists no events for service 'channels' in this workspace$/)]);
    }
  });
});

describe('the check step', () => {
  const log = () => {
    const lines: string[] = [];
    return { lines, info: (m: string) => lines.push(`info: ${m}`), warning: (m: string) => lines.push(`warning: ${m}`) };
  };
  const present = { state: 'present' as const, service: 'channels', eventsInput: 'event' as const };

  test('asks once, with the service, however many names; fails on a name Bird does not list', async () => {
    const asks: string[] = [];
    const client = { availableWebhooks: async (service: string) => (asks.push(service), [CHANNELS]) };
    await expect(checkEvents(client, { ...present, events: ['sms.outbond', 'rcs.inbound', 'x.y'], eventFilters: [{ key: 'channelID', value: '1' }] }, log())).rejects.toThrow(
      /^Input 'event' is 'sms\.outbond', .*did you mean sms\.outbound\?.*\. Also: Input 'event' is 'x\.y', .*\. Also: Input 'event-filters' has the key 'channelID'/,
    );
    expect(asks).toEqual(['channels']);
  });

  test("Bird's refusal, a network error or an odd answer: warned, the step goes on", async () => {
    for (const error of [
      new BirdApiError(403, 'GET', '/workspaces/w/available-webhooks', { code: 'Forbidden' }),
      new NetworkError('GET', '/workspaces/w/available-webhooks', 'timed out', true),
      new ResponseError('Unexpected answer from Bird to GET /workspaces/w/available-webhooks: a body without a results list'),
      new RetriesExhaustedError('GET /workspaces/w/available-webhooks failed after 4 attempts; last error: HTTP 503'),
    ]) {
      const out = log();
      await checkEvents({ availableWebhooks: async () => Promise.reject(error) }, { ...present, events: ['sms.outbond'] }, out);
      expect(out.lines).toEqual([expect.stringMatching(new RegExp(`^warning: .*did you mean sms\\.outbound\\?.*Bird could not confirm the name: ${error.message.slice(0, 30).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`))]);
    }
  });

  test('a bug is not taken for "Bird could not answer"', async () => {
    await expect(checkEvents({ availableWebhooks: async () => Promise.reject(new TypeError('boom')) }, { ...present, events: ['sms.outbond'] }, log())).rejects.toThrow('boom');
  });

  test('confirmed names: one info line', async () => {
    const out = log();
    await checkEvents({ availableWebhooks: async () => [CHANNELS] }, { ...present, events: ['rcs.inbound', 'sms.outbound'], eventFilters: [{ key: 'direction', value: 'delivered' }] }, out);
    expect(out.lines).toEqual(["info: Bird lists 'rcs.inbound', 'direction' for service 'channels'"]);
  });

  test('state absent: the table warning only, and Bird is not asked', async () => {
    const out = log();
    const client = { availableWebhooks: async () => Promise.reject(new Error('must not be asked')) };
    await checkEvents(client, { state: 'absent', service: 'channels', eventsInput: 'events', events: ['sms.outbond', 'sms.inbound'] }, out);
    expect(out.lines).toEqual([expect.stringMatching(/^warning: Input 'events' lists 'sms\.outbond', .*did you mean sms\.outbound\?.*; nothing is deleted by a name no subscription has$/)]);
  });
});

describe('filter keys follow the same allowlist (input event-filters)', () => {
  test.each([
    ['channel Id=1', "Input 'event-filters' entry 1 ('channel Id=1') has the key 'channel Id', which contains a space, so it cannot be a filter key; a name holds only ASCII letters, digits, '_' and '-', in parts separated by dots"],
    ['channelId,messageStatus=1', "Input 'event-filters' entry 1 ('channelId,messageStatus=1') has the key 'channelId,messageStatus', which contains a comma, so it cannot be a filter key; put one filter a line, each as key=value"],
    ['"channelId"=1', "Input 'event-filters' entry 1 ('\"channelId\"=1') has the key '\"channelId\"', which contains a quote, so it cannot be a filter key; drop the quotes"],
    ['channel\u200bId=1', "Input 'event-filters' entry 1 ('channel\\u200bId=1') has the key 'channel\\u200bId', which contains U+200B (an invisible character), so it cannot be a filter key; delete the invisible U+200B (type the name again rather than paste it)"],
    ['channelId\u3164=1', "Input 'event-filters' entry 1 ('channelId\\u3164=1') has the key 'channelId\\u3164', which contains U+3164 (an invisible character)"],
    ['- channelId=1', "has the key '- channelId', which contains a space, so it cannot be a filter key; drop the leading '- ': each line is one name, not a YAML list item"],
  ])('%j is refused before any request', (text, message) => {
    const error = errorOf(() => parseEventFilters(`\n${text}`));
    expect(error.input).toBe('event-filters');
    expect(error.message).toContain(message);
  });

  test('keys that fit are taken; the value is not judged (Bird documents values such as UUIDs and statuses)', () => {
    expect(parseEventFilters('channelId=58c44c1d-a6a0-4cb6-9f78-05308de87451\nmessageStatus=delivery_failed\nx.y=a b, "c"')).toEqual([
      { key: 'channelId', value: '58c44c1d-a6a0-4cb6-9f78-05308de87451' },
      { key: 'messageStatus', value: 'delivery_failed' },
      { key: 'x.y', value: 'a b, "c"' },
    ]);
  });
});

describe('a name of the table in other letter case is refused before any request (Bird is case-sensitive)', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  const base = { 'access-key': 'k', 'workspace-id': 'b4e02c85-c6d2-4b15-8885-e09671799c61', service: 'channels', url: 'https://a.example.com/h' };

  test('an event, in event or events', () => {
    const single = errorOf(() => parseInputs(read({ ...base, event: 'SMS.Outbound' })));
    expect(single.input).toBe('event');
    expect(single.message).toBe(
      "Input 'event' is 'SMS.Outbound'; did you mean sms.outbound? Bird's event names are case-sensitive, and a subscription to 'SMS.Outbound' would never fire",
    );
    expect(errorOf(() => parseInputs(read({ ...base, events: 'sms.inbound\nWhatsApp.inbound' }))).message).toMatch(/^Input 'events' lists 'WhatsApp\.inbound'; did you mean whatsapp\.inbound\?/);
  });

  test('a filter key', () => {
    const error = errorOf(() => parseInputs(read({ ...base, event: 'sms.outbound', 'event-filters': 'channelID=1' })));
    expect(error.input).toBe('event-filters');
    expect(error.message).toBe(
      "Input 'event-filters' has the key 'channelID'; did you mean channelId? Bird's filter keys are case-sensitive, and a subscription filtered by 'channelID' would never fire",
    );
  });

  test('exact names, names of other services, and state: absent are not refused here', () => {
    expect(parseInputs(read({ ...base, event: 'sms.outbound', 'event-filters': 'channelId=1' })).events).toEqual(['sms.outbound']);
    // Another service's table: not a case variant of this service's names (Bird is asked, and says which service).
    expect(parseInputs(read({ ...base, service: 'templates', event: 'SMS.Outbound' })).events).toEqual(['SMS.Outbound']);
    // Deleting by the name a subscription was created with must stay possible.
    expect(parseInputs(read({ ...base, state: 'absent', event: 'SMS.Outbound' })).events).toEqual(['SMS.Outbound']);
  });
});

describe('a service named like an Object.prototype member is no service of the table', () => {
  test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('%s: no TypeError, nothing to check', (service) => {
    expect(() => needsEventCheck('absent', service, ['x.y'], [])).not.toThrow();
    expect(needsEventCheck('absent', service, ['x.y'], [])).toBe(false);
    expect(needsEventCheck('present', service, ['x.y'], ['k'])).toBe(false);
    expect(knownEvents(service)).toBeUndefined();
    expect(knownFilterKeys(service)).toEqual([]);
    expect(() => refuseCaseVariants(service, ['x.y'], 'event', [{ key: 'k' }])).not.toThrow();
    expect(() => judgeNames(asked(['x.y'], ['k'], service), { failed: 'timeout' })).not.toThrow();
  });
});

describe('"did you mean" stays cheap against a hostile list', () => {
  const long = (count: number, length: number) => Array.from({ length: count }, (_, i) => `${'n'.repeat(length - 10)}${String(i).padStart(10, '0')}`);

  test('the banded distance is the edit distance wherever it is within the bound', () => {
    const words = ['', 'a', 'ab', 'ba', 'abc', 'sms.outbound', 'sms.outbond', 'sms.otubound', 'smsoutbound', 'whatsapp.inbound', 'channelId', 'channelID', 'xyz'];
    for (const a of words) {
      for (const b of words) {
        for (const bound of [0, 1, 2, 3, 5]) expect([a, b, bound, boundedDistance(a, b, bound)]).toEqual([a, b, bound, Math.min(editDistance(a, b), bound + 1)]);
      }
    }
  });

  test('45,000 names of 200 characters: no distance computed for a short name (their length alone rules them out)', () => {
    const cost: SearchCost = { cells: 0 };
    const names = long(45000, 200);
    for (let i = 0; i < 5; i++) expect(closest(`sms.outbond${i}`, names, cost)).toBeUndefined();
    expect(cost.cells).toBe(0);
  });

  test('names of the same length as the one asked: the search stops at its budget of cells', () => {
    const cost: SearchCost = { cells: 0 };
    const names = Array.from({ length: 45000 }, (_, i) => `q${String(i).padStart(11, '0')}`);
    // The real name comes after the junk: beyond the budget it is not found, and that is the price.
    expect(closest('sms.outbond0', [...names, 'sms.outbound'], cost)).toBeUndefined();
    expect(cost.cells).toBeGreaterThan(0);
    expect(cost.cells).toBeLessThanOrEqual(MAX_SEARCH_CELLS + 12 * 9);
    // A real list (a few dozen names) is searched whole, for a few thousand cells at most.
    const real: SearchCost = { cells: 0 };
    expect(closest('sms.outbond', KNOWN_EVENTS.channels ?? [], real)).toBe('sms.outbound');
    expect(real.cells).toBeLessThan(5000);
  });

  test('judging 50 unknown names against the largest answer Bird may give stays within 50 budgets', () => {
    const cost: SearchCost = { cells: 0 };
    const events = Array.from({ length: 50 }, (_, i) => `sms.outbond${String(i).padStart(2, '0')}`);
    const services = Array.from({ length: 9 }, () => ({ service: 'channels', events: long(5000, 200).map((name) => ({ name })) }));
    const verdict = judgeNames({ service: 'channels', events, eventsInput: 'events', toConfirm: { events, filterKeys: [] } }, { services }, cost);
    expect(verdict.refusals).toHaveLength(50);
    expect(cost.cells).toBe(0);
    const near = Array.from({ length: 9 }, () => ({ service: 'channels', events: Array.from({ length: 5000 }, (_, i) => ({ name: `q${String(i).padStart(12, '0')}` })) }));
    const nearCost: SearchCost = { cells: 0 };
    judgeNames({ service: 'channels', events, eventsInput: 'events', toConfirm: { events, filterKeys: [] } }, { services: near }, nearCost);
    expect(nearCost.cells).toBeLessThanOrEqual(50 * (MAX_SEARCH_CELLS + 13 * 9));
  });
});

describe("once Bird's answer is here, it judges every filter key, the table's too (no extra request)", () => {
  const listed: Lookup = { services: [CHANNELS] };

  test("a key the table holds that Bird's filterKeys for the event lack: refused", () => {
    // status is in the table (voice), but Bird lists rcs.inbound with channelId and direction only.
    const verdict = judgeNames({ ...asked(['rcs.inbound'], ['status']), filterKeys: ['status'] }, listed);
    expect(verdict.refusals).toEqual([
      "Input 'event-filters' has the key 'status', which Bird does not list as a filter key of event 'rcs.inbound'; Bird lists channelId, direction (a subscription filtered by it would never fire)",
    ]);
  });

  test('a key the table holds that Bird lists: no refusal, and no "Bird lists" line for it (the table already vouched)', () => {
    expect(judgeNames({ ...asked(['rcs.inbound'], ['channelId']), filterKeys: ['channelId'] }, listed)).toEqual({ refusals: [], warnings: [], infos: [], confirmed: ['rcs.inbound'] });
  });

  test('Bird names no keys for the event, or the lookup failed: a key the table holds is taken as before', () => {
    expect(judgeNames({ ...asked(['channel.created', 'rcs.inbound'].slice(0, 1), ['status']), events: ['channel.created'], filterKeys: ['status'] }, listed).refusals).toEqual([]);
    expect(judgeNames({ ...asked(['rcs.inbound'], ['status']), filterKeys: ['status'] }, { failed: 'HTTP 403' })).toEqual({
      refusals: [],
      warnings: [expect.stringContaining("'rcs.inbound'")],
      infos: [],
      confirmed: [],
    });
  });

  test('through the check step: the keys come from event-filters', async () => {
    const client = { availableWebhooks: async () => [CHANNELS] };
    await expect(
      checkEvents(client, { state: 'present', service: 'channels', eventsInput: 'event', events: ['rcs.inbound'], eventFilters: [{ key: 'status', value: 'completed' }] }, { info: () => {}, warning: () => {} }),
    ).rejects.toThrow("Input 'event-filters' has the key 'status', which Bird does not list as a filter key of event 'rcs.inbound'");
  });
});
