// End to end (issue 29): Bird says which events exist. A list or a quote in one name is refused
// before any request; a name or filter key the built-in table lacks is asked of Bird with one GET
// available-webhooks; Bird's answer decides, and a lookup that fails only warns.
import { describe, expect, test } from '@jest/globals';
import { errorLine, leaks, runAction, useBird, warningLines } from './support/e2e.js';

const e2e = useBird();
const { inputs } = e2e;
const available = () => `/workspaces/${e2e.bird.workspaceId}/available-webhooks`;
/** Requests as `METHOD path?service=…` for the lookup, `METHOD ~` for the collection. */
const sent = (from = 0) =>
  e2e.bird.requests.slice(from).map((r) => (r.path.endsWith('/available-webhooks') ? `GET available?service=${r.query.service}` : `${r.method} ${r.path.replace(/^.*webhook-subscriptions/, '~')}`));
const created = () => [...e2e.bird.subscriptions.values()].map((s) => s.event);

describe('names that cannot be one event, before any request', () => {
  test('events: a,b on one line: refused naming events, showing one event a line', async () => {
    const run = await runAction('main', inputs({ event: '', events: 'sms.inbound,whatsapp.inbound' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(
      "::error::Input 'events' entry 1 ('sms.inbound,whatsapp.inbound') contains a comma, so it cannot be one event name; " +
        "put one event a line under 'events: |' (here: sms.inbound, then whatsapp.inbound, each on its own line)",
    );
    expect(e2e.bird.requests).toEqual([]);
  });

  test.each([
    ['a bracketed list', { events: '[sms.inbound, whatsapp.inbound]' }, "Input 'events' entry 1 ('[sms.inbound, whatsapp.inbound]') contains a bracket"],
    ['a quoted name', { events: '"sms.inbound"' }, "Input 'events' entry 1 ('\"sms.inbound\"') contains a quote"],
    ['a comma in event', { event: 'sms.inbound,sms.outbound' }, "'event' takes one event: list several under 'events: |'"],
    ['event given several lines', { event: 'sms.inbound\nsms.outbound\n' }, "Input 'event' ('sms.inbound\\nsms.outbound') has 2 lines, and 'event' takes one event; list several under 'events: |', one event a line"],
  ])('%s is refused before any request', async (_, extra, message) => {
    const run = await runAction('main', inputs({ event: '', ...extra }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain(message);
    expect(e2e.bird.requests).toEqual([]);
  });
});

describe('known names cost nothing', () => {
  test('events and filter keys the table holds: no lookup; the unchanged re-run sends one request', async () => {
    const step = inputs({ event: '', events: 'sms.inbound\nwhatsapp.outbound', 'event-filters': 'channelId=1\nmessageStatus=delivered' });
    const first = await runAction('main', step);
    expect(first.code).toBe(0);
    expect(sent()).toEqual(['GET ~', 'POST ~', 'POST ~', 'GET ~', 'GET ~']);
    const from = e2e.bird.requests.length;
    const second = await runAction('main', step);
    expect(second.outputs.result).toBe('unchanged');
    expect(sent(from)).toEqual(['GET ~']);
    expect(warningLines(second)).toEqual([]);
  });
});

describe('a name the table lacks is asked of Bird, once', () => {
  test('an event Bird lists and the table lacks: created, no warning', async () => {
    const run = await runAction('main', inputs({ event: 'rcs.inbound' }));
    expect(run.code).toBe(0);
    expect(sent()).toEqual(['GET available?service=channels', 'GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.requests[0].path).toBe(available());
    expect(warningLines(run)).toEqual([]);
    expect(run.stdout).toContain("Bird lists 'rcs.inbound' for service 'channels'");
    expect(created()).toEqual(['rcs.inbound']);
    // The lookup carries the access key like every request, and the key is printed nowhere.
    expect(e2e.bird.requests[0].headers.authorization).toBe(`AccessKey ${e2e.bird.accessKey}`);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });

  test('a misspelt event Bird does not list: fails before any write, with the closest name Bird lists', async () => {
    const run = await runAction('main', inputs({ event: 'sms.outbond' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(
      "::error::Input 'event' is 'sms.outbond', which Bird does not list for service 'channels' in this workspace; did you mean sms.outbound? (a subscription to it would never fire)",
    );
    expect(sent()).toEqual(['GET available?service=channels']);
    expect(warningLines(run)).toEqual([]);
    expect(run.outputs).toEqual({});
  });

  test('several unknown events and a filter key: one lookup, every name Bird does not list in one error', async () => {
    const run = await runAction('main', inputs({ event: '', events: 'rcs.inbound\nsms.outbond\nwhatsap.inbound', 'event-filters': 'chanelId=1' }));
    expect(run.code).toBe(1);
    expect(sent()).toEqual(['GET available?service=channels']);
    expect(errorLine(run)).toBe(
      "::error::Input 'events' lists 'sms.outbond', which Bird does not list for service 'channels' in this workspace; did you mean sms.outbound? (a subscription to it would never fire). " +
        "Also: Input 'events' lists 'whatsap.inbound', which Bird does not list for service 'channels' in this workspace; did you mean whatsapp.inbound? (a subscription to it would never fire). " +
        "Also: Input 'event-filters' has the key 'chanelId', which Bird does not list as a filter key of event 'rcs.inbound'; did you mean channelId? (a subscription filtered by it would never fire)",
    );
  });

  test('a misspelt filter key on a known event: refused, with the key Bird lists', async () => {
    const run = await runAction('main', inputs({ event: 'sms.outbound', 'event-filters': 'chanelId=1' }));
    expect(run.code).toBe(1);
    expect(sent()).toEqual(['GET available?service=channels']);
    expect(errorLine(run)).toBe(
      "::error::Input 'event-filters' has the key 'chanelId', which Bird does not list as a filter key of event 'sms.outbound'; did you mean channelId? (a subscription filtered by it would never fire)",
    );
  });

  test('a filter key Bird lists and the table lacks: created, no warning', async () => {
    e2e.bird.availableWebhooks![0].events.find((e) => e.name === 'sms.outbound')!.filterKeys!.push('direction');
    const run = await runAction('main', inputs({ event: 'sms.outbound', 'event-filters': 'direction=out' }));
    expect(run.code).toBe(0);
    expect(sent()).toEqual(['GET available?service=channels', 'GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(warningLines(run)).toEqual([]);
  });

  test('an event of another service says which', async () => {
    const run = await runAction('main', inputs({ event: 'conversation.created' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain("'conversation.created', which Bird does not list for service 'channels' in this workspace; it is an event of service 'conversations'");
  });

  test('dry run: the lookup runs (it is a read), and refuses as it would for real', async () => {
    const bad = await runAction('main', inputs({ event: 'sms.outbond', 'dry-run': 'true' }));
    expect(bad.code).toBe(1);
    expect(errorLine(bad)).toContain('did you mean sms.outbound?');
    const from = e2e.bird.requests.length;
    const good = await runAction('main', inputs({ event: 'rcs.inbound', 'dry-run': 'true' }));
    expect(good.code).toBe(0);
    expect(sent()).toEqual(['GET available?service=channels', 'GET available?service=channels', 'GET ~']);
    expect(sent(from)).toEqual(['GET available?service=channels', 'GET ~']);
    expect(created()).toEqual([]);
  });

  test('with organization-id the lookup uses the org path form, like every other request', async () => {
    const run = await runAction('main', inputs({ event: 'rcs.inbound', 'organization-id': e2e.bird.organizationId }));
    expect(run.code).toBe(0);
    expect(e2e.bird.requests[0].path).toBe(`/organizations/${e2e.bird.organizationId}${available()}`);
  });

  test('numbers (no events in the table): Bird confirms the event; a name Bird does not list is refused', async () => {
    const ok = await runAction('main', inputs({ service: 'numbers', event: 'number.purchased' }));
    expect(ok.code).toBe(0);
    expect(sent()[0]).toBe('GET available?service=numbers');
    const bad = await runAction('main', inputs({ service: 'numbers', event: 'number.purchasd' }));
    expect(bad.code).toBe(1);
    expect(errorLine(bad)).toContain("which Bird does not list for service 'numbers' in this workspace; did you mean number.purchased?");
  });
});

describe('when Bird cannot confirm, the step goes on as before, saying why', () => {
  const why = "Bird could not confirm the name: ";
  test.each([
    ['403', () => e2e.bird.inject({ path: 'available-webhooks', status: 403 }), 'Bird answered HTTP 403 to GET /workspaces/'],
    ['401', () => e2e.bird.inject({ path: 'available-webhooks', status: 401 }), 'Bird answered HTTP 401 to GET /workspaces/'],
    ['404 (no such route)', () => void (e2e.bird.availableWebhooks = undefined), 'Bird answered HTTP 404 to GET /workspaces/'],
    ['500 on every attempt', () => e2e.bird.inject({ path: 'available-webhooks', status: 500, times: 2 }), 'available-webhooks failed after 2 attempts; last error: Bird answered HTTP 500'],
    ['an answer of another shape', () => e2e.bird.inject({ path: 'available-webhooks', rawBody: '{"results":{"channels":[]}}' }), 'Unexpected answer from Bird to GET /workspaces/'],
    ['an answer that is not JSON', () => e2e.bird.inject({ path: 'available-webhooks', rawBody: '<html>' }), 'HTTP 200 with a body that is not valid JSON'],
    ['a timeout on every attempt', () => e2e.bird.inject({ path: 'available-webhooks', delayMs: 1500, times: 2 }), 'available-webhooks failed after 2 attempts; last error: no complete response within 0.5 s'],
    ['an empty list', () => void (e2e.bird.availableWebhooks = []), "Bird lists no events for service 'channels' in this workspace"],
  ])('%s: the table warning, why, and the subscription is created as asked', async (name, fail, reason) => {
    const retried = name.includes('every attempt');
    fail();
    const run = await runAction('main', inputs({ event: 'sms.outbond', 'timeout-seconds': '0.5', 'max-attempts': '2' }));
    expect([run.code, errorLine(run)]).toEqual([0, '']);
    const warnings = warningLines(run).filter((w) => w.includes('sms.outbond'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^::warning::Input 'event' is 'sms\.outbond', which is not an event Bird documents for service 'channels'; did you mean sms\.outbound\? /);
    expect(warnings[0]).toContain(`${why}`);
    expect(warnings[0].slice(warnings[0].indexOf(why))).toContain(reason);
    expect(created()).toEqual(['sms.outbond']);
    // Retried like every request (max-attempts: 2) where another attempt may help; then the list, create and settle.
    const lookups = sent().filter((c) => c.startsWith('GET available'));
    expect(lookups).toHaveLength(retried ? 2 : 1);
    expect(sent().slice(lookups.length)).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });

  test('a 403 names the path the key policy must allow View on', async () => {
    e2e.bird.inject({ path: 'available-webhooks', status: 403 });
    const run = await runAction('main', inputs({ event: 'sms.outbond', 'organization-id': e2e.bird.organizationId }));
    expect(run.code).toBe(0);
    expect(warningLines(run)[0]).toMatch(
      new RegExp(`Bird could not confirm the name: Bird answered HTTP 403 to GET /organizations/${e2e.bird.organizationId}/workspaces/${e2e.bird.workspaceId}/available-webhooks: .*Check that the access key's access policy allows View on /organizations/${e2e.bird.organizationId}/workspaces/${e2e.bird.workspaceId}/available-webhooks$`),
    );
  });

  test("Bird's own text in a lookup answer is escaped and cut", async () => {
    e2e.bird.inject({ path: 'available-webhooks', status: 403, rawBody: JSON.stringify({ code: 'Forbidden', message: `no\n::error::forged ${'x'.repeat(5000)}` }) });
    const run = await runAction('main', inputs({ event: 'sms.outbond' }));
    expect(run.code).toBe(0);
    expect(run.stdout.split(/\r\n|\r|\n/).filter((l) => l.startsWith('::error::'))).toEqual([]);
    expect(warningLines(run)[0]).toContain('Forbidden: no ::error::forged xxx');
    expect(warningLines(run)[0].length).toBeLessThan(5000);
  });

  test("hostile names in Bird's list are escaped in the refusal", async () => {
    e2e.bird.availableWebhooks = [{ service: 'channels', events: [{ name: 'sms.outbond\n::error::forged' }] }];
    const run = await runAction('main', inputs({ event: 'sms.outbond' }));
    expect(run.code).toBe(1);
    expect(run.stdout.split(/\r\n|\r|\n/).filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    expect(errorLine(run)).toContain('Bird lists sms.outbond\\n::error::forged');
  });
});

describe('state: absent', () => {
  test('a misspelt name: the table warning, no lookup (deleting by a name no subscription has deletes nothing)', async () => {
    const run = await runAction('main', inputs({ state: 'absent', event: 'sms.outbond' }));
    expect(run.code).toBe(0);
    expect(sent()).toEqual(['GET ~']);
    expect(warningLines(run)).toEqual([expect.stringMatching(/^::warning::Input 'event' is 'sms\.outbond', .*did you mean sms\.outbound\?.*; nothing is deleted by a name no subscription has$/)]);
  });

  test('a list in one name is refused there too', async () => {
    const run = await runAction('main', inputs({ state: 'absent', event: '', events: 'sms.inbound,sms.outbound' }));
    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toEqual([]);
  });
});

describe('with the lookup refused (403), what cannot be a name Bird has is still refused before any request', () => {
  test.each([
    ['a list with ;', { event: 'sms.inbound;whatsapp.inbound' }, "Input 'event' ('sms.inbound;whatsapp.inbound') contains ';', so it cannot be one event name; 'event' takes one event"],
    ['a list with |', { event: 'sms.inbound|whatsapp.inbound' }, "contains '|', so it cannot be one event name"],
    ['a list with /', { event: '', events: 'sms.inbound/whatsapp.inbound' }, "Input 'events' entry 1 ('sms.inbound/whatsapp.inbound') contains '/'"],
    ['an invisible Hangul filler', { event: 'sms.inbound\u3164' }, "Input 'event' ('sms.inbound\\u3164') contains U+3164 (an invisible character), so it cannot be one event name; delete the invisible U+3164"],
    ['a braille blank', { event: 'sms.inbound\u2800' }, 'contains U+2800 (an invisible character)'],
    ['a known event in other letter case', { event: 'SMS.Outbound' }, "Input 'event' is 'SMS.Outbound'; did you mean sms.outbound? Bird's event names are case-sensitive"],
    ['a known filter key in other letter case', { 'event-filters': 'channelID=1' }, "Input 'event-filters' has the key 'channelID'; did you mean channelId?"],
    ['a filter key with a space', { 'event-filters': 'channel Id=1' }, "Input 'event-filters' entry 1 ('channel Id=1') has the key 'channel Id', which contains a space"],
    ['two filter keys in one', { 'event-filters': 'channelId,messageStatus=1' }, "has the key 'channelId,messageStatus', which contains a comma, so it cannot be a filter key; put one filter a line, each as key=value"],
    ['a quoted filter key', { 'event-filters': '"channelId"=1' }, 'which contains a quote, so it cannot be a filter key; drop the quotes'],
    ['a zero-width space in a filter key', { 'event-filters': 'channel\u200bId=1' }, 'contains U+200B (an invisible character), so it cannot be a filter key'],
  ])('%s: refused naming the input, nothing sent, nothing created', async (_, extra, message) => {
    e2e.bird.inject({ path: 'available-webhooks', status: 403 });
    const run = await runAction('main', inputs(extra));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain(message);
    expect(e2e.bird.requests).toEqual([]);
    expect(created()).toEqual([]);
  });

  test('a trailing comma on each line of events: drop the trailing comma', async () => {
    const run = await runAction('main', inputs({ event: '', events: 'sms.inbound,\nwhatsapp.inbound,' }));
    expect(errorLine(run)).toBe("::error::Input 'events' entry 1 ('sms.inbound,') contains a comma, so it cannot be one event name; drop the trailing comma: one event a line needs none");
    expect(e2e.bird.requests).toEqual([]);
  });

  test('leading blank lines (trimmed by the runner) do not shift the entry number', async () => {
    const run = await runAction('main', inputs({ event: '', events: '\n\nsms.inbound\n\nx,y\n' }));
    expect(errorLine(run)).toMatch(/^::error::Input 'events' entry 2 \('x,y'\) contains a comma/);
  });

  test('state: absent keeps a case variant deletable (a warning, no lookup)', async () => {
    const run = await runAction('main', inputs({ state: 'absent', event: 'SMS.Outbound' }));
    expect(run.code).toBe(0);
    expect(sent()).toEqual(['GET ~']);
    expect(warningLines(run)).toEqual([expect.stringContaining("'SMS.Outbound', which is not an event Bird documents for service 'channels'; did you mean sms.outbound?")]);
  });
});

test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('state: absent with service %s: no TypeError; the step runs as for any unknown service', async (service) => {
  const run = await runAction('main', inputs({ state: 'absent', service, event: 'x.y' }));
  expect(run.code).toBe(0);
  expect(errorLine(run)).toBe('');
  expect(run.stdout + run.stderr).not.toContain('is not a function');
  expect(sent()).toEqual(['GET ~']);
});

test("once asked, Bird's answer judges a filter key the table holds (status on rcs.inbound): refused, one request", async () => {
  const run = await runAction('main', inputs({ event: 'rcs.inbound', 'event-filters': 'status=completed' }));
  expect(run.code).toBe(1);
  expect(errorLine(run)).toBe(
    "::error::Input 'event-filters' has the key 'status', which Bird does not list as a filter key of event 'rcs.inbound'; Bird lists channelId, messageStatus, interactionType, platformId (a subscription filtered by it would never fire)",
  );
  expect(sent()).toEqual(['GET available?service=channels']);
});

test('a hostile list of 45,000 names of 200 characters: five unknown names are refused at once, each without a suggestion', async () => {
  const names = Array.from({ length: 45000 }, (_, i) => `${'n'.repeat(190)}${String(i).padStart(10, '0')}`);
  const services = [];
  for (let i = 0; i < names.length; i += 5000) services.push({ service: 'channels', events: names.slice(i, i + 5000).map((name) => ({ name })) });
  e2e.bird.availableWebhooks = services;
  const run = await runAction('main', inputs({ event: '', events: Array.from({ length: 5 }, (_, i) => `sms.outbond${i}`).join('\n') }));
  expect(run.code).toBe(1);
  expect(errorLine(run).split('. Also: ')).toHaveLength(5);
  expect(errorLine(run)).toContain('(45000 in all)');
  expect(sent()).toEqual(['GET available?service=channels']);
}, 60000);
