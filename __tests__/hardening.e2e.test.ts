// Findings of the attack on the merged action, end to end against the built dist/.
import { describe, expect, test } from '@jest/globals';
import { BirdServer, errorLine, leaks, runAction, useBird } from './support/e2e.js';

const URL_ = 'https://pr-7.preview.shop.example.com/webhooks/bird';
const e2e = useBird({ service: 'channels', event: 'sms.inbound', url: URL_ });
const { inputs, calls } = e2e;

describe('secrets', () => {
  test('an api-url path that reads as another host is refused before any request', async () => {
    const other = await BirdServer.start();
    try {
      const run = await runAction('main', inputs({ 'api-url': `${e2e.bird.url}/${other.url.replace('http:', '')}` }));
      expect(run.code).toBe(1);
      expect(errorLine(run)).toContain("Input 'api-url' must not have a path that starts with '//'");
      expect(e2e.bird.requests).toEqual([]);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  test('a signing key Bird echoes in an error, in a form escaping would change, is never shown', async () => {
    const key = 'Sk#[abcdefghijklmnopqrstuv';
    e2e.bird.inject({ method: 'POST', rewrite: () => ({ status: 422, body: { code: 'InvalidPayload', message: `signingKey ${key} is not allowed` } }) });
    const run = await runAction('main', inputs({ 'signing-key': key }));

    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('signingKey *** is not allowed');
    expect(leaks(run, key)).toEqual([]);
    expect(run.stdout.split('\n').filter((l) => l.includes('abcdefghijklmnopqrstuv') && l !== `::add-mask::${key}`)).toEqual([]);
  });

  test('an access key echoed where the error text is cut leaves no prefix behind', async () => {
    e2e.bird.inject({ method: 'GET', rewrite: () => ({ status: 401, body: { code: 'Unauthorized', message: `${'x'.repeat(1000)} key ${e2e.bird.accessKey} rejected` } }) });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(1);
    const prefix = e2e.bird.accessKey.slice(0, 12);
    expect(run.stdout.split('\n').filter((l) => l.includes(prefix) && !l.startsWith('::add-mask::'))).toEqual([]);
  });

  test('a key Bird shows that cannot be one is neither masked nor output; the derived key is set', async () => {
    const existing = e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: URL_, signingKey: 'e' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('::add-mask::e\n');
    expect(calls()).toEqual(['GET ~', `PATCH ~/${existing.id}`]);
    expect(run.outputs['signing-key']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});

test('the post step registers every secret it was given: an error echoing the signing key shows none of it', async () => {
  const key = 'Sk#[very_secret_signing_key_0123456789';
  const main = await runAction('main', inputs({ cleanup: 'true', 'signing-key': key }));
  e2e.bird.inject({ method: 'DELETE', rewrite: () => ({ status: 400, body: { code: 'Bad', message: `${'x'.repeat(990)} ${key}` } }) });
  const post = await runAction('post', inputs({ cleanup: 'true', 'signing-key': key }), { state: main.state });

  expect(post.stdout).toContain('::warning::Cleanup of subscription');
  expect(post.stdout.split('\n').filter((l) => l.includes('very_secret') && l !== `::add-mask::${key}`)).toEqual([]);
});

test('a signing-key input too short to be recognised later is refused before any request', async () => {
  const run = await runAction('main', inputs({ 'signing-key': 'short7k' }));
  expect(run.code).toBe(1);
  expect(errorLine(run)).toContain("Input 'signing-key' must be at least 8 printable characters");
  expect(e2e.bird.requests).toEqual([]);
});

describe('a 404 for one subscription is "gone" only if the workspace answers', () => {
  test('deleting by ID through a wrong api-url path fails instead of reporting not-found', async () => {
    const target = e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: URL_ });
    const run = await runAction('main', { ...inputs({ state: 'absent', 'subscription-id': target.id, 'api-url': `${e2e.bird.url}/v1` }), service: '', event: '', url: '' });

    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/Bird answered HTTP 404 to GET \/v1\/workspaces\/.*check api-url/);
    expect(e2e.bird.subscriptions.has(target.id)).toBe(true);
  });

  test('the post step with a wrong workspace-id warns; it does not say "already gone"', async () => {
    const main = await runAction('main', inputs({ cleanup: 'true' }));
    const post = await runAction('post', inputs({ cleanup: 'true', 'workspace-id': '00000000-0000-4000-8000-000000000000' }), { state: main.state });

    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('already gone');
    expect(post.stdout).toMatch(/::warning::Cleanup of subscription [0-9a-f-]+ failed: .*HTTP 404/);
  });
});

describe('answers that would mislead', () => {
  test('a repeated list entry counts once against the limit: nothing is evicted', async () => {
    for (const n of [1, 2, 3, 4]) e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: `https://pr-${n}.preview.shop.example.com/webhooks/bird` });
    e2e.bird.inject({
      method: 'GET',
      rewrite: (reply) => {
        const body = reply.body as { results: unknown[] };
        body.results.push(structuredClone(body.results[0]));
        return reply;
      },
    });
    const run = await runAction('main', inputs({ 'url-pattern': 'https://pr-*.preview.shop.example.com/webhooks/bird', 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(run.outputs.evicted).toBe('');
  });

  test('many matches: the oldest is kept, every copy deleted and named once, in order (issue 17)', async () => {
    const all = Array.from({ length: 12 }, () => e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: URL_ }));
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect([...run.stdout.matchAll(/^Deleted subscription (\S+): an exact copy/gm)].map((m) => m[1])).toEqual(all.slice(1).map((s) => s.id));
    expect([...e2e.bird.subscriptions.keys()]).toEqual([all[0].id]);
  });
});

describe('sets', () => {
  const EVENTS = 'whatsapp.inbound\nwhatsapp.outbound\nsms.inbound';

  test('the first event failing is named', async () => {
    e2e.bird.inject({ method: 'POST', status: 400 });
    const run = await runAction('main', inputs({ event: '', events: EVENTS }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/^::error::Event whatsapp\.inbound: Bird answered HTTP 400 to POST /);
  });

  test('different keys shown on the set are refused before any write', async () => {
    const a = e2e.bird.seed({ service: 'channels', event: 'whatsapp.inbound', url: URL_, signingKey: 'key-aaaaaaaa' });
    const b = e2e.bird.seed({ service: 'channels', event: 'whatsapp.outbound', url: URL_, signingKey: 'key-bbbbbbbb' });
    const run = await runAction('main', inputs({ event: '', events: EVENTS }));

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~']);
    expect(errorLine(run)).toContain(`show different signing keys (${a.id} for whatsapp.inbound, ${b.id} for whatsapp.outbound)`);
    expect(leaks(run, 'key-aaaaaaaa')).toEqual([]);
  });

  test('state absent failing part way writes what was deleted and names the event', async () => {
    const first = await runAction('main', inputs({ event: '', events: EVENTS }));
    const ids = first.outputs['subscription-id'].split(',');
    // The deletes run together (issue 20): the second one fails, the others are done.
    e2e.bird.inject({ method: 'DELETE', path: ids[1], status: 403 });
    const run = await runAction('main', inputs({ event: '', events: EVENTS, state: 'absent' }));

    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(
      new RegExp(`^::error::Event whatsapp\\.outbound \\(${ids[1]}\\): Bird answered HTTP 403 to DELETE .*\\(done: whatsapp\\.inbound \\(${ids[0]}\\) deleted, sms\\.inbound \\(${ids[2]}\\) deleted\\)`),
    );
    expect(run.outputs).toMatchObject({ 'subscription-id': `${ids[0]},${ids[2]}`, result: 'deleted' });
  });

  test('an eviction followed by a failed create still reaches outputs and the job summary', async () => {
    const victims = [1, 2, 3, 4, 5].map((n) => e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: `https://pr-${n}.preview.shop.example.com/webhooks/bird` }));
    e2e.bird.inject({ method: 'POST', status: 400 });
    const run = await runAction('main', inputs({ 'url-pattern': 'https://pr-*.preview.shop.example.com/webhooks/bird', 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(1);
    expect(run.outputs.evicted).toBe(victims[0].id);
    expect(run.summary).toContain(`Evicted ${victims[0].id}`);
  });

  test('a dry run says when it would set a key Bird hides, and keeps one place per event in subscription-id', async () => {
    e2e.bird.exposeSigningKeys = false;
    const outbound = e2e.bird.seed({ service: 'channels', event: 'whatsapp.outbound', url: URL_, signingKey: 'set-by-hand-key' });
    const run = await runAction('main', inputs({ event: '', events: EVENTS, 'dry-run': 'true' }));

    expect(calls()).toEqual(['GET ~']);
    expect(run.stdout).toContain(`Dry run: would set the signing key of subscription ${outbound.id}`);
    expect(run.outputs['subscription-id']).toBe(`,${outbound.id},`);
  });
});
