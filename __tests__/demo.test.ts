// `npm run demo` shows a run as a user reads it on GitHub: workflow commands become readable lines
// or disappear as the runner makes them, and the job summary is rendered, not raw HTML.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { viewLog, viewSummary } from '../scripts/runner-view.js';
import { ROOT } from '../testbed/run-action.js';

describe('viewLog', () => {
  const stdout = [
    '::add-mask::s3cr3t',
    '::debug::GET /workspaces/w/webhook-subscriptions -> 200 in 12 ms',
    'Created subscription 1234',
    '::warning::Input %27event%27: 100%25 sure%0Asecond line',
    '::warning file=action.yml,line=3::with properties',
    '::error::Bird answered HTTP 401',
    '::notice::fyi',
    '::group::Requests',
    'inside',
    '::endgroup::',
    '::unknown-thing::kept as is',
    '',
  ].join('\n');

  test('hides add-mask and, without debug logging, debug lines; annotations read as words', () => {
    expect(viewLog(stdout)).toEqual([
      'Created subscription 1234',
      "Warning: Input %27event%27: 100% sure\nsecond line",
      'Warning: with properties',
      'Error: Bird answered HTTP 401',
      'Notice: fyi',
      '> Requests',
      'inside',
      '::unknown-thing::kept as is',
    ]);
  });

  test('shows debug lines when step debug logging is on, never the masked value', () => {
    const lines = viewLog(stdout, { debug: true });
    expect(lines).toContain('[debug] GET /workspaces/w/webhook-subscriptions -> 200 in 12 ms');
    expect(lines.join('\n')).not.toContain('s3cr3t');
  });
});

describe('viewSummary', () => {
  test('renders the heading and an aligned table, with HTML entities decoded', () => {
    const html =
      '<h3>Bird webhook subscription</h3>\n<table><tr><th>Field</th><th>Value</th></tr><tr><td>Result</td><td>created</td></tr>' +
      '<tr><td>URL</td><td>https://a.example.com/x?a=1&amp;b=&lt;2&gt;&quot;</td></tr></table>\n';
    expect(viewSummary(html)).toEqual([
      'Bird webhook subscription',
      '=========================',
      'Field   Value',
      `------  ${'-'.repeat(34)}`,
      'Result  created',
      'URL     https://a.example.com/x?a=1&b=<2>"',
    ]);
  });
});

describe('npm run demo', () => {
  test('prints the job summary as text, no raw workflow command and no secret', () => {
    const env = { ...process.env };
    delete env.BIRD_ACCESS_KEY;
    delete env.BIRD_WORKSPACE_ID;
    delete env.NODE_OPTIONS;
    const demo = spawnSync(process.execPath, [join(ROOT, 'scripts', 'demo.ts')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const lines = demo.stdout.split('\n');
    expect(lines.filter((line) => /^\s*::|<\/?(table|tr|td|h3)>/.test(line))).toEqual([]);
    expect(lines.filter((line) => line === 'Job summary:')).toHaveLength(3);
    expect(demo.stdout).toMatch(/^ {2}Result: created for service channels$/m);
    expect(demo.stdout).toMatch(/^ {2}sms\.outbound +unchanged +[0-9a-f-]{36} +https:\/\/preview-42\.shop\.example\.com\/webhooks\/bird +active$/m);
    expect(demo.stdout).not.toContain('test-access-key-9f8e7d6c5b4a');
  });
});
