// check-deliveries end to end (issue 27): the built action reads Bird's delivery logs of the
// subscriptions it keeps from the local server (which serves them on both path forms, paged, and
// fails them on demand), and warns, fails or stays silent as the mode says.
import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFiles, ROOT, runnerEnv } from '../testbed/run-action.js';
import { errorLine, leaks, runAction, runnerLines, useBird, warningLines, type StoredSubscription } from './support/e2e.js';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const entry = (hours: number, executionStatus: unknown, httpStatusCode: unknown, requestId: unknown) => ({
  requestId,
  attemptCount: 3,
  httpStatusCode,
  executionStatus,
  createdAt: ago(hours),
});

/** A log with 2 delivered, 3 not delivered (two 401s, one 500) in the last 24h, and older failures. */
const MIXED = [
  entry(0.5, 'succeeded', 200, 'a0000000-0000-4000-8000-000000000001'),
  entry(1, 'failed', 401, 'a0000000-0000-4000-8000-000000000002'),
  entry(2, 'Succeeded', 204, 'a0000000-0000-4000-8000-000000000003'),
  entry(3, 'failed', 401, 'a0000000-0000-4000-8000-000000000004'),
  entry(5, 'exhausted', 500, 'a0000000-0000-4000-8000-000000000005'),
  { requestId: 'no-time', executionStatus: 'failed', httpStatusCode: 503 },
  entry(30, 'failed', 502, 'a0000000-0000-4000-8000-000000000006'),
  entry(40, 'failed', 502, 'a0000000-0000-4000-8000-000000000007'),
];
const NEWEST_FAILURE = (MIXED[1] as { createdAt: string }).createdAt;

describe('check-deliveries', () => {
  const e2e = useBird();
  const logsOf = (id: string, from = 0) => e2e.bird.requests.slice(from).filter((r) => r.path.endsWith(`/${id}/logs`));

  /** The step's subscription, created by a first run with check-deliveries off. */
  async function created(extra: Record<string, string> = {}): Promise<StoredSubscription> {
    const run = await runAction('main', e2e.inputs(extra));
    expect(run.code).toBe(0);
    const sub = e2e.bird.subscriptions.get(run.outputs['subscription-id']);
    if (!sub) throw new Error('not created');
    return sub;
  }

  test('off reads no log: an unchanged re-run stays one request, and the output is []', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, MIXED);
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs());
    expect(run.code).toBe(0);
    expect(e2e.calls(from)).toEqual(['GET ~']);
    expect(run.outputs.deliveries).toBe('[]');
    expect(warningLines(run)).toEqual([]);
    expect(run.summary).not.toContain('Deliveries');
  });

  test("off does not even load check-deliveries' code: dist/ without its chunk still runs", async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, MIXED);
    const dir = mkdtempSync(join(tmpdir(), 'deliveries-dist-'));
    try {
      cpSync(join(ROOT, 'dist'), dir, { recursive: true });
      const chunks = readdirSync(dir).filter((f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('so the counts are a floor'));
      expect(chunks).toHaveLength(1);
      expect(chunks[0]).not.toMatch(/^(main|post|index)\.js$/);
      rmSync(join(dir, chunks[0]));
      // Asynchronously: the server answers from this process.
      const runWith = async (mode: string): Promise<number | null> => {
        const { dir: work, files } = commandFiles();
        const child = spawn(process.execPath, [join(dir, 'main.js')], { env: runnerEnv(e2e.inputs({ 'check-deliveries': mode }), files), cwd: work, stdio: 'ignore' });
        const code = await new Promise<number | null>((done) => child.on('close', done));
        rmSync(work, { recursive: true, force: true });
        return code;
      };
      const from = e2e.bird.requests.length;
      expect(await runWith('off')).toBe(0);
      expect(e2e.calls(from)).toEqual(['GET ~']);
      // The same dist/ with the feature on needs the chunk: the removal was real.
      expect(await runWith('warn')).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('warn: one more request, a warning naming the count and codes, the output and the summary; the step passes', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, MIXED);
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));

    expect(run.code).toBe(0);
    expect(e2e.calls(from)).toEqual(['GET ~', `GET ~/${sub.id}/logs`]);
    // Every status is read (Bird's docs leave the other values open): no executionStatus filter.
    expect(logsOf(sub.id, from)[0].query).toEqual({ limit: '100' });
    expect(JSON.parse(run.outputs.deliveries)).toEqual([
      {
        id: sub.id,
        event: 'sms.outbound',
        url: sub.url,
        delivered: 2,
        failed: 3,
        byStatus: { '401': 2, '500': 1 },
        newestFailureAt: NEWEST_FAILURE,
        complete: true,
      },
    ]);
    expect(warningLines(run)).toEqual([
      `::warning::check-deliveries: sms.outbound (${sub.id}, ${sub.url}): 3 not delivered (HTTP 401 ×2, HTTP 500 ×1) in the last 24h, newest at ${NEWEST_FAILURE}`,
    ]);
    expect(run.stdout).toContain(`1 log entry without a readable time left out`);
    expect(run.summary).toContain('Deliveries in the last 24h');
    expect(run.summary).toContain('failed / 401: 2, exhausted / 500: 1');
    for (const id of ['a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000005']) {
      expect(run.summary).toContain(id);
    }
    // Outside the window and delivered ones are not listed as failures.
    expect(run.summary).not.toContain('a0000000-0000-4000-8000-000000000006');
    expect(run.summary).not.toContain('a0000000-0000-4000-8000-000000000001');
  });

  test('fail: the step fails after writing its outputs, naming the count and codes', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, MIXED);
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail' }));

    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(
      `::error::check-deliveries: sms.outbound (${sub.id}, ${sub.url}): 3 not delivered (HTTP 401 ×2, HTTP 500 ×1) in the last 24h, newest at ${NEWEST_FAILURE}`,
    );
    expect(run.outputs.result).toBe('unchanged');
    expect(run.outputs['subscription-id']).toBe(sub.id);
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ failed: 3, delivered: 2 });
    expect(run.summary).toContain('a0000000-0000-4000-8000-000000000004');
  });

  test('fail: a window that leaves the failures out passes', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, [entry(0.1, 'succeeded', 200, 'x1'), entry(1, 'failed', 500, 'x2')]);
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail', 'deliveries-window': '30m' }));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ delivered: 1, failed: 0, byStatus: {}, newestFailureAt: null });
  });

  test('fail: a fresh create (no deliveries yet) passes', async () => {
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('created');
    const id = run.outputs['subscription-id'];
    expect(e2e.calls().filter((c) => c.endsWith('/logs'))).toEqual([`GET ~/${id}/logs`]);
    expect(JSON.parse(run.outputs.deliveries)).toEqual([
      { id, event: 'sms.outbound', url: e2e.inputs().url, delivered: 0, failed: 0, byStatus: {}, newestFailureAt: null, complete: true },
    ]);
  });

  test('an invalid deliveries-window is refused before any request', async () => {
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn', 'deliveries-window': '8d' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe("::error::Input 'deliveries-window' must be at most 7d (Bird keeps delivery logs for seven days); got '8d'");
    expect(e2e.bird.requests).toHaveLength(0);
  });

  test('state: absent reads no log', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, MIXED);
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ state: 'absent', 'check-deliveries': 'fail' }));
    expect(run.code).toBe(0);
    expect(e2e.calls(from)).toEqual(['GET ~', `DELETE ~/${sub.id}`]);
    expect(run.outputs.deliveries).toBe('[]');
  });

  test('dry-run reads the logs too (GET only)', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, MIXED);
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'dry-run': 'true', 'check-deliveries': 'warn', url: 'https://other.example.com/hook' }));
    expect(run.code).toBe(0);
    // The other URL would be created: it has no log yet; nothing else is read or written.
    expect(e2e.calls(from)).toEqual(['GET ~']);
    expect(run.stdout).toContain('Deliveries: no subscription to read the log of');
    const again = await runAction('main', e2e.inputs({ 'dry-run': 'true', 'check-deliveries': 'warn' }));
    expect(again.code).toBe(0);
    expect(e2e.calls(from + 1)).toEqual(['GET ~', `GET ~/${sub.id}/logs`]);
    expect(JSON.parse(again.outputs.deliveries)[0]).toMatchObject({ failed: 3 });
  });
});

describe('paging', () => {
  const e2e = useBird();

  async function created(): Promise<StoredSubscription> {
    const run = await runAction('main', e2e.inputs());
    const sub = e2e.bird.subscriptions.get(run.outputs['subscription-id']);
    if (!sub) throw new Error('not created');
    return sub;
  }
  const failures = (n: number, fromHours: number, step: number, code = 500) =>
    Array.from({ length: n }, (_, i) => entry(fromHours + i * step, 'failed', code, `f-${fromHours}-${i}`));

  test('pages by pageToken until an entry is older than the window', async () => {
    const sub = await created();
    // 120 inside the last 24h, then 200 older: the second page holds the edge, a third is not read.
    e2e.bird.seedLogs(sub.id, [...failures(120, 0.1, 0.1), ...failures(200, 25, 0.1)]);
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    const logs = e2e.bird.requests.slice(from).filter((r) => r.path.endsWith('/logs'));
    expect(logs.map((r) => [r.query.limit, r.query.pageToken === undefined])).toEqual([
      ['100', true],
      ['100', false],
    ]);
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ failed: 120, byStatus: { '500': 120 }, complete: true });
  });

  test('stops at the last page', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, failures(250, 0.01, 0.01, 401));
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(e2e.calls(from).filter((c) => c.endsWith('/logs'))).toHaveLength(3);
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ failed: 250, complete: true });
  });

  test('at most 10 pages a subscription; the cap is said in the log, the warning, the output and the summary', async () => {
    const sub = await created();
    e2e.bird.seedLogs(sub.id, failures(1100, 0.001, 0.001, 401));
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(e2e.calls(from).filter((c) => c.endsWith('/logs'))).toHaveLength(10);
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ failed: 1000, complete: false });
    expect(run.stdout).toContain('only the newest 1000 log entries were read (10 pages), so the counts are a floor');
    expect(warningLines(run)[0]).toContain('1000 not delivered (HTTP 401 ×1000) in the last 24h (at least: the page cap cut the count)');
  });
});

describe('path forms', () => {
  const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: 'https://hooks.example.com/bird' }, { logPaths: 'organization' });

  test('a 404 on the workspace form is tried once in the organization form, which is then kept', async () => {
    const run1 = await runAction('main', e2e.inputs());
    const id = run1.outputs['subscription-id'];
    e2e.bird.seedLogs(id, Array.from({ length: 150 }, (_, i) => entry(1 + i * 0.01, 'failed', 410, `p-${i}`)));
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(run.code).toBe(0);
    const org = `/organizations/${e2e.bird.organizationId}/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions/${id}/logs`;
    const ws = `/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions/${id}/logs`;
    expect(e2e.bird.requests.slice(from).map((r) => r.path).filter((p) => p.endsWith('/logs'))).toEqual([ws, org, org]);
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ failed: 150, byStatus: { '410': 150 } });
  });

  test('with organization-id given, the organization form is used from the start', async () => {
    const inputs = e2e.inputs({ 'organization-id': e2e.bird.organizationId });
    const run1 = await runAction('main', inputs);
    const id = run1.outputs['subscription-id'];
    const from = e2e.bird.requests.length;
    const run = await runAction('main', { ...inputs, 'check-deliveries': 'fail' });
    expect(run.code).toBe(0);
    expect(e2e.bird.requests.slice(from).map((r) => r.path)).toEqual([
      `/organizations/${e2e.bird.organizationId}/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions`,
      `/organizations/${e2e.bird.organizationId}/workspaces/${e2e.bird.workspaceId}/webhook-subscriptions/${id}/logs`,
    ]);
  });

  test('when neither form serves the log, the 404 is reported', async () => {
    const run1 = await runAction('main', e2e.inputs());
    const id = run1.outputs['subscription-id'];
    e2e.bird.logPaths = 'workspace';
    e2e.bird.inject({ path: '/logs', status: 404, times: 10 });
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain(`check-deliveries: the delivery log of sms.outbound (${id}, https://hooks.example.com/bird) could not be read: Bird answered HTTP 404`);
    expect(errorLine(run)).toContain('was not found in either path form');
    expect(e2e.calls().filter((c) => c.endsWith('/logs'))).toHaveLength(2);
  });
});

describe('when the log cannot be read', () => {
  const e2e = useBird();

  async function created(): Promise<string> {
    const run = await runAction('main', e2e.inputs());
    return run.outputs['subscription-id'];
  }

  test.each(['warn', 'fail'])('403 (%s): names the status and the permission to add', async (mode) => {
    const id = await created();
    e2e.bird.inject({ path: '/logs', status: 403 });
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': mode }));
    const expected =
      `check-deliveries: the delivery log of sms.outbound (${id}, ${e2e.inputs().url}) could not be read: Bird answered HTTP 403 to GET /workspaces/${e2e.bird.workspaceId}/webhook-subscriptions/${id}/logs: ` +
      "Error: Injected fault: HTTP 403. Check that the access key's access policy allows View on /workspaces/*/webhook-subscriptions/** (the delivery logs)";
    if (mode === 'warn') {
      expect(run.code).toBe(0);
      expect(warningLines(run)).toEqual([`::warning::${expected}`]);
    } else {
      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe(`::error::${expected}`);
    }
    expect(JSON.parse(run.outputs.deliveries)[0]).toMatchObject({ id, delivered: null, failed: null });
    expect(JSON.parse(run.outputs.deliveries)[0].error).toContain('HTTP 403');
    expect(run.summary).toContain('log not read');
  });

  test('5xx after retries (warn): a warning naming the status; each attempt was made', async () => {
    await created();
    e2e.bird.inject({ path: '/logs', status: 503, times: 10 });
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn', 'max-attempts': '3' }));
    expect(run.code).toBe(0);
    expect(e2e.calls(from).filter((c) => c.endsWith('/logs'))).toHaveLength(3);
    expect(warningLines(run)).toHaveLength(1);
    expect(warningLines(run)[0]).toMatch(/could not be read: GET \S+\/logs failed after 3 attempts; last error: Bird answered HTTP 503/);
  });

  test('5xx after retries (fail): the step fails naming it', async () => {
    await created();
    e2e.bird.inject({ path: '/logs', status: 500, times: 10 });
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail', 'max-attempts': '2' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/^::error::check-deliveries: the delivery log of .* could not be read: GET \S+\/logs failed after 2 attempts; last error: Bird answered HTTP 500/);
  });

  test.each([
    ['{"results":{"a":1}}', 'a body without a results list'],
    ['[]', 'a body without a results list'],
    ['not json', 'HTTP 200 with a body that is not valid JSON'],
  ])('an odd answer %j is reported (warn)', async (raw, problem) => {
    const id = await created();
    e2e.bird.inject({ path: '/logs', status: 200, rawBody: raw });
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(run.code).toBe(0);
    expect(warningLines(run)).toEqual([
      `::warning::check-deliveries: the delivery log of sms.outbound (${id}, ${e2e.inputs().url}) could not be read: Unexpected answer from Bird to GET /workspaces/${e2e.bird.workspaceId}/webhook-subscriptions/${id}/logs: ${problem}`,
    ]);
  });

  test('an odd answer (fail) fails the step', async () => {
    await created();
    e2e.bird.inject({ path: '/logs', status: 200, rawBody: '{"results":null}' });
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'fail' }));
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('a body without a results list');
  });
});

describe('untrusted log entries', () => {
  const e2e = useBird();

  test('hostile fields are escaped, capped and counted safely; no workflow command, no markup', async () => {
    const run1 = await runAction('main', e2e.inputs());
    const id = run1.outputs['subscription-id'];
    e2e.bird.seedLogs(id, [
      entry(1, '::error::pwned\n::warning::also', 1e308, '<script>alert(1)</script>##[error]x'),
      entry(1.1, { nested: true }, '401', `${'R'.repeat(10_000)}`),
      entry(1.2, 'x'.repeat(5_000), -5, 42),
      entry(1.3, 'failed\u202e|evil', 401, '| a | b |\n::add-mask::x'),
      // A log that echoes the access key shows it nowhere.
      entry(1.4, `failed ${e2e.bird.accessKey}`, 500, e2e.bird.accessKey),
      { requestId: 'bad-time', executionStatus: 'failed', httpStatusCode: 500, createdAt: { $date: 1 } },
      'not an entry',
    ]);
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(run.code).toBe(0);

    // Only the step's own commands: one warning, the output and mask lines it always writes.
    const commands = runnerLines(run.stdout).filter((l) => /^\s*::/.test(l) || l.includes('##['));
    expect(commands.filter((l) => !/^::warning::check-deliveries: |^::add-mask::/.test(l))).toEqual([]);
    expect(warningLines(run)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/^::error::/m);
    expect(run.stdout).not.toContain('##[error]');

    const out = JSON.parse(run.outputs.deliveries)[0];
    expect(out).toMatchObject({ delivered: 0, failed: 5, byStatus: { 'invalid code': 2, '401': 2, '500': 1 } });
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
    expect(run.outputs.deliveries).not.toContain(e2e.bird.accessKey);
    expect(run.stdout).toContain('2 log entries without a readable time left out');

    // The summary: no markup from Bird, bounded.
    expect(run.summary).not.toContain('<script>');
    expect(run.summary).not.toContain('| a | b |');
    expect(run.summary).toContain('&#60;script&#62;');
    expect(run.summary).not.toContain('R'.repeat(100));
    expect(run.summary).not.toContain('x'.repeat(100));
    expect(run.summary.length).toBeLessThan(12_000);
  });
});

describe('several subscriptions', () => {
  const EVENTS = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound', 'whatsapp.outbound', 'email.inbound', 'email.outbound'];
  const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: 'https://hooks.example.com/bird' }, { delayMs: 100 });

  test('logs are read four at a time; the output and the warnings follow the order of events', async () => {
    const run1 = await runAction('main', e2e.inputs());
    const ids = run1.outputs['subscription-id'].split(',');
    ids.forEach((id, i) => e2e.bird.seedLogs(id, i % 2 === 0 ? [entry(1, 'failed', 400 + i, `e-${i}`)] : [entry(1, 'succeeded', 200, `e-${i}`)]));
    const from = e2e.bird.requests.length;
    const run = await runAction('main', e2e.inputs({ 'check-deliveries': 'warn' }));
    expect(run.code).toBe(0);

    const logs = e2e.bird.requests.slice(from).filter((r) => r.path.endsWith('/logs'));
    expect(logs).toHaveLength(6);
    // In flight together, by the server's own record: each request's arrival against the answers sent before it.
    const inFlight = logs.map((r) => logs.filter((o) => o.receivedAt <= r.receivedAt && (o.answeredAt ?? Infinity) > r.receivedAt).length);
    expect(Math.max(...inFlight)).toBe(4);

    expect(JSON.parse(run.outputs.deliveries).map((d: { event: string; failed: number }) => [d.event, d.failed])).toEqual(EVENTS.map((e, i) => [e, i % 2 === 0 ? 1 : 0]));
    expect(warningLines(run).map((l) => /check-deliveries: (\S+)/.exec(l)?.[1])).toEqual(['sms.inbound', 'whatsapp.inbound', 'email.inbound']);
    expect(warningLines(run)[1]).toContain('1 not delivered (HTTP 402 ×1)');
  });
});
