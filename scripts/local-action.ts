// `npm run local-action [-- <env file>] [-- --raw]`: GitHub's @github/local-action, which runs
// src/main.ts and src/post.ts with inputs from a .env file, without its three quirks:
// - about 70 lines of banner (its configuration, every input and output of action.yml) before the
//   action's first line: dropped, but printed when local-action fails before the action starts;
// - "Skip output signing-key since it may contain secret" on every run: local-action applies to step
//   outputs the rule the runner applies to job outputs only; one line says so instead;
// - exit code 0 when the action fails: its setFailed prints `::error::` and sets no exit code. The
//   action reports failure only through setFailed, so an `::error::` line means the step failed.
// `--raw` prints local-action's output as it is (the exit code is still set).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const TITLES = new Set(['Running Pre Step', 'Running Action', 'Running Post Step', 'Action Outputs']);

/** What became of local-action's output: the lines to print, and whether the action failed. */
export interface LocalActionView {
  /** One line of local-action's stdout in; the lines to print now out. */
  line(text: string): string[];
  /** local-action exited with `code`: the lines still held back, and whether the run failed. */
  end(code: number | null): { lines: string[]; failed: boolean };
}

export function viewLocalAction({ raw = false } = {}): LocalActionView {
  const banner: string[] = [];
  let started = false;
  let failed = false;
  return {
    line(text) {
      const plain = text.replace(ANSI, '');
      if (/^::error(?: [^:]*)?::/.test(plain)) failed = true;
      if (raw) return [text];
      const title = plain.trim();
      if (TITLES.has(title)) started = true;
      if (!started) {
        banner.push(text);
        return [];
      }
      if (TITLES.has(title)) return [`--- ${title} ---`];
      if (/^=+$/.test(title) || title === '') return [];
      if (/^::warning::Skip output (\S+) since it may contain secret\.?$/.test(plain)) {
        const name = /Skip output (\S+)/.exec(plain)?.[1] ?? '';
        return [`(${name} is set but not shown: local-action drops step outputs that hold a secret; on the runner, later steps read it)`];
      }
      // The outputs table (console.table): `│ 0 │ 'name' │ 'value' │` becomes `name = value`.
      const row = /^│\s*\d+\s*│\s*(['"]?)(.*?)\1\s*│\s*(['"]?)(.*?)\3\s*│$/.exec(plain);
      if (row) return [`${row[2]} = ${row[4]}`];
      if (/^[┌├└│]/.test(plain)) return [];
      const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(plain);
      if (command) {
        const [, name, data] = command;
        if (name === 'set-output' || name === 'add-mask' || name === 'save-state') return [];
        if (name === 'info') return [data];
        if (name === 'debug') return [`[debug] ${data}`];
        return [`${name[0].toUpperCase()}${name.slice(1)}: ${data}`];
      }
      return [text];
    },
    end(code) {
      const crashed = code !== 0;
      // Before the action started, the banner holds what local-action said about why it stopped.
      return { lines: !started && crashed ? banner : [], failed: failed || crashed };
    },
  };
}

function main(): void {
  const root = join(import.meta.dirname, '..');
  const raw = process.argv.includes('--raw');
  const envFile = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? '.env';
  if (!existsSync(join(root, envFile)) && !existsSync(envFile)) {
    console.error(`No ${envFile}: copy .env.example to .env and set the inputs there (INPUT_<NAME>=value).`);
    process.exit(1);
  }
  const bin = join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
  const child = spawn(process.execPath, [bin, '.', 'src/main.ts', envFile, '--post', 'src/post.ts'], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    env: process.stdout.isTTY && !process.env.NO_COLOR ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
  const view = viewLocalAction({ raw });
  createInterface({ input: child.stdout }).on('line', (text) => {
    for (const out of view.line(text)) console.log(out);
  });
  child.on('close', (code) => {
    const { lines, failed } = view.end(code);
    for (const out of lines) console.log(out);
    if (failed) console.error(code === 0 ? 'The action failed (local-action itself exits 0 then).' : `local-action exited with code ${code}.`);
    process.exitCode = failed ? 1 : 0;
  });
}

// import.meta.main, not a file:// URL built from argv[1]: that comparison never matches on Windows.
if (import.meta.main) main();
