// End to end: retries, timeouts, lost responses, malformed answers and proxies.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createServer } from 'node:net';
import { ForwardProxy } from '../testbed/forward-proxy.js';
import { errorLine, leaks, runAction, useBird } from './support/e2e.js';

const URL_ = 'https://staging.shop.example.com/webhooks/bird';
const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: URL_ });
const { inputs } = e2e;
const calls = () => e2e.calls(0, { faults: true });

describe('retryable failures are retried', () => {
  test('a 503 on the list is retried, with the reason and wait logged', async () => {
    e2e.bird.inject({ method: 'GET', status: 503 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~ (fault)', 'GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(run.stdout).toMatch(/Bird answered HTTP 503 to GET \/workspaces\/[^ ]+\/webhook-subscriptions: InternalServerError: Injected fault: HTTP 503; retrying in \d\.\d s \(attempt 2 of 4\)/);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });

  test('a 429 on the create is re-posted (not processed), honouring Retry-After', async () => {
    e2e.bird.inject({ method: 'POST', status: 429, retryAfter: '1' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    // From the server's record: the re-post came at least Retry-After after the 429 left (a lower
    // bound on time, which a busy machine can only lengthen).
    const [throttled, again] = e2e.bird.requests.filter((r) => r.method === 'POST');
    expect(again.receivedAt - (throttled.answeredAt as number)).toBeGreaterThanOrEqual(990);
    expect(run.stdout).toMatch(/HTTP 429 .*; retrying in 1\.0 s \(attempt 2 of 4\)/);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'POST ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.subscriptions.size).toBe(1);
  });

  test('a per-request timeout is retried, and the step does not hang', async () => {
    e2e.bird.inject({ method: 'GET', delayMs: 5000 });
    const run = await runAction('main', inputs({ 'timeout-seconds': '1.5' }));

    expect(run.code).toBe(0);
    // The step gave up on the slow GET and ended before the server ever answered it.
    const [slow] = e2e.bird.requests;
    expect(slow.faulted).toBe(true);
    expect(slow.answeredSeq).toBeUndefined();
    expect(run.stdout).toMatch(/GET \/workspaces\/[^ ]+ failed: no complete response within 1\.5 s; retrying/);
    expect(run.outputs.result).toBe('created');
  });

  test('a 5xx on PATCH is retried', async () => {
    const existing = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, status: 'inactive' });
    e2e.bird.inject({ method: 'PATCH', status: 502 });
    const run = await runAction('main', inputs());

    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, result: 'updated', status: 'active' });
    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id} (fault)`, `PATCH ~/${existing.id}`]);
  });

  test('a DELETE whose answer was lost counts as deleted when the retry finds it gone', async () => {
    const existing = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_ });
    e2e.bird.inject({ method: 'DELETE', reset: 'after' });
    const run = await runAction('main', inputs({ state: 'absent' }));

    expect(run.outputs).toMatchObject({ 'subscription-id': existing.id, result: 'deleted' });
    expect(e2e.bird.subscriptions.size).toBe(0);
  });
});

describe('other client errors are reported at once', () => {
  test('a 422 is sent once', async () => {
    e2e.bird.inject({ method: 'POST', status: 422 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)']);
    expect(errorLine(run)).toMatch(/^::error::Bird answered HTTP 422 to POST /);
  });

  test('max-attempts: 1 disables retries', async () => {
    e2e.bird.inject({ method: 'GET', status: 503 });
    const run = await runAction('main', inputs({ 'max-attempts': '1' }));

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~ (fault)']);
    expect(errorLine(run)).toMatch(/failed after 1 attempt; last error: Bird answered HTTP 503/);
  });
});

describe('a create is never blindly re-sent', () => {
  test('connection reset after the subscription was stored: the retry lists, adopts it and sets the key it could not see', async () => {
    e2e.bird.exposeSigningKeys = false;
    e2e.bird.inject({ method: 'POST', reset: 'after' });
    const run = await runAction('main', inputs({ cleanup: 'true' }));

    expect(run.code).toBe(0);
    expect(e2e.bird.subscriptions.size).toBe(1);
    const [stored] = [...e2e.bird.subscriptions.values()];
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', `PATCH ~/${stored.id}`, 'GET ~', 'GET ~']);
    expect(e2e.bird.requests[3].body).toEqual({ signingKey: stored.signingKey });
    expect(run.outputs).toMatchObject({ 'subscription-id': stored.id, 'signing-key': stored.signingKey, status: 'active', result: 'created' });
    expect(JSON.parse(run.state.cleanup).subscriptionIds).toEqual([stored.id]);
    expect(run.stdout).toContain(`The create went through after all: adopting subscription ${stored.id}`);
    expect(leaks(run, stored.signingKey as string)).toEqual([]);
  });

  test('lost answer and keys visible: it recognises its own key and needs no PATCH', async () => {
    e2e.bird.inject({ method: 'POST', reset: 'after' });
    const run = await runAction('main', inputs({ 'signing-key': 'our-key-123' }));

    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'GET ~', 'GET ~']);
    expect(run.outputs).toMatchObject({ 'signing-key': 'our-key-123', result: 'created' });
    expect(e2e.bird.subscriptions.size).toBe(1);
  });

  test('a 500 after the create took effect: adopted, not duplicated', async () => {
    e2e.bird.inject({ method: 'POST', status: 500, process: true });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.subscriptions.size).toBe(1);
    expect(run.outputs['signing-key']).toBe([...e2e.bird.subscriptions.values()][0].signingKey);
  });

  test('a create that timed out after taking effect is adopted', async () => {
    e2e.bird.inject({ method: 'POST', process: true, delayMs: 3000 });
    const run = await runAction('main', inputs({ 'timeout-seconds': '1.5' }));

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.subscriptions.size).toBe(1);
  });

  test('reset before anything was stored: the list finds nothing, so it posts again, once', async () => {
    e2e.bird.inject({ method: 'POST', reset: 'before' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.subscriptions.size).toBe(1);
    expect(run.outputs.result).toBe('created');
  });

  test('a concurrent run\'s subscription (another key) is not taken for ours', async () => {
    let theirs = '';
    // Someone else creates the same subscription while our POST is failing.
    e2e.bird.inject({ method: 'POST', reset: 'before', run: () => (theirs = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_, signingKey: 'theirs-key-0001' }).id) });
    const run = await runAction('main', inputs({ 'signing-key': 'ours-key-0001' }));

    expect(run.code).toBe(0);
    // Not adopted after the lost answer: posted again. Then, settling (issue 17), the older copy
    // (theirs) is kept, converged to this step's key, and ours deleted.
    expect(run.stdout).not.toContain('adopting');
    const ours = /^Created subscription (\S+) for/m.exec(run.stdout)?.[1];
    expect(calls().slice(0, 5)).toEqual(['GET ~', 'POST ~ (fault)', 'GET ~', 'POST ~', 'GET ~']);
    expect(calls().slice(5).sort()).toEqual([`DELETE ~/${ours}`, `PATCH ~/${theirs}`, 'GET ~'].sort());
    expect([...e2e.bird.subscriptions.keys()]).toEqual([theirs]);
    expect(run.outputs['subscription-id']).toBe(theirs);
    expect(e2e.bird.subscriptions.get(theirs)?.signingKey).toBe('ours-key-0001');
  });

  test('if the list after a lost create cannot be read, nothing is created', async () => {
    e2e.bird.inject({ method: 'POST', reset: 'after' });
    e2e.bird.inject({ method: 'GET', rawBody: '<html>oops', status: 200, skip: 1 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(e2e.bird.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(errorLine(run)).toMatch(/Unexpected answer from Bird to GET .*: HTTP 200 with a body that is not valid JSON/);
  });
});

describe('answers that break the contract fail clearly', () => {
  test('a list that is not JSON fails and nothing is created', async () => {
    e2e.bird.inject({ method: 'GET', rawBody: '{"results": [', status: 200 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~ (fault)']);
    expect(errorLine(run)).toBe(`::error::Unexpected answer from Bird to GET /workspaces/${e2e.bird.workspaceId}/webhook-subscriptions: HTTP 200 with a body that is not valid JSON`);
  });

  test('a list without results fails', async () => {
    e2e.bird.inject({ method: 'GET', rawBody: '{"items": []}', status: 200 });
    const run = await runAction('main', inputs());
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/a body without a results list$/);
  });

  test('a 201 without an id is not success, and says the subscription may exist', async () => {
    e2e.bird.inject({ method: 'POST', rawBody: '{"status":"active"}', status: 201, process: true });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({});
    expect(errorLine(run)).toMatch(/Unexpected answer from Bird to POST .*: a subscription without id, service, event, url; the subscription may have been created: a re-run with if-exists: reuse adopts it/);
  });
});

describe('when attempts run out', () => {
  test('the error names method, path, attempts and the last status', async () => {
    e2e.bird.inject({ method: 'GET', status: 503, times: 10 });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(4);
    expect(errorLine(run)).toBe(
      `::error::GET /workspaces/${e2e.bird.workspaceId}/webhook-subscriptions failed after 4 attempts; last error: Bird answered HTTP 503: InternalServerError: Injected fault: HTTP 503`,
    );
  });

  test('connection refused names the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const run = await runAction('main', inputs({ 'api-url': `http://127.0.0.1:${port}`, 'max-attempts': '2' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(`::error::GET /workspaces/${e2e.bird.workspaceId}/webhook-subscriptions failed after 2 attempts; last error: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
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
    expect(e2e.bird.requests).toHaveLength(4);
    const host = new URL(e2e.bird.url).host;
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((line) => line.includes(host))).toBe(true);
  });

  test('NO_PROXY exempts the host: direct connection', async () => {
    const run = await runAction('main', inputs(), { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });

    expect(run.code).toBe(0);
    expect(e2e.bird.requests).toHaveLength(4);
    expect(proxy.seen).toEqual([]);
  });

  test('without proxy variables nothing goes to the proxy', async () => {
    const run = await runAction('main', inputs());
    expect(run.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });
});
