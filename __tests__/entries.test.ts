// The runner's entries and the one bundle (issue 20): what a step loads, and the build's
// comment stripping of third-party chunks. Run against the built dist/.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { CLEANUP_STATE } from '../src/steps/state.js';
import { describeRun } from '../src/steps/summary.js';
import { stripComments } from '../scripts/strip-comments.js';
import { ROOT } from '../testbed/run-action.js';

/** Runs a dist entry with a module hook that prints every file it loads from dist/. */
async function loaded(entry: string, env: Record<string, string>): Promise<{ files: string[]; stdout: string }> {
  const hook = `import { registerHooks } from 'node:module';
registerHooks({ load(url, context, next) { if (url.includes('/dist/')) process.stderr.write('LOAD ' + url.split('/dist/')[1] + '\\n'); return next(url, context); } });`;
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, join(ROOT, 'dist', entry)], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { files: stderr.split('\n').filter((l) => l.startsWith('LOAD ')).map((l) => l.slice(5)), stdout };
}

describe('dist entries', () => {
  test('the post step of a job without cleanup state loads dist/post.js alone and prints nothing', async () => {
    const run = await loaded('post.js', {});
    expect(run.files).toEqual(['post.js']);
    expect(run.stdout).toBe('');
  });

  test(`with ${CLEANUP_STATE} state the post step loads the shared bundle, not the main step's code`, async () => {
    const run = await loaded('post.js', { [`STATE_${CLEANUP_STATE}`]: '{"subscriptionIds":[]}' });
    expect(run.files[0]).toBe('post.js');
    expect(run.files).toContain('index.js');
    const mainChunk = readdirSync(join(ROOT, 'dist')).find((f) => /^\d+\.index\.js$/.test(f) && readFileSync(join(ROOT, 'dist', f), 'utf8').includes('./src/main.ts'));
    expect(mainChunk).toBeDefined();
    expect(run.files).not.toContain(mainChunk);
  });

  test('one copy of the toolkit: @actions/core and undici are each in one file of dist/', () => {
    const js = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
    for (const marker of ['function getInput(name, options)', 'class ProxyAgent extends']) {
      expect(js.filter((f) => readFileSync(join(ROOT, 'dist', f), 'utf8').includes(marker))).toHaveLength(1);
    }
  });
});

describe('stripComments', () => {
  test('removes comments and the lines they held, keeps code, strings and licence comments', () => {
    const source = [
      '/*! keep: licence */',
      '// a line comment',
      'const a = 1; // trailing',
      '  /* block',
      '     over lines */',
      'const s = `x // not a comment',
      '',
      '/* nor this */`;',
      "const t = '/* still a string */';",
      '/** @license MIT */',
      'export { a, s, t };',
    ].join('\n');
    expect(stripComments(source)).toBe(
      ['/*! keep: licence */', 'const a = 1;', 'const s = `x // not a comment', '', '/* nor this */`;', "const t = '/* still a string */';", '/** @license MIT */', 'export { a, s, t };'].join('\n'),
    );
  });
});

describe('describeRun', () => {
  const context = { eventName: 'push', ref: 'refs/heads/main', sha: 'abc', actor: 'octocat', runId: 4242, runAttempt: NaN, payload: {} };

  test('leaves the attempt out when the runner did not give it', () => {
    expect(describeRun(context, 'acme/shop')).toBe('Workflow run: acme/shop run 4242, push on refs/heads/main (abc) by octocat');
  });

  test('names the attempt and the pull request when given', () => {
    expect(describeRun({ ...context, runAttempt: 3, eventName: 'pull_request', payload: { pull_request: { number: 7 } } }, 'acme/shop')).toBe(
      'Workflow run: acme/shop run 4242 attempt 3, pull_request #7 on refs/heads/main (abc) by octocat',
    );
  });

  test('an empty context gives no NaN', () => {
    expect(describeRun({ eventName: '', ref: '', sha: '', actor: '', runId: NaN, runAttempt: NaN, payload: {} }, '')).toBe(
      'Workflow run: (no repository), no event on no ref (no sha) by unknown',
    );
  });
});
