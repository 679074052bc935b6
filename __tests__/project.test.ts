// The project's promises about itself: README matches action.yml, the documented snippet works,
// action.yml defaults are the code's defaults, and the bundle runs on Node 24.
import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { renderReadme } from '../scripts/action-docs.js';
import { parseInputs } from '../src/plan/inputs.js';
import { ACTION_VERSION } from '../src/version.js';
import { ROOT } from '../testbed/run-action.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** The documents users read: the README and every page under docs/. */
const userDocs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const yamlBlocks = () => userDocs.flatMap((path) => [...read(path).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]));
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

  test('every action step in a recipe (README and docs/) uses only inputs that action.yml declares', () => {
    let steps = 0;
    for (const block of yamlBlocks()) {
      for (const step of findSteps(parse(block))) {
        steps += 1;
        for (const name of Object.keys(step.with ?? {})) expect([name, name in action.inputs]).toEqual([name, true]);
      }
    }
    expect(steps).toBeGreaterThanOrEqual(7);
  });

  test('recipes that run on pull_request skip forks, whose runs get no secrets', () => {
    for (const block of yamlBlocks()) {
      const workflow = parse(block) as { on?: unknown; jobs?: Record<string, { if?: string; steps?: { uses?: string }[] }> };
      if (!workflow.jobs || !JSON.stringify(workflow.on ?? '').includes('pull_request')) continue;
      for (const job of Object.values(workflow.jobs)) {
        if (!job.steps?.some((s) => s.uses?.startsWith('OWNER/REPO@'))) continue;
        expect(job.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
      }
    }
  });
});

describe('documentation', () => {
  // GitHub's heading anchors: lower case, punctuation but '-' and '_' dropped, spaces to '-'.
  const anchors = (markdown: string) =>
    new Set(
      [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
        m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'),
      ),
    );

  test('the README stays short: at most 18 KB', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThanOrEqual(18 * 1024);
  });

  test('CONTRIBUTING stays short: at most 12 KB', () => {
    expect(Buffer.byteLength(read('CONTRIBUTING.md'))).toBeLessThanOrEqual(12 * 1024);
  });

  test('the README links every page under docs/ users read', () => {
    const readme = read('README.md');
    for (const path of userDocs.filter((p) => p.startsWith('docs/') && p !== 'docs/maintaining.md')) expect([path, readme.includes(`](${path}`)]).toEqual([path, true]);
  });

  test('every relative link in the README, CONTRIBUTING and docs/ reaches a file and, with #, a heading in it', () => {
    const broken: string[] = [];
    for (const from of [...userDocs, 'CONTRIBUTING.md']) {
      const text = read(from).replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const path = file === '' ? from : join(from, '..', file);
        if (!existsSync(join(ROOT, path))) broken.push(`${from}: ${target}`);
        else if (anchor && path.endsWith('.md') && !anchors(read(path)).has(anchor)) broken.push(`${from}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

// Bird's algorithm as the notes describe it, written apart from the README's snippet: HMAC-SHA256
// keyed with the signing key's bytes over "timestamp\nurl\n" followed by the raw SHA-256 of the body.
function birdSignature(signingKey: string, timestamp: string, url: string, body: Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest().toString('latin1');
  return createHmac('sha256', Buffer.from(signingKey, 'latin1')).update(Buffer.from(`${timestamp}\n${url}\n${bodyHash}`, 'latin1')).digest('base64');
}

type Verify = (args: { signingKey?: unknown; signature?: unknown; timestamp?: unknown; url?: unknown; rawBody?: unknown; now?: number }) => boolean;

async function loadSnippet(marker: string): Promise<{ file: string; code: string }> {
  const page = read('docs/verifying-deliveries.md');
  const section = page.slice(page.indexOf(`<!-- ${marker}:start -->`), page.indexOf(`<!-- ${marker}:end -->`));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error(`docs/verifying-deliveries.md has no js block in ${marker}`);
  const file = join(mkdtempSync(join(tmpdir(), 'snippet-')), 'verify-bird-signature.mjs');
  writeFileSync(file, code);
  return { file, code };
}

describe('the signature verification snippet (docs/verifying-deliveries.md)', () => {
  const signingKey = 'KeV+/HGoIQrxuE5YPCRR6AuQOJveldYNNhbVi1i22qk=';
  const url = 'https://preview-42.shop.example.com/webhooks/bird';
  const rawBody = Buffer.from(JSON.stringify({ service: 'channels', event: 'sms.outbound', payload: { id: 'm1', body: 'héllo' } }));
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  const at = (secondsFromNow: number) => String(Math.floor(now / 1000) + secondsFromNow);
  const signedAt = (secondsFromNow: number) => {
    const timestamp = at(secondsFromNow);
    return { signingKey, signature: birdSignature(signingKey, timestamp, url, rawBody), timestamp, url, rawBody, now };
  };
  let verify: Verify;
  let limits: { MAX_AGE_SECONDS: number; MAX_FUTURE_SECONDS: number };

  beforeAll(async () => {
    const { file } = await loadSnippet('verify-snippet');
    const module = (await import(pathToFileURL(file).href)) as { verifyBirdSignature: Verify; MAX_AGE_SECONDS: number; MAX_FUTURE_SECONDS: number };
    verify = module.verifyBirdSignature;
    limits = module;
  });

  test('accepts a signature computed independently, from a Buffer or the same body as a string', () => {
    expect(verify(signedAt(-60))).toBe(true);
    expect(verify({ ...signedAt(-60), rawBody: rawBody.toString('utf8') })).toBe(true);
  });

  test('documents its bounds: 24 hours back (Bird retries with the original timestamp), 5 minutes ahead', () => {
    expect(limits).toEqual(expect.objectContaining({ MAX_AGE_SECONDS: 86_400, MAX_FUTURE_SECONDS: 300 }));
    expect(verify(signedAt(-23 * 3600))).toBe(true);
    expect(verify(signedAt(-86_400))).toBe(true);
    expect(verify(signedAt(240))).toBe(true);
  });

  test('rejects a correctly signed delivery older than 24 hours or more than 5 minutes ahead', () => {
    expect(verify(signedAt(-86_401))).toBe(false);
    expect(verify(signedAt(-7 * 86_400))).toBe(false);
    expect(verify(signedAt(301))).toBe(false);
    expect(verify(signedAt(3600))).toBe(false);
  });

  test('rejects a timestamp that is not whole Unix seconds, even when correctly signed', () => {
    for (const timestamp of ['', 'abc', '1.7e9', '-1', `${at(0)}.5`, ` ${at(0)}`]) {
      expect(verify({ ...signedAt(0), timestamp, signature: birdSignature(signingKey, timestamp, url, rawBody) })).toBe(false);
    }
  });

  test('returns false, without throwing, for a parsed body, undefined or any other non-raw body', () => {
    const parsed = JSON.parse(rawBody.toString('utf8')) as unknown;
    for (const body of [parsed, undefined, null, 42, [1, 2], new Uint16Array(4)]) {
      expect(() => verify({ ...signedAt(0), rawBody: body })).not.toThrow();
      expect(verify({ ...signedAt(0), rawBody: body })).toBe(false);
    }
  });

  test('rejects a tampered body, URL, timestamp or key, and a missing or malformed signature', () => {
    const valid = signedAt(0);
    expect(verify({ ...valid, rawBody: Buffer.from(rawBody.toString().replace('m1', 'm2')) })).toBe(false);
    expect(verify({ ...valid, url: `${url}?x=1` })).toBe(false);
    expect(verify({ ...valid, timestamp: at(1) })).toBe(false);
    expect(verify({ ...valid, signingKey: 'another-key' })).toBe(false);
    for (const signature of [undefined, '', 'bm90IGl0', 42, valid.signature.slice(0, -4)]) expect(verify({ ...valid, signature })).toBe(false);
    for (const signingKey of [undefined, '']) expect(verify({ ...valid, signingKey })).toBe(false);
  });

  test('the Express example parses and uses express.raw with the verified function', async () => {
    const { file, code } = await loadSnippet('express-snippet');
    expect(code).toContain("express.raw({ type: 'application/json' })");
    expect(code).toContain('verifyBirdSignature(');
    expect(code).not.toContain('express.json(');
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** The steps of this action in a README yaml block: a whole workflow or a single step. */
function findSteps(doc: unknown): Step[] {
  const all: Step[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const step = node as Step;
      if (typeof step.uses === 'string' && step.uses.startsWith('OWNER/REPO@')) all.push(step);
      else Object.values(node).forEach(visit);
    }
  };
  visit(doc);
  return all;
}

describe('action.yml', () => {
  test('runs the committed bundle on node24, with an always-run post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main.js', post: 'dist/post.js', 'post-if': 'always()' });
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
      ['access-key', 'workspace-id', 'service', 'event', 'url', 'signing-key', 'signing-key-seed', 'event-filters', 'template', 'organization-id', 'api-url', 'if-exists', 'state', 'subscription-id', 'cleanup', 'max-attempts', 'timeout-seconds', 'events', 'url-pattern', 'when-full', 'keep-urls', 'dry-run', 'check-receiver', 'prune', 'check-deliveries', 'deliveries-window'].sort(),
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
    for (const name of ['@actions/core', '@actions/http-client', 'undici']) expect(licenses).toMatch(new RegExp(`^${name}@\\S+  MIT$`, 'm'));
  });
});

describe('startup', () => {
  test("no chunk of dist/ loads undici's whole index but src/bird/undici.ts's fetch (for @actions/github)", () => {
    const files = readdirSync(join(ROOT, 'dist')).filter((f) => /^(\d+\.)?index\.js$/.test(f));
    // Exports only undici's index holds: the mock agents and the SQLite cache store.
    const holdsIndex = files.filter((f) => /\bMockAgent\b/.test(read(`dist/${f}`)) && /\bSqliteCacheStore\b/.test(read(`dist/${f}`)));
    expect(holdsIndex).toHaveLength(1);
    const id = holdsIndex[0].split('.')[0];
    // Every place that loads that chunk, in any file: only the body of fetch().
    const loads = files.flatMap((f) =>
      [...read(`dist/${f}`).matchAll(new RegExp(`\\.e\\((?:/\\* import\\(\\) \\*/ )?${id}\\)`, 'g'))].map((m) => {
        const before = read(`dist/${f}`).slice(0, m.index);
        return before.slice(before.lastIndexOf('\nasync function ') + 1).split('(')[0];
      }),
    );
    expect(loads).toEqual(['async function fetch']);
    // And the steps' own chunks hold undici's Agent: the parts are there.
    const stepChunks = [...read('dist/index.js').matchAll(/__nccwpck_require__\.e\((\d+)\)/g)].map((m) => `dist/${m[1]}.index.js`);
    expect(stepChunks.some((c) => /\bclass Agent extends DispatcherBase\b/.test(read(c)))).toBe(true);
  });
});

describe('download', () => {
  // The runner downloads the repository as GitHub's archive, built as `git archive` builds it:
  // .gitattributes leaves developer files out. Checked on the attributes as committed here, with
  // the working tree's files (a clean clone in CI is both).
  test('the archive a runner downloads holds what runs and what users read, not tests or tooling', () => {
    const listed = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const check = spawnSync('git', ['check-attr', '--stdin', 'export-ignore'], { cwd: ROOT, input: listed.join('\n'), encoding: 'utf8' });
    const kept = check.stdout
      .split('\n')
      .filter((line) => line.endsWith(': export-ignore: unspecified'))
      .map((line) => line.slice(0, line.indexOf(': export-ignore')));
    expect(kept).toEqual(expect.arrayContaining(['action.yml', 'dist/index.js', 'dist/main.js', 'dist/post.js', 'README.md', 'LICENSE', 'src/main.ts']));
    expect(kept.filter((path) => /^(__tests__|testbed|scripts|\.github|\.ci)\/|^package-lock\.json$/.test(path))).toEqual([]);
  });
});
