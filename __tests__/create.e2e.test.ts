// End to end: the built dist/main against the Bird-compatible server, as the runner runs it.
import { describe, expect, test } from '@jest/globals';
import { ACTION_VERSION } from '../src/version.js';
import { leaks, maskLine, runAction, useBird } from './support/e2e.js';

const e2e = useBird();
const { inputs: baseInputs } = e2e;

const B64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

describe('creating a subscription', () => {
  test('sends one list, one create and two lists (settling, confirming), outputs the ID, key and status, and masks both secrets', async () => {
    const run = await runAction('main', baseInputs());

    expect(run.code).toBe(0);
    const path = `/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions`;
    expect(e2e.bird.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`, `POST ${path}`, `GET ${path}`, `GET ${path}`]);
    expect(e2e.bird.requests[0].query).toEqual({ limit: '100' });

    const post = e2e.bird.requests[1];
    expect(post.headers.authorization).toBe(`AccessKey ${e2e.bird.accessKey}`);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers.accept).toBe('application/json');
    expect(post.headers['user-agent']).toBe(`bird-webhook-subscription-action/${ACTION_VERSION} node/${process.versions.node}`);
    const sent = post.body as Record<string, unknown>;
    expect(Object.keys(sent)).toEqual(['service', 'event', 'url', 'signingKey']);
    expect(sent).toMatchObject({ service: 'channels', event: 'sms.outbound', url: 'https://preview-42.shop.example.com/webhooks/bird' });
    expect(sent.signingKey).toMatch(B64_32_BYTES);
    expect(Buffer.from(sent.signingKey as string, 'base64')).toHaveLength(32);

    const [stored] = [...e2e.bird.subscriptions.values()];
    expect(run.outputs).toEqual({
      'subscription-id': stored.id,
      'signing-key': sent.signingKey,
      status: 'active',
      result: 'created',
      evicted: '',
      receiver: 'off',
      deliveries: '[]',
      subscriptions: JSON.stringify([{ event: 'sms.outbound', id: stored.id, url: stored.url, status: 'active', result: 'created' }]),
    });

    // Masks come first, and the secrets appear nowhere else.
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(maskLine(e2e.bird.accessKey));
    expect(lines[1]).toBe(maskLine(sent.signingKey as string));
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
    expect(leaks(run, sent.signingKey as string)).toEqual([]);
    expect(run.stdout).toContain(`Created subscription ${stored.id}`);
  });

  test('a given signing key, event filters and template are sent as given, in order', async () => {
    const signingKey = 'my-own-signing-key-Z3Vlc3M';
    const run = await runAction(
      'main',
      baseInputs({
        'signing-key': signingKey,
        template: 'text',
        'event-filters': 'channelId = 58c44c1d-a6a0-4cb6-9f78-05308de87451\n\n  messageStatus=delivered=yes \n',
      }),
    );

    expect(run.code).toBe(0);
    expect(e2e.bird.requests[1].body).toEqual({
      service: 'channels',
      event: 'sms.outbound',
      url: 'https://preview-42.shop.example.com/webhooks/bird',
      signingKey,
      eventFilters: [
        { key: 'channelId', value: '58c44c1d-a6a0-4cb6-9f78-05308de87451' },
        { key: 'messageStatus', value: 'delivered=yes' },
      ],
      template: 'text',
    });
    expect(run.outputs['signing-key']).toBe(signingKey);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([maskLine(e2e.bird.accessKey), maskLine(signingKey)]);
    expect(leaks(run, signingKey)).toEqual([]);
  });

  test('organization-id switches to the org-scoped paths', async () => {
    const run = await runAction('main', baseInputs({ 'organization-id': e2e.bird.organizationId }));

    expect(run.code).toBe(0);
    const path = `/organizations/${e2e.bird.organizationId}/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions`;
    expect(e2e.bird.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`, `POST ${path}`, `GET ${path}`, `GET ${path}`]);
  });

  test('writes a job summary with the subscription but no key', async () => {
    const run = await runAction('main', baseInputs({ 'event-filters': 'channelId=abc' }));

    const [stored] = [...e2e.bird.subscriptions.values()];
    expect(run.summary).toContain('<h3>Bird webhook subscription</h3>');
    expect(run.summary).toContain(
      `<tr><td>sms.outbound</td><td>created</td><td>${stored.id}</td><td>https://preview-42.shop.example.com/webhooks/bird</td><td>active</td></tr>`,
    );
    expect(run.summary).toContain('Result: <strong>created</strong> for service channels');
    expect(run.summary).toContain('Event filters: channelId=abc');
    expect(leaks(run, stored.signingKey as string)).toEqual([]);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });
});

describe('workflow context', () => {
  test('with step debug logging on, the run is described from the runner\'s GITHUB_* variables and event file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const eventPath = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 42 } }));
    const run = await runAction('main', baseInputs(), {
      env: { RUNNER_DEBUG: '1', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_REF: 'refs/pull/42/merge', GITHUB_SHA: 'abc123', GITHUB_ACTOR: 'octocat', GITHUB_RUN_ATTEMPT: '2' },
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::debug::Workflow run: acme/shop run 4242 attempt 2, pull_request #42 on refs/pull/42/merge (abc123) by octocat');
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });

  test('without debug logging nothing is described', async () => {
    const run = await runAction('main', baseInputs());
    expect(run.stdout).not.toContain('Workflow run:');
  });
});

describe('invalid inputs fail before any request', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['empty access key', { 'access-key': '' }, /Input 'access-key' is empty: the secret it is set from has no value in this run\. Usual causes: a pull request from a fork/],
    ['access key with whitespace', { 'access-key': 'abc def' }, /Input 'access-key' contains whitespace/],
    ['empty workspace', { 'workspace-id': '' }, /Input 'workspace-id' is required/],
    ['non-UUID workspace', { 'workspace-id': 'my-workspace' }, /Input 'workspace-id' must be a UUID.*got 'my-workspace'/],
    ['non-UUID organization', { 'organization-id': '1234' }, /Input 'organization-id' must be a UUID/],
    ['empty service', { service: '' }, /Input 'service' is required/],
    ['empty event', { event: '' }, /Input 'event' is required/],
    ['empty url', { url: '' }, /Input 'url' is required/],
    ['http url', { url: 'http://shop.example.com/hook' }, /Input 'url' must start with https:\/\/, not http:\/\//],
    ['IP address url', { url: 'https://10.0.0.1/hook' }, /Input 'url' host '10\.0\.0\.1' is an IP address; Bird needs a DNS name/],
    ['localhost url', { url: 'https://localhost/hook' }, /Input 'url' host 'localhost' is not accepted/],
    ['url with a space', { url: 'https://shop.example.com/a hook' }, /Input 'url' contains a space at position 27;/],
    ['malformed filter', { 'event-filters': 'channelId=1\nmessageStatus' }, /Input 'event-filters' entry 2 \('messageStatus'\) is not of the form key=value/],
    ['filter without key', { 'event-filters': '=x' }, /Input 'event-filters' entry 1 \('=x'\) has an empty key/],
    ['plain http api-url', { 'api-url': 'http://api.bird.com' }, /Input 'api-url' must use https:\/\//],
    ['http api-url to a LAN host', { 'api-url': 'http://192.168.1.10:8080' }, /Input 'api-url' must use https:\/\//],
    ['bad if-exists', { 'if-exists': 'replace' }, /Input 'if-exists' must be one of reuse, create, fail; got 'replace'/],
    ['bad state', { state: 'gone' }, /Input 'state' must be one of present, absent/],
    ['bad subscription-id', { state: 'absent', 'subscription-id': '42' }, /Input 'subscription-id' must be a UUID/],
    ['bad cleanup', { cleanup: 'maybe' }, /Input 'cleanup' must be true or false/],
    ['bad max-attempts', { 'max-attempts': '0' }, /Input 'max-attempts' must be a positive whole number/],
    ['bad timeout', { 'timeout-seconds': 'soon' }, /Input 'timeout-seconds' must be a positive number/],
  ];

  test.each(cases)('%s', async (_name, override, message) => {
    const run = await runAction('main', baseInputs(override));

    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(run.stdout).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    expect(e2e.bird.requests).toHaveLength(0);
    expect(run.outputs).toEqual({});
  });

  test('the access key is masked even when another input is invalid', async () => {
    const run = await runAction('main', baseInputs({ 'workspace-id': 'nope' }));
    expect(run.stdout.split('\n')[0]).toBe(maskLine(e2e.bird.accessKey));
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });
});

describe('API failures are one readable line', () => {
  test('Bird\'s 422 details are shown', async () => {
    e2e.bird.inject({
      method: 'POST',
      status: 422,
      rawBody: JSON.stringify({ code: 'InvalidPayload', message: 'One or more fields provided in the request body are malformed', details: { '.body.url': ['does not match pattern'], '.body.eventFilters': ['channelId may be given once'] } }),
    });
    const run = await runAction('main', baseInputs());

    expect(run.code).toBe(1);
    expect(e2e.bird.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error::'));
    expect(error).toBe(
      `::error::Bird answered HTTP 422 to POST /workspaces/${e2e.bird.workspaceId}/webhook-subscriptions: InvalidPayload: One or more fields provided in the request body are malformed (.body.url: does not match pattern; .body.eventFilters: channelId may be given once)`,
    );
  });

  test('401 hints at the access key and is not retried', async () => {
    const run = await runAction('main', baseInputs({ 'access-key': 'wrong-key' }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(1);
    expect(run.stdout).toMatch(/::error::Bird answered HTTP 401 to GET \/workspaces\/.*: Unauthorized: The access key is missing or invalid\. Check that access-key is a valid Bird access key/);
    expect(leaks(run, 'wrong-key')).toEqual([]);
  });

  test('403 names the access policy action needed', async () => {
    e2e.bird.inject({ method: 'POST', status: 403 });
    const run = await runAction('main', baseInputs());

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Bird answered HTTP 403 to POST .*Check that the access key's access policy allows Create on \/workspaces\/b4e02c85-c6d2-4b15-8885-e09671799c61\/webhook-subscriptions$/m);
  });

  test("403 to one subscription's path names the resource that covers it (the collection's /**)", async () => {
    e2e.seed({ event: 'sms.outbound', url: baseInputs().url, status: 'inactive' } as never);
    e2e.bird.inject({ method: 'PATCH', status: 403 });
    const run = await runAction('main', baseInputs());

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Bird answered HTTP 403 to PATCH .*Check that the access key's access policy allows Update on \/workspaces\/b4e02c85-c6d2-4b15-8885-e09671799c61\/webhook-subscriptions\/\*\*$/m);
  });

  test('404 says which workspace was not found', async () => {
    const other = '00000000-0000-4000-8000-000000000000';
    const run = await runAction('main', baseInputs({ 'workspace-id': other }));

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`::error::Bird answered HTTP 404 to GET /workspaces/${other}/webhook-subscriptions: NotFound: The workspace was not found. Workspace ${other} was not found; check workspace-id and organization-id`));
  });
});
