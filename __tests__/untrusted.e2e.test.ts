// End to end: the built dist/ against a local Bird that answers with hostile values, and against
// forged saved state. Each test is one finding of "treat everything from Bird, saved state and the
// inputs as untrusted": no injected workflow command, no stray request path, no request to a host
// taken from state, clear errors for odd shapes, bounded log size.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { BirdServer, errorLine, leaks, runAction, runnerLines, useBird, type ActionRun } from './support/e2e.js';

const URL_ = 'https://preview-9.shop.example.com/webhooks/bird';
const MARK = 'PWN';
const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: URL_ });
const { inputs, seed: seedMatch } = e2e;
const calls = (server: BirdServer = e2e.bird, from = 0) => server.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^.*webhook-subscriptions/, '~')}`);
const warningLine = (run: ActionRun) => runnerLines(run.stdout).find((l) => l.startsWith('::warning::')) ?? '';

/**
 * Lines the runner would take as workflow commands that the action did not mean: any `##[`
 * (legacy form, matched anywhere), any line starting with `::` (after whitespace) that is not one of
 * the action's own commands, and any command whose name or start of text is the injected marker.
 */
function injected(run: ActionRun): string[] {
  return runnerLines(run.stdout).filter((line) => {
    if (line.includes('##[')) return true;
    if (!/^\s*::/.test(line)) return false;
    if (!/^::(add-mask|debug|warning|error)::/.test(line)) return true;
    return new RegExp(`^::[^:]*::${MARK}`).test(line);
  });
}

/** Rewrites the first subscription of every list answer with these fields (raw values, any type). */
function hostileList(fields: Record<string, unknown>, times = 20): void {
  e2e.bird.inject({
    method: 'GET',
    times,
    rewrite: (reply) => {
      const body = reply.body as { results: Record<string, unknown>[] };
      Object.assign(body.results[0], fields);
      return reply;
    },
  });
}

describe('1. workflow-command injection through values from Bird', () => {
  test.each([
    ['id with LF', { id: `abc\n::error title=${MARK}::${MARK}` }, /results\[0\]\.id 'abc\\n::error title=PWN::PWN' is not a UUID/],
    ['id with legacy ##[error]', { id: `##[error]${MARK}` }, /results\[0\]\.id '##\\\[error\]PWN' is not a UUID/],
    ['status with CR', { status: `active\r::warning::${MARK}` }, /results\[0\]\.status 'active\\r::warning::PWN' is not a status word/],
    ['status with U+2028', { status: `active\u2028::warning::${MARK}` }, /results\[0\]\.status 'active\\u2028::warning::PWN'/],
  ])('a match whose %s is refused as an unexpected answer, printed escaped', async (_, fields, message) => {
    seedMatch();
    hostileList(fields);
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(injected(run)).toEqual([]);
    expect(errorLine(run)).toMatch(/^::error::Unexpected answer from Bird to GET \/workspaces\/[0-9a-f-]+\/webhook-subscriptions: /);
    expect(errorLine(run)).toMatch(message);
    expect(calls()).toEqual(['GET ~']);
    expect(run.outputs).toEqual({});
  });

  test('a status that would stop commands before the key read back is masked never gets that far', async () => {
    const stored = seedMatch({ signingKey: 'stored-signing-key-Q29uZmlk' });
    hostileList({ status: `active\n::stop-commands::${MARK}TOKEN` });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(injected(run)).toEqual([]);
    expect(runnerLines(run.stdout).some((l) => /^\s*::stop-commands::/.test(l))).toBe(false);
    expect(leaks(run, stored.signingKey as string)).toEqual([]);
    expect(run.stdout).not.toContain(stored.signingKey);
  });

  test('a created subscription whose id is not a UUID is not output', async () => {
    e2e.bird.inject({ method: 'POST', rewrite: (reply) => ({ ...reply, body: { ...(reply.body as object), id: `x\n\n# ${MARK}\n![](http://evil.example/p.png)` } }) });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(injected(run)).toEqual([]);
    expect(run.outputs['subscription-id']).toBeUndefined();
    expect(errorLine(run)).toMatch(/id 'x\\n\\n# PWN\\n!\[\]\(http:\/\/evil\.example\/p\.png\)' is not a UUID; the subscription may have been created/);
  });

  test('the job summary escapes HTML and Markdown and keeps each value on one line', async () => {
    // An event name can hold only ASCII letters, digits, '_', '-' and dots (issue 29), so the hostile
    // text goes where free text is allowed: a filter value, which Bird echoes back and the summary shows.
    const value = `x</td></tr></table>#${MARK}![x](http://evil.example/p.png)<img/src=x/onerror=alert>|*b*`;
    const run = await runAction('main', inputs({ 'event-filters': `channelId=${value}` }));

    expect(run.code).toBe(0);
    expect(run.summary).toContain('<h3>Bird webhook subscription</h3>');
    const table = run.summary.slice(run.summary.indexOf('<table>'));
    expect(table.match(/<\/table>/g)).toHaveLength(1);
    expect(run.summary.match(/<\/td>/g)?.length).toBe(run.summary.match(/<td>/g)?.length);
    expect(run.summary).not.toMatch(/<img|!\[|^#/m);
    expect(run.summary).toContain('channelId=x&#60;/td&#62;&#60;/tr&#62;&#60;/table&#62;&#35;PWN');
    expect(injected(run)).toEqual([]);
  });
});

describe('2. IDs cannot steer requests', () => {
  test("state: absent with a matching subscription whose id is '..' sends no DELETE", async () => {
    seedMatch();
    hostileList({ id: '..' });
    const run = await runAction('main', inputs({ state: 'absent' }));

    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/results\[0\]\.id '\.\.' is not a UUID/);
    expect(e2e.bird.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${e2e.bird.collectionPaths.workspace}`]);
  });

  test("reusing an inactive match whose id is '..' sends no PATCH", async () => {
    seedMatch({ status: 'inactive' });
    hostileList({ id: '%2e%2e' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~']);
  });

  test("the post step sends nothing for a saved ID '..'", async () => {
    const run = await runAction('post', inputs({ cleanup: 'true' }), { state: { cleanup: JSON.stringify({ subscriptionId: '..' }) } });

    expect(run.code).toBe(0);
    expect(e2e.bird.requests).toEqual([]);
    expect(warningLine(run)).toBe('::warning::Cleanup skipped: the saved cleanup state was ignored because subscription ID #1 is not a UUID; nothing was deleted');
  });
});

describe('3. the post step takes only subscription IDs from saved state', () => {
  let elsewhere: BirdServer;
  beforeEach(async () => {
    // Answers like Bird, with the same key, so a request there would succeed: it must get none.
    elsewhere = await BirdServer.start({ accessKey: e2e.bird.accessKey });
  });
  afterEach(async () => {
    await elsewhere.close();
  });

  test('api-url, workspace-id and retry settings in state are ignored; the inputs decide', async () => {
    const target = seedMatch();
    const forged = {
      subscriptionId: target.id,
      apiUrl: `${elsewhere.url}/`,
      workspaceId: '../../anything/else?',
      organizationId: '../x',
      maxAttempts: 1e9,
      timeoutMs: 1,
    };
    const run = await runAction('post', inputs({ cleanup: 'true' }), { state: { cleanup: JSON.stringify(forged) } });

    expect(run.code).toBe(0);
    expect(elsewhere.requests).toEqual([]);
    expect(e2e.bird.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${e2e.bird.collectionPaths.workspace}/${target.id}`]);
    expect(e2e.bird.requests[0].headers.authorization).toBe(`AccessKey ${e2e.bird.accessKey}`);
    expect(e2e.bird.subscriptions.size).toBe(0);
    expect(run.stdout).toContain(`Cleanup: deleted subscription ${target.id}`);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });

  test('maxAttempts 1e9 in state is ignored: max-attempts from the inputs bounds the retries', async () => {
    const target = seedMatch();
    e2e.bird.inject({ method: 'DELETE', status: 503, times: 100 });
    const run = await runAction('post', inputs({ cleanup: 'true', 'max-attempts': '2' }), {
      state: { cleanup: JSON.stringify({ subscriptionId: target.id, maxAttempts: 1e9, apiUrl: e2e.bird.url }) },
    });

    expect(run.code).toBe(0);
    expect(calls()).toEqual([`DELETE ~/${target.id}`, `DELETE ~/${target.id}`]);
    expect(warningLine(run)).toMatch(/failed after 2 attempts/);
  });

  test('an api-url input that may not carry the key is a warning naming the input, and nothing is sent', async () => {
    const target = seedMatch();
    const run = await runAction('post', inputs({ cleanup: 'true', 'api-url': 'http://attacker.example/' }), {
      state: { cleanup: JSON.stringify({ subscriptionId: target.id }) },
    });

    expect(run.code).toBe(0);
    expect(warningLine(run)).toMatch(new RegExp(`^::warning::Cleanup of subscription ${target.id} skipped: Input 'api-url' must use https://`));
    expect(e2e.bird.requests).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
  });

  test('several saved IDs are each deleted, best effort', async () => {
    const [a, b] = [seedMatch(), seedMatch()];
    const kept = seedMatch();
    e2e.bird.inject({ method: 'DELETE', path: a.id, status: 500, times: 10 });
    const run = await runAction('post', inputs({ cleanup: 'true', 'max-attempts': '1' }), { state: { cleanup: JSON.stringify({ subscriptionIds: [a.id, b.id] }) } });

    expect(run.code).toBe(0);
    expect(calls()).toEqual([`DELETE ~/${a.id}`, `DELETE ~/${b.id}`]);
    expect(warningLine(run)).toMatch(new RegExp(`^::warning::Cleanup of subscription ${a.id} failed: `));
    expect(run.stdout).toContain(`Cleanup: deleted subscription ${b.id}`);
    expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([a.id, kept.id].sort());
  });

  test('without cleanup: true in its inputs, saved state deletes nothing', async () => {
    const target = seedMatch();
    const run = await runAction('post', inputs(), { state: { cleanup: JSON.stringify({ subscriptionId: target.id }) } });

    expect(run.code).toBe(0);
    expect(e2e.bird.requests).toEqual([]);
    expect(warningLine(run)).toMatch(/input 'cleanup' is not true; nothing was deleted/);
  });

  test('state that is not JSON is ignored with a warning, escaped', async () => {
    const run = await runAction('post', inputs({ cleanup: 'true' }), { state: { cleanup: `{"x":\n::error::${MARK}` } });

    expect(run.code).toBe(0);
    expect(e2e.bird.requests).toEqual([]);
    expect(injected(run)).toEqual([]);
    expect(warningLine(run)).toMatch(/ignored because it is not JSON/);
  });
});

describe('5. odd shapes give a clear error or the right result', () => {
  test('createdAt as a number, with two matches', async () => {
    seedMatch();
    seedMatch();
    hostileList({ createdAt: 1767225600 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/: results\[0\]\.createdAt is a number, not a string$/);
    expect(run.stdout).not.toMatch(/is not a function|TypeError/);
  });

  test('eventFilters as a string', async () => {
    seedMatch();
    hostileList({ eventFilters: 'channelId=1' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/: results\[0\]\.eventFilters is a string, not a list$/);
    expect(run.stdout).not.toMatch(/is not a function|TypeError/);
  });

  test("a DELETE answered 200 with the body 'OK' is a success (state: absent by ID)", async () => {
    const target = seedMatch();
    e2e.bird.inject({ method: 'DELETE', status: 200, rawBody: 'OK', process: true });
    const run = await runAction('main', inputs({ state: 'absent', 'subscription-id': target.id }));

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deleted', 'subscription-id': target.id });
    expect(e2e.bird.subscriptions.size).toBe(0);
  });

  test("a DELETE answered 200 with the body 'OK' is a success (post step)", async () => {
    const target = seedMatch();
    e2e.bird.inject({ method: 'DELETE', status: 200, rawBody: 'OK', process: true });
    const run = await runAction('post', inputs({ cleanup: 'true' }), { state: { cleanup: JSON.stringify({ subscriptionId: target.id }) } });

    expect(run.stdout).toContain(`Cleanup: deleted subscription ${target.id}`);
    expect(run.stdout).not.toContain('::warning::');
  });

  test.each([
    ['another event', { event: 'sms.inbound' }, /the created subscription has event 'sms\.inbound', not the 'sms\.outbound' that was asked for/],
    ['another URL', { url: 'https://evil.example.com/hook' }, /has url 'https:\/\/evil\.example\.com\/hook'/],
    ['other filters', { eventFilters: [{ key: 'channelId', value: 'other' }] }, /other eventFilters than were asked for/],
  ])('a 201 describing %s is not taken as created', async (_, fields, message) => {
    e2e.bird.inject({ method: 'POST', rewrite: (reply) => ({ ...reply, body: { ...(reply.body as object), ...fields } }) });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({});
    expect(errorLine(run)).toMatch(message);
    expect(errorLine(run)).toMatch(/; the subscription may have been created: a re-run with if-exists: reuse adopts it$/);
  });
});

describe('4. Bird error text is capped in the log', () => {
  test('a 503 whose message is 5 MB prints about 1 KB of it per attempt, saying it was cut', async () => {
    const body = JSON.stringify({ code: 'Unavailable', message: `${'m'.repeat(5_000_000)}\n::error::${MARK}` });
    e2e.bird.inject({ method: 'GET', status: 503, rawBody: body, times: 3 });
    const run = await runAction('main', inputs({ 'max-attempts': '3' }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(3);
    expect(run.stdout.length).toBeLessThan(12_000);
    expect(errorLine(run)).toMatch(/Unavailable: m+… \(truncated: \d+ more characters not shown\)$/);
    expect(injected(run)).toEqual([]);
  });

  test('a 503 whose message is 20 MB leaves the log small', async () => {
    const body = JSON.stringify({ code: 'Unavailable', message: 'm'.repeat(20_000_000) });
    e2e.bird.inject({ method: 'GET', status: 503, rawBody: body, times: 3 });
    const run = await runAction('main', inputs({ 'max-attempts': '3' }));

    expect(run.code).toBe(1);
    expect(run.stdout.length).toBeLessThan(12_000);
  });
});

describe('6. an access key that cannot be a header', () => {
  test.each([
    ['a zero-width space', 'Zq9W\u200bR4tP-key'],
    ['a non-Latin-1 character', 'Zq9W\u20acR4tP-key'],
    ['a control character', 'Zq9W\u0001R4tP-key'],
  ])('with %s is refused before any request, naming access-key, never printing the key', async (_, key) => {
    const run = await runAction('main', inputs({ 'access-key': key }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toEqual([]);
    expect(errorLine(run)).toMatch(/^::error::Input 'access-key' contains a character that cannot be sent in an HTTP header/);
    expect(leaks(run, key)).toEqual([]);
    for (const part of ['Zq9W', 'R4tP']) expect(errorLine(run)).not.toContain(part);
  });
});

describe('1b. inputs echoed in the log are escaped', () => {
  test.each([
    ['a filter value with a lone CR', { 'event-filters': `channelId=1\r::warning::${MARK}` }],
    ['a URL with a legacy ##[command]', { url: `https://a.example.com/##[stop-commands]${MARK}` }],
  ])('state: absent with %s prints no workflow command', async (_, extra) => {
    const run = await runAction('main', inputs({ state: 'absent', ...extra }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('not-found');
    expect(run.stdout).toContain('nothing to delete');
    expect(injected(run)).toEqual([]);
  });

  test('an event with a line break is refused without printing a command', async () => {
    const run = await runAction('main', inputs({ state: 'absent', event: `sms.outbound\n::error::${MARK}` }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Input 'event'");
    expect(injected(run)).toEqual([]);
    expect(e2e.bird.requests).toEqual([]);
  });
});
