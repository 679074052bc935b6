// End to end: `npm run local-action` as a contributor runs it (GitHub's @github/local-action,
// which imports src/main.ts and src/post.ts and calls their run() with its own @actions/core
// stand-in), against the test server: the main step creates, the post step deletes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@jest/globals';
import { useBird } from './support/e2e.js';
import { ROOT } from '../testbed/run-action.js';

const e2e = useBird();

test('npm run local-action with .env.example: main creates, post deletes (cleanup)', async () => {
  // .env.example as committed, pointed at this test's server instead of `npm run testbed`'s port.
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  expect(example).toContain('INPUT_API-URL=http://127.0.0.1:8787\n');
  expect(example).toContain('INPUT_CLEANUP=true\n');
  const dir = mkdtempSync(join(tmpdir(), 'local-action-'));
  const envFile = join(dir, '.env');
  writeFileSync(envFile, example.replace('http://127.0.0.1:8787', e2e.bird.url));
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['local-action'];
  const args = script.split(' ').slice(1).map((arg) => (arg === '.env' ? envFile : arg));

  try {
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'local-action'), args, { cwd: ROOT, timeout: 60_000 });

    const created = /Created subscription ([0-9a-f-]{36}) for sms\.outbound/.exec(stdout)?.[1];
    expect(created).toBeDefined();
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~', `DELETE ~/${created}`]);
    expect(stdout).toContain(`Cleanup: deleted subscription ${created}`);
    expect(e2e.bird.subscriptions.size).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
