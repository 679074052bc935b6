// The client's messages and debug trace, through connect() against the Bird-compatible server.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { connect, type ConnectOptions } from '../src/bird/connect.js';
import { errorMessage } from '../src/bird/errors.js';
import { BirdServer } from '../testbed/bird-server.js';

let bird: BirdServer;
beforeEach(async () => {
  bird = await BirdServer.start();
});
afterEach(async () => {
  await bird.close();
});

const FAST = { BIRD_ACTION_TEST_RETRY_BASE_MS: '1' };

function client(extra: Partial<ConnectOptions> = {}, logs: { info: string[] } = { info: [] }) {
  const options: ConnectOptions = {
    apiUrl: new URL(bird.url),
    accessKey: bird.accessKey,
    workspaceId: bird.workspaceId,
    maxAttempts: 4,
    timeoutMs: 5000,
    ...extra,
  };
  return connect(options, (m) => logs.info.push(m), FAST);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return errorMessage(error);
  }
  throw new Error('expected a failure');
}

const PLAIN_401 = 'Check that access-key is a valid Bird access key';

describe('401', () => {
  test('a key that looks like a platform API key (bk_...) is named as such, with the key to use instead, and never printed', async () => {
    const key = 'bk_eu1_Zm9vYmFyYmF6cXV4c2VjcmV0';
    const message = await failure(client({ accessKey: key }).listAll());

    expect(message).toBe(
      `Bird answered HTTP 401 to GET /workspaces/${bird.workspaceId}/webhook-subscriptions: Unauthorized: The access key is missing or invalid. ` +
        "access-key looks like a Bird platform API key (it starts with 'bk_'); those work only with Bearer on *.platform.bird.com. " +
        "This action calls api.bird.com's Notifications API, which needs an access key created under Organization settings → Access keys in Bird (sent as 'AccessKey')",
    );
    expect(message).not.toContain(key.slice(3));
    expect(bird.requests).toHaveLength(1);
  });

  test('any other key keeps the plain hint', async () => {
    const message = await failure(client({ accessKey: 'wrong-key-bk_' }).listAll());
    expect(message).toMatch(new RegExp(`\\. ${PLAIN_401}$`));
    expect(message).not.toContain('platform');
  });
});

describe('api-url with a path', () => {
  test('a 404 on the collection shows the full path and says to check api-url too', async () => {
    const message = await failure(client({ apiUrl: new URL(`${bird.url}/v1`) }).listAll());

    expect(bird.requests.map((r) => r.path)).toEqual([`/v1/workspaces/${bird.workspaceId}/webhook-subscriptions`]);
    expect(message).toBe(
      `Bird answered HTTP 404 to GET /v1/workspaces/${bird.workspaceId}/webhook-subscriptions: NotFound: No route for GET /v1/workspaces/${bird.workspaceId}/webhook-subscriptions. ` +
        `Workspace ${bird.workspaceId} was not found; check workspace-id and organization-id; api-url has the path '/v1' (Bird's https://api.bird.com has none): check api-url too`,
    );
  });

  test('without a path, a 404 names only workspace-id and organization-id', async () => {
    const message = await failure(client({ workspaceId: '00000000-0000-4000-8000-000000000000' }).listAll());
    expect(message).toMatch(/check workspace-id and organization-id$/);
    expect(message).not.toContain('api-url');
  });

  test('retries exhausted, malformed answers and network errors all show the base path', async () => {
    bird.inject({ method: 'GET', status: 503, times: 2 });
    const retried = await failure(client({ apiUrl: new URL(`${bird.url}/gw/`), maxAttempts: 2 }).listAll());
    expect(retried).toMatch(new RegExp(`^GET /gw/workspaces/${bird.workspaceId}/webhook-subscriptions failed after 2 attempts; last error: Bird answered HTTP 503: `));

    bird.inject({ method: 'GET', rawBody: '{"results": 5}' });
    const malformed = await failure(client({ apiUrl: new URL(`${bird.url}/gw`) }).listAll());
    expect(malformed).toBe(`Unexpected answer from Bird to GET /gw/workspaces/${bird.workspaceId}/webhook-subscriptions: a body without a results list`);

    const closed = await BirdServer.start();
    const url = `${closed.url}/gw`;
    await closed.close();
    const network = await failure(client({ apiUrl: new URL(url), maxAttempts: 1 }).listAll());
    expect(network).toMatch(new RegExp(`^GET /gw/workspaces/${bird.workspaceId}/webhook-subscriptions failed after 1 attempt; last error: connect ECONNREFUSED`));
  });
});

describe('debug trace', () => {
  const ws = () => `/workspaces/${bird.workspaceId}/webhook-subscriptions`;
  const line = (text: string) => new RegExp(`^${text.replace(/[.?*+()[\]|]/g, '\\$&').replace('MS', '\\d+')}$`);

  test('one line per request: method, path with base path and query (page token elided), status, ms, attempt', async () => {
    for (let i = 0; i < 101; i++) bird.seed({ service: 'channels', event: 'sms.outbound', url: `https://h${i}.example.com/x` });
    bird.inject({ method: 'GET', status: 429, retryAfter: '0' });
    const debug: string[] = [];
    const info: string[] = [];
    const all = await client({ apiUrl: new URL(`${bird.url}/v1`), debug: (m) => debug.push(m) }, { info }).listAll().catch(() => []);

    // The server has no /v1 route: the trace shows exactly what was sent and what came back.
    expect(all).toEqual([]);
    expect(debug[0]).toMatch(line(`GET /v1${ws()}?limit=100 → 429 in MS ms (attempt 1 of 4)`));
    expect(debug[1]).toMatch(line(`GET /v1${ws()}?limit=100 → 404 in MS ms (attempt 2 of 4)`));
    expect(debug).toHaveLength(2);

    const paged: string[] = [];
    await client({ debug: (m) => paged.push(m) }).listAll();
    expect(paged).toHaveLength(2);
    expect(paged[0]).toMatch(line(`GET ${ws()}?limit=100 → 200 in MS ms (attempt 1 of 4)`));
    expect(paged[1]).toMatch(line(`GET ${ws()}?limit=100&pageToken=… → 200 in MS ms (attempt 1 of 4)`));
    // The token itself is not shown, and neither is anything from the request headers.
    const token = bird.requests.at(-1)?.query.pageToken as string;
    expect(paged.join('\n')).not.toContain(token);
  });

  test('creates, updates and deletes are traced with their attempt number; network failures show the error code', async () => {
    const debug: string[] = [];
    const c = client({ debug: (m) => debug.push(m) });
    bird.inject({ method: 'POST', status: 429, retryAfter: '0' });
    const { subscription } = await c.create({ service: 'channels', event: 'sms.outbound', url: 'https://a.example.com/x', signingKey: 'k' }, async () => undefined);
    await c.update(subscription, { url: 'https://b.example.com/x' });
    await c.remove(subscription.id);
    expect(debug).toHaveLength(4);
    expect(debug[0]).toMatch(line(`POST ${ws()} → 429 in MS ms (attempt 1 of 4)`));
    expect(debug[1]).toMatch(line(`POST ${ws()} → 201 in MS ms (attempt 2 of 4)`));
    expect(debug[2]).toMatch(line(`PATCH ${ws()}/${subscription.id} → 200 in MS ms (attempt 1 of 4)`));
    expect(debug[3]).toMatch(line(`DELETE ${ws()}/${subscription.id} → 204 in MS ms (attempt 1 of 4)`));

    const closed = await BirdServer.start();
    const apiUrl = new URL(closed.url);
    await closed.close();
    const refused: string[] = [];
    await client({ apiUrl, maxAttempts: 2, debug: (m) => refused.push(m) }).listAll().catch(() => undefined);
    expect(refused).toHaveLength(2);
    expect(refused[1]).toMatch(line(`GET ${ws()}?limit=100 → ECONNREFUSED in MS ms (attempt 2 of 2)`));
  });

  test('a server that answers slowly shows the time it took', async () => {
    bird.inject({ method: 'GET', delayMs: 300 });
    const debug: string[] = [];
    await client({ debug: (m) => debug.push(m) }).listAll();
    const ms = Number(/ in (\d+) ms/.exec(debug[0])?.[1]);
    // Generous bounds: the machine is shared.
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(10_000);
  });

  test('without debug nothing is traced and the retry log is unchanged', async () => {
    bird.inject({ method: 'GET', status: 429, retryAfter: '0' });
    const info: string[] = [];
    await client({}, { info }).listAll();
    expect(info).toHaveLength(1);
    expect(info[0]).not.toContain(' ms (attempt');
  });
});
