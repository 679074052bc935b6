// The test server run on its own (`npm run testbed`, CONTRIBUTING's "The test server"): its flags
// reach the server. --real-clock stamps createdAt from the real clock, so the five-minute rule of
// evictions can be seen in local runs; without it the clock starts at 2026-01-01.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, test } from '@jest/globals';
import { ROOT } from '../testbed/run-action.js';

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (!child) return;
  const closed = once(child, 'close');
  child.kill('SIGTERM');
  await closed;
  child = undefined;
});

/** Starts `node testbed/bird-server.ts --port 0 ...flags` and reads the JSON line it prints. */
async function startServer(...flags: string[]): Promise<{ url: string; accessKey: string; workspaceId: string }> {
  child = spawn(process.execPath, [join(ROOT, 'testbed', 'bird-server.ts'), '--port', '0', ...flags], { stdio: ['pipe', 'pipe', 'pipe'] });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return JSON.parse(line) as { url: string; accessKey: string; workspaceId: string };
}

async function create(server: { url: string; accessKey: string; workspaceId: string }): Promise<{ createdAt: string; signingKey?: string }> {
  const answer = await fetch(`${server.url}/workspaces/${server.workspaceId}/webhook-subscriptions`, {
    method: 'POST',
    headers: { authorization: `AccessKey ${server.accessKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'channels', event: 'sms.inbound', url: 'https://a.shop.example.com/hook', signingKey: 'a-signing-key-0123' }),
  });
  expect(answer.status).toBe(201);
  return (await answer.json()) as { createdAt: string; signingKey?: string };
}

test('without --real-clock, createdAt comes from a clock that starts at 2026-01-01', async () => {
  const server = await startServer();
  expect((await create(server)).createdAt).toBe('2026-01-01T00:00:01.000Z');
});

test('--real-clock stamps createdAt with the time the create was answered', async () => {
  const server = await startServer('--real-clock');
  const before = Date.now();
  const { createdAt } = await create(server);
  const after = Date.now();
  expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before);
  expect(Date.parse(createdAt)).toBeLessThanOrEqual(after);
});

test('--hide-signing-keys lists subscriptions without signingKey', async () => {
  const server = await startServer('--hide-signing-keys');
  await create(server);
  const answer = await fetch(`${server.url}/workspaces/${server.workspaceId}/webhook-subscriptions`, { headers: { authorization: `AccessKey ${server.accessKey}` } });
  const { results } = (await answer.json()) as { results: { signingKey?: string; url: string }[] };
  expect(results).toEqual([expect.objectContaining({ url: 'https://a.shop.example.com/hook' })]);
  expect(results[0]).not.toHaveProperty('signingKey');
});

test('a misspelt flag or a value that is not a whole number stops it with one line and exit 2', async () => {
  for (const flags of [['--real-clok'], ['--delay-ms=abc'], ['--port', 'x']]) {
    const run = spawn(process.execPath, [join(ROOT, 'testbed', 'bird-server.ts'), ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(run, 'close')) as [number];
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^bird-server: /);
  }
});

test('--delay-ms=N (the = form) is read too', async () => {
  const server = await startServer('--delay-ms=300');
  const started = performance.now();
  await create(server);
  // A lower bound only: the delay was applied (load can only make it longer).
  expect(performance.now() - started).toBeGreaterThanOrEqual(290);
});
