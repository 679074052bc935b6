// End to end: what a user reads for common mistakes, and the debug trace, from the built dist/.
import { describe, expect, test } from '@jest/globals';
import { leaks, runAction, useBird } from './support/e2e.js';

const e2e = useBird();
const { inputs: baseInputs } = e2e;

const lines = (stdout: string, prefix: string) => stdout.split('\n').filter((l) => l.startsWith(prefix));
const collection = () => `/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions`;

describe('mistakes a new user makes', () => {
  test('a Bird platform API key (bk_...) gets a 401 that says so and which key to use, without printing it', async () => {
    const key = 'bk_eu1_d2hhdGV2ZXJzZWNyZXR2YWx1ZQ';
    const run = await runAction('main', baseInputs({ 'access-key': key }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(1);
    expect(lines(run.stdout, '::error::')).toEqual([
      `::error::Bird answered HTTP 401 to GET ${collection()}: Unauthorized: The access key is missing or invalid. ` +
        "access-key looks like a Bird platform API key (it starts with 'bk_'); those work only with Bearer on *.platform.bird.com. " +
        "This action calls api.bird.com's Notifications API, which needs an access key created under Organization settings → Access keys in Bird (sent as 'AccessKey')",
    ]);
    expect(leaks(run, key)).toEqual([]);
    // Not even a part of it outside its own ::add-mask:: line.
    const rest = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(rest.join('\n')).not.toContain(key.slice(3, 12));
  });

  test('an api-url with a path (/v1) gets a 404 that shows /v1 in the path and says to check api-url', async () => {
    const run = await runAction('main', baseInputs({ 'api-url': `${e2e.bird.url}/v1` }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests.map((r) => r.path)).toEqual([`/v1${collection()}`]);
    const [error] = lines(run.stdout, '::error::');
    expect(error).toMatch(`::error::Bird answered HTTP 404 to GET /v1${collection()}: `);
    expect(error).toMatch(/check workspace-id and organization-id; api-url has the path '\/v1' \(Bird's https:\/\/api\.bird\.com has none\): check api-url too$/);
  });

  test('a misspelt event is refused before any write, with the closest name Bird lists', async () => {
    const run = await runAction('main', baseInputs({ event: 'sms.outbond' }));

    // Bird is asked which events exist (issue 29); it does not list the typo, so nothing is created.
    expect(run.code).toBe(1);
    expect(lines(run.stdout, '::warning::')).toEqual([]);
    expect(lines(run.stdout, '::error::')).toEqual([
      "::error::Input 'event' is 'sms.outbond', which Bird does not list for service 'channels' in this workspace; did you mean sms.outbound? (a subscription to it would never fire)",
    ]);
    expect(e2e.bird.requests.map((r) => r.method)).toEqual(['GET']);
  });

  test('an unknown service is a warning naming the closest; it is sent, and Bird refuses it with its details', async () => {
    const run = await runAction('main', baseInputs({ service: 'sms' }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(lines(run.stdout, '::warning::')[0]).toMatch(/^::warning::Input 'service' is 'sms', which is not a service Bird documents \(channels, numbers, payments, conversations, templates\); did you mean \w+\?/);
    expect(lines(run.stdout, '::error::')[0]).toContain('.body.service: must be one of channels, numbers, payments, conversations, templates');
  });

  test('an empty access-key says the secret is empty and why that usually happens, before any request', async () => {
    const run = await runAction('main', baseInputs({ 'access-key': '' }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(0);
    expect(lines(run.stdout, '::error::')).toEqual([
      "::error::Input 'access-key' is empty: the secret it is set from has no value in this run. Usual causes: a pull request from a fork (GitHub passes no secrets to it), " +
        'a Dependabot run (it sees only Dependabot secrets: add the secret there too), or a misspelt secret name (an unknown secret reads as empty)',
    ]);
  });

  test('a url that breaks Bird\'s rule is explained in words, naming the offending part', async () => {
    const run = await runAction('main', baseInputs({ url: 'https://10.0.0.1/hook' }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toHaveLength(0);
    expect(lines(run.stdout, '::error::')).toEqual(["::error::Input 'url' host '10.0.0.1' is an IP address; Bird needs a DNS name with a letters-only top-level domain"]);
  });
});

describe('step debug logging (RUNNER_DEBUG=1)', () => {
  const ms = String.raw`\d+ ms`;

  test('every request is one ::debug:: line with method, path, status, time and attempt; the access key never appears', async () => {
    e2e.bird.inject({ method: 'POST', status: 429, retryAfter: '0' });
    const run = await runAction('main', baseInputs({ 'api-url': `${e2e.bird.url}/` }), { env: { RUNNER_DEBUG: '1' } });

    expect(run.code).toBe(0);
    const trace = lines(run.stdout, '::debug::').filter((l) => / → /.test(l));
    const path = collection().replace(/[.?]/g, '\\$&');
    expect(trace).toHaveLength(5);
    expect(trace[0]).toMatch(new RegExp(`^::debug::GET ${path}\\?limit=100 → 200 in ${ms} \\(attempt 1 of 4\\)$`));
    expect(trace[1]).toMatch(new RegExp(`^::debug::POST ${path} → 429 in ${ms} \\(attempt 1 of 4\\)$`));
    expect(trace[2]).toMatch(new RegExp(`^::debug::POST ${path} → 201 in ${ms} \\(attempt 2 of 4\\)$`));
    expect(trace[3]).toMatch(new RegExp(`^::debug::GET ${path}\\?limit=100 → 200 in ${ms} \\(attempt 1 of 4\\)$`));
    expect(trace[4]).toMatch(new RegExp(`^::debug::GET ${path}\\?limit=100 → 200 in ${ms} \\(attempt 1 of 4\\)$`));
    expect(trace).toHaveLength(e2e.bird.requests.length);

    const signingKey = run.outputs['signing-key'];
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
    expect(leaks(run, signingKey)).toEqual([]);
    expect(run.stdout).not.toContain('AccessKey');
  });

  test('the post step traces its DELETE too', async () => {
    const inputs = baseInputs({ cleanup: 'true' });
    const main = await runAction('main', inputs);
    expect(main.code).toBe(0);
    const id = main.outputs['subscription-id'];

    const post = await runAction('post', inputs, { state: main.state, env: { RUNNER_DEBUG: '1' } });
    expect(post.code).toBe(0);
    const trace = lines(post.stdout, '::debug::');
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatch(new RegExp(`^::debug::DELETE ${collection()}/${id} → 204 in ${ms} \\(attempt 1 of 4\\)$`));
    expect(leaks(post, e2e.bird.accessKey)).toEqual([]);
  });

  test('without debug logging no request is traced', async () => {
    const run = await runAction('main', baseInputs());
    expect(run.code).toBe(0);
    expect(lines(run.stdout, '::debug::')).toEqual([]);
  });
});
