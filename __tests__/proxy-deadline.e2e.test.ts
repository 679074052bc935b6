// End to end against misbehaving proxies and servers: every attempt ends by its deadline, proxy
// failures name the proxy and the variable, what cannot heal is not retried. Each case checks the
// message the user sees and how long the step took (bounds are generous: the machine is shared).
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { ForwardProxy } from '../testbed/forward-proxy.js';
import { errorLine, leaks, runAction, useBird, type ActionRun } from './support/e2e.js';

const LIST = '/workspaces/b4e02c85-c6d2-4b15-8885-e09671799c61/webhook-subscriptions';
const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: 'https://staging.shop.example.com/webhooks/bird' });
// https, as Bird is: the proxy is asked for a tunnel (CONNECT) like in real use.
const inputs = (extra: Record<string, string> = {}) => e2e.inputs({ 'api-url': `https://127.0.0.1:${new URL(e2e.bird.url).port}`, ...extra });

async function timed(...args: Parameters<typeof runAction>): Promise<{ run: ActionRun; ms: number }> {
  const started = Date.now();
  const run = await runAction(...args);
  return { run, ms: Date.now() - started };
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a proxy that misbehaves on CONNECT', () => {
  let proxy: ForwardProxy;
  afterEach(async () => {
    await proxy.close();
  });

  test('hanging up: one CONNECT per attempt, then a message naming the proxy', async () => {
    proxy = await ForwardProxy.start({ kind: 'hang-up' });
    const { run, ms } = await timed('main', inputs({ 'max-attempts': '3' }), { env: { HTTPS_PROXY: proxy.url } });

    expect(run.code).toBe(1);
    // undici 7 looped here, ~3,800 CONNECTs a second, and never ended.
    expect(proxy.connects).toBe(3);
    expect(errorLine(run)).toBe(
      `::error::GET ${LIST} failed after 3 attempts; last error: the proxy ${proxy.url.slice(7)} (from HTTPS_PROXY) closed the connection without answering CONNECT 127.0.0.1:${new URL(e2e.bird.url).port}`,
    );
    expect(e2e.bird.requests).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  });

  test('never answering: each attempt ends at timeout-seconds', async () => {
    proxy = await ForwardProxy.start({ kind: 'silent' });
    const { run, ms } = await timed('main', inputs({ 'max-attempts': '2', 'timeout-seconds': '1.5' }), { env: { HTTPS_PROXY: proxy.url } });

    expect(run.code).toBe(1);
    expect(proxy.connects).toBe(2);
    expect(errorLine(run)).toBe(`::error::GET ${LIST} failed after 2 attempts; last error: the proxy ${proxy.url.slice(7)} (from HTTPS_PROXY) did not answer within 1.5 s`);
    expect(ms).toBeGreaterThanOrEqual(3000);
    expect(ms).toBeLessThan(12_000);
  });

  test('407 without credentials: not retried, says how to give them', async () => {
    proxy = await ForwardProxy.start({ kind: 'status', status: 407 });
    const { run, ms } = await timed('main', inputs(), { env: { HTTPS_PROXY: proxy.url } });

    expect(run.code).toBe(1);
    expect(proxy.connects).toBe(1);
    expect(errorLine(run)).toBe(
      `::error::GET ${LIST} failed: the proxy ${proxy.url.slice(7)} (from HTTPS_PROXY) wants credentials (HTTP 407 Proxy Authentication Required); give them in HTTPS_PROXY as http://user:password@host:port`,
    );
    expect(ms).toBeLessThan(10_000);
  });

  test('407 with credentials: they are sent, rejected, not retried, and the password never shows', async () => {
    proxy = await ForwardProxy.start({ kind: 'status', status: 407 });
    const password = 'pr0xy-p@ss';
    const withCredentials = proxy.url.replace('http://', `http://build-bot:${encodeURIComponent(password)}@`);
    const { run, ms } = await timed('main', inputs(), { env: { https_proxy: withCredentials } });

    expect(run.code).toBe(1);
    expect(proxy.authorizations).toEqual([`Basic ${Buffer.from(`build-bot:${password}`).toString('base64')}`]);
    expect(errorLine(run)).toBe(
      `::error::GET ${LIST} failed: the proxy ${proxy.url.slice(7)} (from https_proxy) rejected the credentials given in https_proxy (HTTP 407 Proxy Authentication Required)`,
    );
    // Masked (as given and decoded) before anything else is printed.
    const lines = run.stdout.split('\n');
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
    expect(lines.slice(0, firstOther)).toEqual(expect.arrayContaining([`::add-mask::${password}`, '::add-mask::pr0xy-p%2540ss']));
    expect(leaks(run, password)).toEqual([]);
    expect(run.stdout.split('\n').filter((l) => l.includes('pr0xy-p%40ss'))).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  });

  test('403 to CONNECT: not retried', async () => {
    proxy = await ForwardProxy.start({ kind: 'status', status: 403 });
    const { run, ms } = await timed('main', inputs(), { env: { HTTPS_PROXY: proxy.url } });

    expect(run.code).toBe(1);
    expect(proxy.connects).toBe(1);
    expect(errorLine(run)).toBe(
      `::error::GET ${LIST} failed: the proxy ${proxy.url.slice(7)} (from HTTPS_PROXY) refused to open a connection to 127.0.0.1:${new URL(e2e.bird.url).port} (HTTP 403 to CONNECT)`,
    );
    expect(ms).toBeLessThan(10_000);
  });

  test('another status (502) is retried', async () => {
    proxy = await ForwardProxy.start({ kind: 'status', status: 502 });
    const { run, ms } = await timed('main', inputs({ 'max-attempts': '2' }), { env: { HTTPS_PROXY: proxy.url } });

    expect(run.code).toBe(1);
    expect(proxy.connects).toBe(2);
    expect(errorLine(run)).toMatch(/failed after 2 attempts; last error: the proxy 127\.0\.0\.1:\d+ \(from HTTPS_PROXY\) answered CONNECT 127\.0\.0\.1:\d+ with HTTP 502$/);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('proxy variables', () => {
  test('an unreachable proxy is named as the proxy, with the variable', async () => {
    const port = await closedPort();
    const { run, ms } = await timed('main', inputs({ 'max-attempts': '2' }), { env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });

    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(`::error::GET ${LIST} failed after 2 attempts; last error: cannot reach the proxy 127.0.0.1:${port} (from HTTPS_PROXY): ECONNREFUSED`);
    expect(ms).toBeLessThan(10_000);
  });

  test('host:port without a scheme is taken as http://', async () => {
    const proxy = await ForwardProxy.start();
    try {
      const run = await runAction('main', { ...inputs(), 'api-url': e2e.bird.url }, { env: { HTTP_PROXY: proxy.url.slice('http://'.length) } });
      expect(run.code).toBe(0);
      expect(run.outputs.result).toBe('created');
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen.every((line) => line === `CONNECT ${new URL(e2e.bird.url).host}`)).toBe(true);
      expect(e2e.bird.requests).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });

  test('a variable that is not a URL fails before any request, naming it and hiding credentials', async () => {
    const { run, ms } = await timed('main', inputs(), { env: { HTTPS_PROXY: 'http://ops:hunter2@proxy corp:3128' } });

    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(
      "::error::Environment variable HTTPS_PROXY is not a usable proxy URL ('…@proxy corp:3128'): expected http://host:port, or http://user:password@host:port for a proxy that wants credentials",
    );
    expect(run.stdout).not.toContain('hunter2');
    expect(e2e.bird.requests).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  });

  test('NO_PROXY exempts the host, so a broken proxy does not matter', async () => {
    const port = await closedPort();
    const run = await runAction('main', { ...inputs(), 'api-url': e2e.bird.url }, { env: { HTTP_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: 'localhost,127.0.0.1' } });
    expect(run.code).toBe(0);
    expect(e2e.bird.requests).toHaveLength(4);
  });
});

describe('a slow answer after the proxy tunnelled', () => {
  test('is about Bird, not the proxy, and is retried', async () => {
    const proxy = await ForwardProxy.start();
    try {
      e2e.bird.inject({ method: 'GET', delayMs: 5000 });
      const { run, ms } = await timed('main', { ...inputs(), 'api-url': e2e.bird.url, 'timeout-seconds': '1' }, { env: { HTTP_PROXY: proxy.url } });

      expect(run.code).toBe(0);
      expect(run.outputs.result).toBe('created');
      expect(run.stdout).toContain(`GET ${LIST} failed: no complete response within 1 s; retrying`);
      expect(proxy.connects).toBeGreaterThanOrEqual(2);
      expect(ms).toBeLessThan(10_000);
    } finally {
      await proxy.close();
    }
  });
});

describe('a TLS handshake that never completes', () => {
  test('direct: each attempt gives up at timeout-seconds, nothing was sent', async () => {
    // Accepts TCP and never says a word: the client's TLS hello goes unanswered.
    const sockets = new Set<Socket>();
    const mute = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', () => resolve()));
    const { port } = mute.address() as AddressInfo;
    try {
      const { run, ms } = await timed('main', inputs({ 'api-url': `https://127.0.0.1:${port}`, 'max-attempts': '2', 'timeout-seconds': '1' }));

      expect(run.code).toBe(1);
      expect(errorLine(run)).toBe(`::error::GET ${LIST} failed after 2 attempts; last error: no connection to 127.0.0.1:${port} within 1 s`);
      expect(sockets.size).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(2000);
      expect(ms).toBeLessThan(10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });
});

describe('a connection that never completes its handshake', () => {
  // A listener in a process whose event loop is blocked: the kernel queues `backlog` connections,
  // then drops further SYNs, so the next connect neither succeeds nor fails.
  let holder: ChildProcess;
  let port: number;
  const fillers: Socket[] = [];
  beforeAll(async () => {
    holder = spawn(
      process.execPath,
      ['-e', "const s=require('net').createServer().listen({port:0,host:'127.0.0.1',backlog:1},()=>{console.log(s.address().port);setTimeout(()=>Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0),50)})"],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    port = await new Promise<number>((resolve) => holder.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 3; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      fillers.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  afterAll(() => {
    for (const socket of fillers) socket.destroy();
    holder.kill('SIGKILL');
  });

  test('direct: each attempt gives up at timeout-seconds', async () => {
    const { run, ms } = await timed('main', inputs({ 'api-url': `http://127.0.0.1:${port}`, 'max-attempts': '2', 'timeout-seconds': '1.5' }));

    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(`::error::GET ${LIST} failed after 2 attempts; last error: no connection to 127.0.0.1:${port} within 1.5 s`);
    expect(ms).toBeGreaterThanOrEqual(3000);
    expect(ms).toBeLessThan(12_000);
  });

  test('as the proxy: named as the proxy, each attempt bounded', async () => {
    const { run, ms } = await timed('main', inputs({ 'max-attempts': '2', 'timeout-seconds': '1.5' }), { env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });

    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(`::error::GET ${LIST} failed after 2 attempts; last error: the proxy 127.0.0.1:${port} (from HTTPS_PROXY) did not answer within 1.5 s`);
    expect(ms).toBeGreaterThanOrEqual(3000);
    expect(ms).toBeLessThan(12_000);
  });
});

describe('answers that would park or swamp the step', () => {
  let server: Server;
  let sent = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  async function serve(handler: Parameters<typeof createHttpServer>[1]): Promise<string> {
    sent = 0;
    requests = 0;
    server = createHttpServer((req, res) => {
      requests++;
      handler?.(req, res);
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('a body that trickles in forever still ends at the deadline (undici body timeout alone would not)', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"results": [');
      const tick = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(tick));
    });
    const { run, ms } = await timed('main', inputs({ 'api-url': url, 'max-attempts': '2', 'timeout-seconds': '1' }));

    expect(run.code).toBe(1);
    expect(requests).toBe(2);
    expect(errorLine(run)).toBe(`::error::GET ${LIST} failed after 2 attempts; last error: no complete response within 1 s`);
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms).toBeLessThan(10_000);
  });

  test('an endless body is refused past 10 MB, once, without being buffered', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const more = () => {
        while (!res.destroyed && sent < 1024 ** 3 && res.write(chunk)) sent += chunk.length;
      };
      res.on('drain', more);
      more();
    });
    const { run, ms } = await timed('main', inputs({ 'api-url': url }));

    expect(run.code).toBe(1);
    expect(requests).toBe(1);
    expect(errorLine(run)).toBe(`::error::GET ${LIST} failed: the answer is larger than 10 MB, refused without reading the rest (is api-url Bird's API?)`);
    // Socket buffers hold a few MB at most: the rest of the gigabyte was never sent.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(ms).toBeLessThan(10_000);
  });

  test('a declared Content-Length over 10 MB is refused before reading any of it', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 ** 3) });
      res.write('{');
    });
    const { run } = await timed('main', inputs({ 'api-url': url }));

    expect(run.code).toBe(1);
    expect(requests).toBe(1);
    expect(errorLine(run)).toMatch(/failed: the answer is larger than 10 MB/);
  });
});

describe('an oversized answer to a create', () => {
  test('is not retried and says the subscription may exist', async () => {
    e2e.bird.inject({ method: 'POST', status: 201, rawBody: `{"id":"${'x'.repeat(11 * 1024 * 1024)}"}`, process: true });
    const run = await runAction('main', { ...inputs(), 'api-url': e2e.bird.url });

    expect(run.code).toBe(1);
    expect(e2e.bird.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(errorLine(run)).toBe(
      `::error::POST ${LIST} failed: the answer is larger than 10 MB, refused without reading the rest (is api-url Bird's API?); the subscription may have been created: a re-run with if-exists: reuse adopts it`,
    );
  });
});

describe('timeout-seconds and max-attempts', () => {
  test('a decimal such as 16.1 works', async () => {
    const run = await runAction('main', { ...inputs(), 'api-url': e2e.bird.url, 'timeout-seconds': '16.1' });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('created');
  });

  test.each([
    ['timeout-seconds', '601', "::error::Input 'timeout-seconds' must be at most 600 seconds; got '601'"],
    ['timeout-seconds', '3000000', "::error::Input 'timeout-seconds' must be at most 600 seconds; got '3000000'"],
    ['max-attempts', '11', "::error::Input 'max-attempts' must be at most 10; got '11'"],
    ['max-attempts', '99999999999999999999999', "::error::Input 'max-attempts' must be at most 10; got '99999999999999999999999'"],
  ])('%s: %s is refused before any request', async (name, value, expected) => {
    const run = await runAction('main', { ...inputs(), [name]: value });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(expected);
    expect(e2e.bird.requests).toEqual([]);
  });
});
