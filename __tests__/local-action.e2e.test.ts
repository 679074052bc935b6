// End to end: `npm run local-action` as a contributor runs it (scripts/local-action.ts around GitHub's
// @github/local-action, which imports src/main.ts and src/post.ts and calls their run() with its
// own @actions/core stand-in), against the test server: the main step creates, the post step deletes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@jest/globals';
import { useBird } from './support/e2e.js';
import { ROOT } from '../testbed/run-action.js';

const e2e = useBird();

const run = promisify(execFile);
// local-action transpiles src/ on every start: about 10 s on an idle machine, over 60 s on a busy one.
const LOCAL_ACTION_TIMEOUT_MS = 150_000;
const TEST_TIMEOUT_MS = LOCAL_ACTION_TIMEOUT_MS + 30_000;

/** `npm run local-action -- <env file>` as its script runs it, with .env.example pointed at this test's server. */
async function localAction(extra = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  expect(example).toContain('INPUT_API-URL=http://127.0.0.1:8787\n');
  expect(example).toContain('INPUT_CLEANUP=true\n');
  const dir = mkdtempSync(join(tmpdir(), 'local-action-'));
  const envFile = join(dir, '.env');
  writeFileSync(envFile, example.replace('http://127.0.0.1:8787', e2e.bird.url) + extra);
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['local-action'];
  expect(script).toBe('node scripts/local-action.ts');
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/local-action.ts', envFile], { cwd: ROOT, timeout: LOCAL_ACTION_TIMEOUT_MS });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('npm run local-action with .env.example: main creates, post deletes (cleanup), without the banner', async () => {
  const { code, stdout } = await localAction();

  const created = /Created subscription ([0-9a-f-]{36}) for sms\.outbound/.exec(stdout)?.[1];
  expect(created).toBeDefined();
  expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~', `DELETE ~/${created}`]);
  expect(stdout).toContain(`Cleanup: deleted subscription ${created}`);
  expect(e2e.bird.subscriptions.size).toBe(0);
  expect(code).toBe(0);
  // local-action's banner (its configuration and action.yml's inputs) is gone; the outputs stay.
  expect(stdout).not.toContain('Action Metadata');
  expect(stdout).not.toContain("'access-key'");
  expect(stdout.split('\n')[0]).toBe('--- Running Action ---');
  expect(stdout).toContain(`subscription-id = ${created}`);
  expect(stdout).toContain('result = created');
  // The secret-output rule local-action applies to step outputs is explained once, not warned.
  expect(stdout).not.toContain('Skip output');
  expect(stdout).toContain('signing-key is set but not shown');
}, TEST_TIMEOUT_MS);

test('npm run local-action exits 1 when the action fails (local-action itself exits 0), after warning about an undeclared input', async () => {
  const { code, stdout, stderr } = await localAction('INPUT_IF-EXISTS=sometimes\nINPUT_EVNT=sms.inbound\n');

  expect(stdout).toContain("Warning: Unexpected input 'evnt' (INPUT_EVNT): action.yml declares no such input, so the step ignores it; did you mean 'event'?");
  expect(stdout).toContain("Error: Input 'if-exists'");
  expect(code).toBe(1);
  expect(stderr).toContain('The action failed');
  expect(e2e.calls()).toEqual([]);
}, TEST_TIMEOUT_MS);
