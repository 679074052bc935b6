// The test sequencer of `npm run test:mutation` (scripts/mutation-sequencer.ts): a mutant's run loads
// only the test files holding the tests Stryker names. Its pure part, then Jest itself running it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from '@jest/globals';
import { filesToRun, namesOf } from '../scripts/mutation-sequencer.js';
import { ROOT } from '../testbed/run-action.js';

const tests = [{ path: '/t/a.test.ts' }, { path: '/t/b.test.ts' }, { path: '/t/new.test.ts' }];
const record = { '/t/a.test.ts': ['limit counts ours', 'limit (fresh) waits'], '/t/b.test.ts': ['keys derive one key'] };

describe('filesToRun', () => {
  test('keeps the files holding a name the pattern matches, and every file the record does not know', () => {
    expect(filesToRun(tests, '(limit counts ours)', record).map((t) => t.path)).toEqual(['/t/a.test.ts', '/t/new.test.ts']);
    expect(filesToRun(tests, '(keys derive one key)|(limit \\(fresh\\) waits)', record)).toEqual(tests);
  });

  test('matches as Jest does: anywhere in the full name, without case', () => {
    expect(filesToRun(tests, 'DERIVE', record).map((t) => t.path)).toEqual(['/t/b.test.ts', '/t/new.test.ts']);
  });

  test('keeps every file with no pattern (a static mutant, the first run) or no record', () => {
    expect(filesToRun(tests, undefined, record)).toEqual(tests);
    expect(filesToRun(tests, '', record)).toEqual(tests);
    expect(filesToRun(tests, '(limit counts ours)', undefined)).toEqual(tests);
  });

  test('a file recorded with no tests is left out of a filtered run', () => {
    expect(filesToRun(tests, 'x', { ...record, '/t/new.test.ts': [] }).map((t) => t.path)).toEqual([]);
  });
});

describe('namesOf', () => {
  test('records each file with the full names of its tests', () => {
    const results = {
      testResults: [
        { testFilePath: '/t/a.test.ts', testResults: [{ fullName: 'a one' }, { fullName: 'a two' }] },
        { testFilePath: '/t/b.test.ts', testResults: [] },
      ],
    };
    expect(namesOf(results)).toEqual({ '/t/a.test.ts': ['a one', 'a two'], '/t/b.test.ts': [] });
  });
});

describe('Jest with the sequencer', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs Jest over two plain test files in a scratch folder; returns the files that ran. */
  async function jest(root: string, args: string[], env: Record<string, string> = {}): Promise<string[]> {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--json', '--ci', '--runInBand', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    const out = JSON.parse(stdout) as { testResults: { name: string }[] };
    return out.testResults.map((r) => r.name.slice(root.length + 1)).sort();
  }

  test('the first whole run records the names; a run with a pattern loads only the files holding them', async () => {
    const root = (dir = mkdtempSync(join(tmpdir(), 'mutation-sequencer-')));
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    writeFileSync(
      join(root, 'jest.config.js'),
      `module.exports = { testEnvironment: 'node', testSequencer: ${JSON.stringify(join(ROOT, 'scripts/mutation-sequencer.ts'))} };`,
    );
    writeFileSync(join(root, 'a.test.js'), "describe('limit', () => { test('counts ours', () => {}); test('waits', () => {}); });");
    writeFileSync(join(root, 'b.test.js'), "test('keys derive one key', () => {});");

    const mutant = { __STRYKER_ACTIVE_MUTANT__: '7' };
    // With a pattern and no record yet, nothing is left out.
    expect(await jest(root, ['-t', 'limit counts ours'], mutant)).toEqual(['a.test.js', 'b.test.js']);
    // A run with an active mutant records nothing (its names could be a mutant's).
    expect(await jest(root, [], mutant)).toEqual(['a.test.js', 'b.test.js']);
    expect(() => readFileSync(join(root, 'jest-test-names.json'))).toThrow();

    expect(await jest(root, [])).toEqual(['a.test.js', 'b.test.js']);
    expect(JSON.parse(readFileSync(join(root, 'jest-test-names.json'), 'utf8'))).toEqual({
      [join(root, 'a.test.js')]: ['limit counts ours', 'limit waits'],
      [join(root, 'b.test.js')]: ['keys derive one key'],
    });
    expect(await jest(root, ['-t', '(limit counts ours)'], mutant)).toEqual(['a.test.js']);
    expect(await jest(root, ['-t', '(keys derive one key)'], mutant)).toEqual(['b.test.js']);
    expect(await jest(root, ['-t', '(limit waits)|(keys derive one key)'], mutant)).toEqual(['a.test.js', 'b.test.js']);
    // Outside a mutant's run the record is not used: a test renamed since still runs under `jest -t`.
    writeFileSync(join(root, 'b.test.js'), "test('keys renamed', () => {});");
    expect(await jest(root, ['-t', 'keys renamed'])).toEqual(['a.test.js', 'b.test.js']);
    // Seven runs of Jest: about 10 s on an idle machine, over 60 s on a busy one.
  }, 180_000);
});
