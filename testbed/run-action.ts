// Runs the built action the way GitHub's runner does: a Node 24 child process with INPUT_*
// variables and the GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files.
// Shared by the end-to-end tests, the demo and the benchmark; no relative imports, so Node runs it as is.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  /** Step state for the post step, as the runner passes it: STATE_<name>. */
  state?: Record<string, string>;
  env?: Record<string, string>;
  /** Options for Node itself, before the entry (e.g. a V8 trace flag). */
  nodeArgs?: string[];
  /** Called with all stdout so far on each chunk: lets a test act on what the step has printed. */
  onStdout?: (stdout: string) => void;
}

/** The environment GitHub's runner gives a JavaScript action step. */
export function runnerEnv(inputs: Record<string, string>, files: Record<string, string>, options: RunOptions = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    BIRD_ACTION_TEST_RETRY_BASE_MS: '5',
    ...files,
    ...options.env,
  };
  // The runner upper-cases input names and turns spaces (not dashes) into underscores.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  return env;
}

/** Creates the runner's command files in a fresh folder. */
export function commandFiles(): { dir: string; files: Record<'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_STEP_SUMMARY' | 'RUNNER_TEMP', string> } {
  const dir = mkdtempSync(join(tmpdir(), 'bird-action-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STATE: join(dir, 'state'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), RUNNER_TEMP: dir };
  for (const file of [files.GITHUB_OUTPUT, files.GITHUB_STATE, files.GITHUB_STEP_SUMMARY]) writeFileSync(file, '');
  return { dir, files };
}

/** Inputs by their action.yml names. */
export async function runAction(entry: 'main' | 'post', inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const { dir, files } = commandFiles();
  const env = runnerEnv(inputs, files, options);

  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(ROOT, 'dist', `${entry}.js`)], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    options.onStdout?.(stdout);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const run: ActionRun = {
    code,
    stdout,
    stderr,
    outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseFileCommand(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
  rmSync(dir, { recursive: true, force: true });
  return run;
}

/** Reads `name<<DELIMITER\nvalue\nDELIMITER` records as @actions/core writes them. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n?\2$/gm;
  for (const m of text.matchAll(pattern)) values[m[1]] = m[3];
  return values;
}

/** Every place a secret appears in the step's output: only its own ::add-mask:: line is allowed. */
export function leaks(run: Pick<ActionRun, 'stdout' | 'stderr' | 'summary'>, secret: string): string[] {
  const found: string[] = [];
  for (const line of run.stdout.split('\n')) {
    if (line.includes(secret) && line !== `::add-mask::${secret}`) found.push(`stdout: ${line}`);
  }
  if (run.stderr.includes(secret)) found.push('stderr');
  if (run.summary.includes(secret)) found.push('summary');
  return found;
}

export function maskLine(secret: string): string {
  return `::add-mask::${secret}`;
}
