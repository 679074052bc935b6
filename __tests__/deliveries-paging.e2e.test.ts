// check-deliveries against logs that page oddly: a token handed out twice, a log out of newest-first
// order, empty pages, a 404 part way, readers started together probing the path forms, and the 403
// permission of the organization form. Each case was found by an attack on the feature.
import { describe, expect, test } from '@jest/globals';
import { errorLine, runAction, runnerLines, useBird, warningLines, type StoredSubscription } from './support/e2e.js';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const failures = (n: number, fromHours: number, step: number, tag = 'f') =>
  Array.from({ length: n }, (_, i) => ({ requestId: `${tag}-${fromHours}-${i}`, attemptCount: 1, httpStatusCode: 500, executionStatus: 'failed', createdAt: ago(fromHours + i * step) }));
const logPaths = (e2e: { bird: { requests: { path: string }[] } }, from: number) =>
  e2e.bird.requests
    .slice(from)
    .map((r) => r.path)
    .filter((p) => p.endsWith('/logs'));
const deliveriesLine = (stdout: string) => runnerLines(stdout).find((l) => l.startsWith('Deliveries of')) ?? '';

describe('check-deliveries paging', () => {
  const e2e = useBird();
  async function created(): Promise<StoredSubscription> {
    const run = await runAction('main', e2e.inputs());
    const sub = e2e.bird.subscriptions.get(run.outputs['subscription-id']);
    if (!sub) throw new Error('not created');
    return sub;
  }

  test('a page token handed out twice ends the reading, and the count is a floor', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, failures(300, 0.01, 0.01));
    let firstToken: string | undefined;
    e2e.bird.inject({ path: '/logs', rewrite: (r) => ((firstToken = (r.body as { nextPageToken?: string }).nextPageToken), r) });
    e2e.bird.inject({ path: '/logs', rewrite: (r) => ({ ...r, body: { ...(r.body as object), nextPageToken: firstToken } }) });
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail' }));
    expect(logPaths(e2e, from)).toHaveLength(2);
    const out = JSON.parse(run.outputs.deliveries)[0];
    expect(out).toMatchObject({ failed: 200, complete: false });
    expect(deliveriesLine(run.stdout)).toContain('Bird handed out the same page token twice after 2 pages (200 log entries), so the counts are a floor');
    expect(errorLine(run)).toContain('200 not delivered (HTTP 500 ×200) in the last 24h (at least: the reading stopped early)');
  });

  test('a log served oldest first is read on, not cut at the first old entry, and the log line says so', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, [...failures(150, 0.01, 0.01), ...failures(50, 30, 0.1, 'old')].reverse());
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    const out = JSON.parse(run.outputs.deliveries)[0];
    expect(out).toMatchObject({ failed: 150, complete: true });
    expect(deliveriesLine(run.stdout)).toContain("Bird's log was not newest first");
  });

  test('empty pages with fresh tokens: the cap message counts the entries actually read', async () => {
    await created();
    let n = 0;
    e2e.bird.inject({
      path: '/logs',
      times: 20,
      rewrite: () => ({ status: 200, body: { results: [], nextPageToken: Buffer.from(JSON.stringify([0, 'logs', n++])).toString('base64') } }),
    });
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(logPaths(e2e, from)).toHaveLength(10);
    expect(deliveriesLine(run.stdout)).toContain('only the newest 0 log entries were read (the cap of 10 pages), so the counts are a floor');
    expect(JSON.parse(run.outputs.deliveries)[0].complete).toBe(false);
  });

  test('a 404 part way names the path form it came from, and the log reads as incomplete', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, failures(150, 0.01, 0.01));
    e2e.bird.inject({ path: '/logs', status: 404, skip: 1 });
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(logPaths(e2e, from).every((p) => !p.startsWith('/organizations'))).toBe(true);
    expect(warningLines(run)[0]).toContain('was not found (workspace path form)');
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ delivered: null, complete: false });
  });

  test('a nextPageToken that is not a string is an answer outside the contract, not the last page', async () => {
    await created();
    e2e.bird.inject({ path: '/logs', rewrite: () => ({ status: 200, body: { results: [], nextPageToken: 5 } }) });
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(warningLines(run)[0]).toContain('nextPageToken is a number, not a string');
  });

  test('with organization-id, a 403 on the log names the organization form of the permission', async () => {
    const inputs = e2e.inputs({ 'organization-id': e2e.bird.organizationId });
    await runAction('main', inputs);
    e2e.bird.inject({ path: '/logs', status: 403 });
    const run = await runAction('main', { ...inputs, 'check-deliveries': 'warn' });
    expect(warningLines(run)[0]).toContain('View on /organizations/*/workspaces/*/webhook-subscriptions/**');
  });
});

describe('check-deliveries path forms with readers started together', () => {
  const EVENTS = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound', 'whatsapp.outbound', 'email.inbound', 'email.outbound'];
  const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: 'https://hooks.example.com/bird' }, { logPaths: 'organization', delayMs: 40 });

  test('the workspace form is probed once; the other readers wait and use the form that answered', async () => {
    await runAction('main', e2e.inputs());
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(run.code).toBe(0);
    const paths = logPaths(e2e, from);
    expect(paths.filter((p) => !p.startsWith('/organizations'))).toHaveLength(1);
    expect(paths.filter((p) => p.startsWith('/organizations'))).toHaveLength(EVENTS.length);
  });
});
