// src/bird/undici.ts: the parts of undici the action loads put on the wire what undici's own
// `request` does, and leave undici's dispatchers as its index leaves them.
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as whole from 'undici/index.js';
import { undiciImports } from '../scripts/undici-imports.js';
import { Agent, fetch, request } from '../src/bird/undici.js';
import { ROOT } from '../testbed/run-action.js';

let server: Server;
let origin: string;
const seen: { method?: string; url?: string; host?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, host: req.headers.host, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('request', () => {
  test("sends what undici's own request sends: method, path, query, Host and body", async () => {
    const cases: [string, { method: 'GET' | 'POST' | 'DELETE'; body?: string }][] = [
      ['/workspaces/w/webhook-subscriptions?limit=100&pageToken=a%2Fb%2Bc%3D', { method: 'GET' }],
      ['/pre/fix/webhook-subscriptions', { method: 'POST', body: '{"a":1}' }],
      ['/webhook-subscriptions/%C3%BC?x=%20#fragment', { method: 'DELETE' }],
    ];
    for (const [path, options] of cases) {
      const ours = new Agent();
      const theirs = new whole.Agent();
      seen.length = 0;
      await (await request(`${origin}${path}`, { ...options, dispatcher: ours })).body.text();
      await (await whole.request(`${origin}${path}`, { ...options, dispatcher: theirs })).body.text();
      expect(seen).toHaveLength(2);
      expect(seen[0]).toEqual(seen[1]);
      expect(seen[0].method).toBe(options.method);
      await Promise.all([ours.close(), theirs.close()]);
    }
  });

  test('refuses a URL that is not http(s), before sending anything', () => {
    seen.length = 0;
    expect(() => request('file:///etc/passwd', { method: 'GET', dispatcher: new Agent() })).toThrow('not an http(s) URL: file:');
    expect(seen).toEqual([]);
  });

  test('takes https as well as http: an https URL goes on to connect (refused here, nothing listening)', async () => {
    const dispatcher = new Agent({ connect: { timeout: 2000 } });
    await expect(request('https://127.0.0.1:1/', { method: 'GET', dispatcher })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await dispatcher.close();
  });

  test("gives undici's dispatchers the five methods its index gives them, and nothing else, without the index", () => {
    // A process of its own: here undici's index is loaded (this file, @actions/core) and installs them too.
    const script = [
      "const { Pool } = await import('./src/bird/undici.ts');",
      "const Dispatcher = (await import('undici/lib/dispatcher/dispatcher.js')).default;",
      "const pool = new Pool('http://127.0.0.1:1');",
      'console.log(JSON.stringify({ own: Object.keys(Dispatcher.prototype).sort(), connect: typeof pool.connect }));',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ own: ['connect', 'pipeline', 'request', 'stream', 'upgrade'], connect: 'function' });
  });
});

describe('fetch (for @actions/github)', () => {
  test("loads undici's whole index on first call and fetches with it", async () => {
    const res = await fetch(`${origin}/octokit?x=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'GET', url: '/octokit?x=1' });
  });
});

describe("what a bundled package takes from 'undici' (npm run build checks it against src/bird/undici.ts)", () => {
  test('named ESM imports, with aliases and types', () => {
    expect(undiciImports(`import { ProxyAgent } from 'undici';`)).toEqual({ names: ['ProxyAgent'], unchecked: false });
    expect(undiciImports(`import { fetch as f, type Dispatcher, Agent } from "undici"`)).toEqual({ names: ['Agent', 'Dispatcher', 'fetch'], unchecked: false });
  });

  test('a namespace or default import, and CommonJS require, by the properties read off it', () => {
    expect(undiciImports(`import * as u from 'undici'; new u.Agent(); (0, u.getGlobalDispatcher)();`).names).toEqual(['Agent', 'getGlobalDispatcher']);
    expect(undiciImports(`const undici_1 = require("undici");\nproxyAgent = new undici_1.ProxyAgent({});`)).toEqual({ names: ['ProxyAgent'], unchecked: false });
    expect(undiciImports(`const { Pool, request: r } = require('undici')`)).toEqual({ names: ['Pool', 'request'], unchecked: false });
  });

  test('a form it cannot follow is flagged, so the build fails rather than guess', () => {
    expect(undiciImports(`const m = await import('undici'); m.fetch()`).unchecked).toBe(true);
    expect(undiciImports(`use(require('undici'))`).unchecked).toBe(true);
    expect(undiciImports(`export { fetch } from 'undici'`).unchecked).toBe(true);
  });

  test('other modules and look-alike names are not undici', () => {
    expect(undiciImports(`import { Agent } from 'undici-types'; const x = require('undici/lib/core/util')`)).toEqual({ names: [], unchecked: false });
  });
});
