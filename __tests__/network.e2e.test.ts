// End to end: retries, timeouts, lost responses, malformed answers and proxies.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createServer } from 'node:net';
import { BirdServer } from '../testbed/bird-server.js';
import { ForwardProxy } from '../testbed/forward-proxy.js';
import { leaks, runAction } from '../testbed/run-action.js';

let bird: BirdServer;
beforeEach(async () => {
  bird = await BirdServer.start();
});
afterEach(async () => {
  await bird.close();
});

const URL_ = 'https://staging.shop.example.com/webhooks/bird';
function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return { 'access-key': bird.accessKey, 'workspace-id': bird.workspaceId, service: 'channels', event: 'sms.outbound', url: URL_, 'api-url': bird.url, ...extra };
}
const calls = () => bird.requests.map((r) => `${r.method} ${r.path.replace(/^.*webhook-subscriptions/, '~')}${r.faulted ? ' (fault)' : ''}`);
const errorLine = (stdout: string) => stdout.split('\n').find((l) => l.startsWith('::error::'));

describe('retryable failures are retried', () => {
  test('a 503 on the list is retried, with the reason and wait logged', async () => {
    bird.inject({ method: 'GET', status: 503 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~ (fault)', 'GET ~', 'POST ~', 'GET ~']);
    expect(run.stdout).toMatch(/Bird answered HTTP 503 to GET \/workspaces\/[^ ]+\/webhook-subscriptions: InternalServerError: Injected fault: HTTP 503; retrying in \d\.\d s \(attempt 2 of 4\)/);
    expect(leaks(run, bird.accessKey)).toEqual([]);
  });

  test('a 429 on the create is re-posted (not processed), honouring Retry-After', async () => {
    bird.inject({ method: 'POST', status: 429, retryAfter: '1' });
    const started = Date.now();
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(run.stdout).toMatch(/HTTP 429 .*; retrying in 1\.0 s \(attempt 2 of 4\)/);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'POST ~', 'GET ~']);
    expect(bird.subscriptions.size).toBe(1);
  });

  test('a per-request timeout is retried, and the step does not hang', async () => {
    bird.inject({ method: 'GET', delayMs: 5000 });
    const started = Date.now();
    const run = await runAction('main', inputs({ 'timeout-seconds': '0.5' }));

    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(run.stdout).toMatch(/GET \/workspaces\/[^ ]+ failed: no complete response within 0\.5 s; retrying/);
    expect(run.outputs.result).toBe('created');
  });

  test('a 5xx on PATCH is retried', async () => {
    const existing = bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, status: 'inactive' });
    bird.inject({ method: 'PATCH', status: 502 });
    const run = await runAction('main', inputs());

    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, result: 'updated', status: 'active' });
    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id} (fault)`, `PATCH ~/${existing.id}`]);
  });

  test('a DELETE whose answer was lost counts as deleted when the retry finds it gone', async () => {
    const existing = bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_ });
    bird.inject({ method: 'DELETE', reset: 'after' });
    const run = await runAction('main', inputs({ state: 'absent' }));

    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, result: 'deleted' });
    expect(bird.subscriptions.size).toBe(0);
  });
});

describe('other client errors are reported at once', () => {
  test('a 422 is sent once', async () => {
    bird.inject({ method: 'POST', status: 422 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)']);
    expect(errorLine(run.stdout)).toMatch(/^::error::Bird answered HTTP 422 to POST /);
  });

  test('max-attempts: 1 disables retries', async () => {
    bird.inject({ method: 'GET', status: 503 });
    const run = await runAction('main', inputs({ 'max-attempts': '1' }));

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~ (fault)']);
    expect(errorLine(run.stdout)).toMatch(/failed after 1 attempt; last error: Bird answered HTTP 503/);
  });
});

describe('a create is never blindly re-sent', () => {
  test('connection reset after the subscription was stored: the retry lists, adopts it and sets the key it could not see', async () => {
    bird.exposeSigningKeys = false;
    bird.inject({ method: 'POST', reset: 'after' });
    const run = await runAction('main', inputs({ cleanup: 'true' }));

    expect(run.code).toBe(0);
    expect(bird.subscriptions.size).toBe(1);
    const [stored] = [...bird.subscriptions.values()];
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', `PATCH ~/${stored.id}`, 'GET ~']);
    expect(bird.requests[3].body).toEqual({ signingKey: stored.signingKey });
    expect(run.outputs).toMatchObject({ 'subscription-id': stored.id, 'signing-key': stored.signingKey, status: 'active', result: 'created' });
    expect(JSON.parse(run.state.cleanup).subscriptionIds).toEqual([stored.id]);
    expect(run.stdout).toContain(`The create went through after all: adopting subscription ${stored.id}`);
    expect(leaks(run, stored.signingKey as string)).toEqual([]);
  });

  test('lost answer and keys visible: it recognises its own key and needs no PATCH', async () => {
    bird.inject({ method: 'POST', reset: 'after' });
    const run = await runAction('main', inputs({ 'signing-key': 'our-key-123' }));

    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'GET ~']);
    expect(run.outputs).toMatchObject({ 'signing-key': 'our-key-123', result: 'created' });
    expect(bird.subscriptions.size).toBe(1);
  });

  test('a 500 after the create took effect: adopted, not duplicated', async () => {
    bird.inject({ method: 'POST', status: 500, process: true });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'GET ~']);
    expect(bird.subscriptions.size).toBe(1);
    expect(run.outputs['signing-key']).toBe([...bird.subscriptions.values()][0].signingKey);
  });

  test('a create that timed out after taking effect is adopted', async () => {
    bird.inject({ method: 'POST', process: true, delayMs: 3000 });
    const run = await runAction('main', inputs({ 'timeout-seconds': '0.5' }));

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'GET ~']);
    expect(bird.subscriptions.size).toBe(1);
  });

  test('reset before anything was stored: the list finds nothing, so it posts again, once', async () => {
    bird.inject({ method: 'POST', reset: 'before' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'POST ~', 'GET ~']);
    expect(bird.subscriptions.size).toBe(1);
    expect(run.outputs.result).toBe('created');
  });

  test('a concurrent run\'s subscription (another key) is not taken for ours', async () => {
    let theirs = '';
    // Someone else creates the same subscription while our POST is failing.
    bird.inject({ method: 'POST', reset: 'before', run: () => (theirs = bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, signingKey: 'theirs-key-0001' }).id) });
    const run = await runAction('main', inputs({ 'signing-key': 'ours-key-0001' }));

    expect(run.code).toBe(0);
    // Not adopted after the lost answer: posted again. Then, settling (issue 17), the older copy
    // (theirs) is kept, converged to this step's key, and ours deleted.
    expect(run.stdout).not.toContain('adopting');
    const ours = /^Created subscription (\S+) for/m.exec(run.stdout)?.[1];
    expect(calls().slice(0, 5)).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'POST ~', 'GET ~']);
    expect(calls().slice(5).sort()).toEqual([`DELETE ~/${ours}`, `PATCH ~/${theirs}`].sort());
    expect([...bird.subscriptions.keys()]).toEqual([theirs]);
    expect(run.outputs['subscription-id']).toBe(theirs);
    expect(bird.subscriptions.get(theirs)?.signingKey).toBe('ours-key-0001');
  });

  test('if the list after a lost create cannot be read, nothing is created', async () => {
    bird.inject({ method: 'POST', reset: 'after' });
    bird.inject({ method: 'GET', rawBody: '<html>oops', status: 200, skip: 1 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(bird.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(errorLine(run.stdout)).toMatch(/Unexpected answer from Bird to GET .*: HTTP 200 with a body that is not valid JSON/);
  });
});

describe('answers that break the contract fail clearly', () => {
  test('a list that is not JSON fails and nothing is created', async () => {
    bird.inject({ method: 'GET', rawBody: '{"results": [', status: 200 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~ (fault)']);
    expect(errorLine(run.stdout)).toBe(`::error::Unexpected answer from Bird to GET /workspaces/${bird.workspaceId}/webhook-subscriptions: HTTP 200 with a body that is not valid JSON`);
  });

  test('a list without results fails', async () => {
    bird.inject({ method: 'GET', rawBody: '{"items": []}', status: 200 });
    const run = await runAction('main', inputs());
    expect(run.code).toBe(1);
    expect(errorLine(run.stdout)).toMatch(/a body without a results list$/);
  });

  test('a 201 without an id is not success, and says the subscription may exist', async () => {
    bird.inject({ method: 'POST', rawBody: '{"status":"active"}', status: 201, process: true });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({});
    expect(errorLine(run.stdout)).toMatch(/Unexpected answer from Bird to POST .*: a subscription without id, service, event, url; the subscription may have been created: a re-run with if-exists: reuse adopts it/);
  });
});

describe('when attempts run out', () => {
  test('the error names method, path, attempts and the last status', async () => {
    bird.inject({ method: 'GET', status: 503, times: 10 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(bird.requests).toHaveLength(4);
    expect(errorLine(run.stdout)).toBe(
      `::error::GET /workspaces/${bird.workspaceId}/webhook-subscriptions failed after 4 attempts; last error: Bird answered HTTP 503: InternalServerError: Injected fault: HTTP 503`,
    );
  });

  test('connection refused names the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const run = await runAction('main', inputs({ 'api-url': `http://127.0.0.1:${port}`, 'max-attempts': '2' }));
    expect(run.code).toBe(1);
    expect(errorLine(run.stdout)).toBe(`::error::GET /workspaces/${bird.workspaceId}/webhook-subscriptions failed after 2 attempts; last error: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(leaks(run, bird.accessKey)).toEqual([]);
  });
});

describe('proxies', () => {
  let proxy: ForwardProxy;
  beforeEach(async () => {
    proxy = await ForwardProxy.start();
  });
  afterEach(async () => {
    await proxy.close();
  });

  test.each(['HTTP_PROXY', 'http_proxy'])('%s routes every request through the proxy', async (variable) => {
    const run = await runAction('main', inputs(), { env: { [variable]: proxy.url } });

    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('created');
    expect(bird.requests).toHaveLength(3);
    const host = new URL(bird.url).host;
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((line) => line.includes(host))).toBe(true);
  });

  test('NO_PROXY exempts the host: direct connection', async () => {
    const run = await runAction('main', inputs(), { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });

    expect(run.code).toBe(0);
    expect(bird.requests).toHaveLength(3);
    expect(proxy.seen).toEqual([]);
  });

  test('without proxy variables nothing goes to the proxy', async () => {
    const run = await runAction('main', inputs());
    expect(run.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });
});
