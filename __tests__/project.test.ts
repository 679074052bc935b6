// The project's promises about itself: README matches action.yml, the documented snippet works,
// action.yml defaults are the code's defaults, and the bundle runs on Node 24.
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { renderReadme } from '../scripts/action-docs.js';
import { parseInputs } from '../src/plan/inputs.js';
import { ACTION_VERSION } from '../src/version.js';
import { ROOT } from '../testbed/run-action.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const actionYml = read('action.yml');
const action = parse(actionYml) as {
  inputs: Record<string, { description: string; required: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post: string; 'post-if': string };
};

describe('README', () => {
  test('the inputs and outputs tables match action.yml exactly (npm run docs regenerates them)', () => {
    const readme = read('README.md');
    expect(renderReadme(readme, actionYml)).toBe(readme);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });

  test('the signature verification snippet accepts Bird\'s signature and rejects tampering', async () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('<!-- verify-snippet:start -->'), readme.indexOf('<!-- verify-snippet:end -->'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    const file = join(mkdtempSync(join(tmpdir(), 'snippet-')), 'verify.mjs');
    writeFileSync(file, code as string);
    const { verifyBirdSignature } = (await import(pathToFileURL(file).href)) as {
      verifyBirdSignature: (args: { signingKey: string; signature?: string; timestamp?: string; url: string; rawBody: Buffer }) => boolean;
    };

    // Bird's documented scheme, computed independently: HMAC over "timestamp\nurl\n" + raw sha256(body).
    const signingKey = 'KeV+/HGoIQrxuE5YPCRR6AuQOJveldYNNhbVi1i22qk=';
    const timestamp = '1719823259';
    const url = 'https://preview-42.shop.example.com/webhooks/bird';
    const rawBody = Buffer.from(JSON.stringify({ service: 'channels', event: 'sms.outbound', payload: { id: 'm1', body: 'héllo' } }));
    const bodyHash = createHash('sha256').update(rawBody).digest().toString('latin1');
    const signature = createHmac('sha256', Buffer.from(signingKey, 'latin1')).update(Buffer.from(`${timestamp}\n${url}\n${bodyHash}`, 'latin1')).digest('base64');

    const valid = { signingKey, signature, timestamp, url, rawBody };
    expect(verifyBirdSignature(valid)).toBe(true);
    expect(verifyBirdSignature({ ...valid, rawBody: Buffer.from(rawBody.toString().replace('m1', 'm2')) })).toBe(false);
    expect(verifyBirdSignature({ ...valid, url: `${url}?x=1` })).toBe(false);
    expect(verifyBirdSignature({ ...valid, timestamp: '1719823260' })).toBe(false);
    expect(verifyBirdSignature({ ...valid, signingKey: 'another-key' })).toBe(false);
    expect(verifyBirdSignature({ ...valid, signature: undefined })).toBe(false);
    expect(verifyBirdSignature({ ...valid, signature: 'bm90IGl0' })).toBe(false);
  });
});

describe('action.yml', () => {
  test('runs the committed bundle on node24, with an always-run post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main/index.js', post: 'dist/post/index.js', 'post-if': 'always()' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(existsSync(join(ROOT, action.runs.post))).toBe(true);
  });

  test('every input and output is described; only access-key and workspace-id are required', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) expect(spec.description.length).toBeGreaterThan(20);
    expect(Object.entries(action.inputs).filter(([, s]) => s.required).map(([n]) => n)).toEqual(['access-key', 'workspace-id']);
  });

  test('its defaults are the defaults the code applies when an input is empty', () => {
    const required: Record<string, string> = {
      'access-key': 'k',
      'workspace-id': 'b4e02c85-c6d2-4b15-8885-e09671799c61',
      service: 'channels',
      event: 'sms.outbound',
      url: 'https://a.example.com/x',
    };
    const withoutDefaults = parseInputs((name) => required[name] ?? '');
    const withDefaults = parseInputs((name) => required[name] ?? action.inputs[name]?.default ?? '');
    expect(withDefaults).toEqual(withoutDefaults);
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['access-key', 'workspace-id', 'service', 'event', 'url', 'signing-key', 'signing-key-seed', 'event-filters', 'template', 'organization-id', 'api-url', 'if-exists', 'state', 'subscription-id', 'cleanup', 'max-attempts', 'timeout-seconds', 'events', 'url-pattern', 'when-full', 'keep-urls', 'dry-run'].sort(),
    );
  });
});

describe('build', () => {
  test('the User-Agent version is the package version', () => {
    expect(ACTION_VERSION).toBe((JSON.parse(read('package.json')) as { version: string }).version);
  });

  test('tests run on Node 24, the runtime of node24 actions', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  test('dist/licenses.txt names every runtime dependency', () => {
    const licenses = read('dist/licenses.txt');
    for (const name of ['@actions/core', '@actions/github', '@actions/http-client', 'undici']) expect(licenses).toMatch(new RegExp(`^${name}@\\S+  MIT$`, 'm'));
  });
});
