// check-receiver judges by the status line: a body that stalls, drips or breaks off after it never
// turns an answer into a failure; and a URL spelt two ways is named as the cause, not the key.
// Raw HTTPS receivers behind the CONNECT proxy, with full control over the answer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForwardProxy } from '../testbed/forward-proxy.js';
import { loadDocsVerifier, makeCertificates, RECEIVER_HOST, type TestTls, type VerifyBirdSignature } from './support/receiver.js';
import { commandFiles, parseFileCommand, runnerEnv, ROOT } from '../testbed/run-action.js';
import { errorLine, useBird, warningLines } from './support/e2e.js';

const HOST = RECEIVER_HOST;
const KEY = 'receiver-check-key-9f2c41d7e8';

let dir = '';
let tls: TestTls;
let verifyBirdSignature: VerifyBirdSignature;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'receiver-answers-'));
  tls = makeCertificates(dir, 'receiver-answers CA');
  verifyBirdSignature = await loadDocsVerifier(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Received { headers: IncomingHttpHeaders; body: Buffer; kind: string; at: number }
type Handler = (req: Received, res: ServerResponse, index: number) => void;

class Receiver {
  readonly received: Received[] = [];
  handler: Handler = (_r, res) => void res.writeHead(204).end();
  port = 0;
  readonly sockets = new Set<Socket>();
  private readonly server: Server;
  constructor() {
    this.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        let kind = '?';
        try { kind = (JSON.parse(body.toString()) as { payload: { receiverCheck: string } }).payload.receiverCheck; } catch { /* */ }
        const got = { headers: req.headers, body, kind, at: Date.now() };
        this.received.push(got);
        this.handler(got, res, this.received.length - 1);
      });
    });
    this.server.on('secureConnection', (s: Socket) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
  }
  get url(): string { return `https://${HOST}:${this.port}/webhooks/bird`; }
  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const valid = (req: Received, url: string, now?: number) =>
  verifyBirdSignature({ signingKey: KEY, signature: req.headers['messagebird-signature'] as string, timestamp: req.headers['messagebird-request-timestamp'] as string, url, rawBody: req.body, now });

const e2e = useBird({ service: 'channels', event: 'sms.outbound' });
let receiver: Receiver;
let proxy: ForwardProxy;
beforeEach(async () => {
  receiver = await new Receiver().start();
  proxy = await ForwardProxy.start();
  proxy.hosts[HOST] = '127.0.0.1';
});
afterEach(async () => {
  await receiver.close();
  await proxy.close();
});

interface ReceiverRun { code: number | null; stdout: string; stderr: string; outputs: Record<string, string>; summary: string }

/** A run of dist/main.js against the receiver, through the proxy, trusting the test CA. */
async function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ReceiverRun> {
  const { dir: d, files } = commandFiles();
  const all = runnerEnv(e2e.inputs({ url: receiver.url, 'signing-key': KEY, ...inputs }), files, { env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.caFile, ...env } });
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], { env: all, cwd: d, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  const result = { code, stdout, stderr, outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8')), summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
  rmSync(d, { recursive: true, force: true });
  return result;
}
const kinds = () => receiver.received.map((r) => r.kind).join(' ');


describe('a status line with a body that does not come whole', () => {
  const forged = { 'check-receiver': 'forged', 'timeout-seconds': '3', 'max-attempts': '2' };

  test('a 401 whose short body never ends passes, on the first attempt', async () => {
    receiver.handler = (_r, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.write('invalid signature');
    };
    const r = await run(forged);
    expect(r.code).toBe(0);
    expect(r.outputs.receiver).toBe('passed');
    expect(kinds()).toBe('forged');
    expect(r.summary).toContain('HTTP 401: invalid signature');
  });

  test('a 401 that promises 100 bytes and sends 17 passes', async () => {
    receiver.handler = (_r, res) => {
      res.writeHead(401, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('invalid signature');
    };
    const r = await run(forged);
    expect(r.code).toBe(0);
    expect(r.outputs.receiver).toBe('passed');
    expect(kinds()).toBe('forged');
  });

  test('a 401 that drips a byte at a time passes', async () => {
    receiver.handler = (_r, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('x')), 200);
      res.on('close', () => clearInterval(t));
    };
    const r = await run(forged);
    expect(r.code).toBe(0);
    expect(r.outputs.receiver).toBe('passed');
    expect(kinds()).toBe('forged');
  });

  test('a 401 whose connection closes part way through its body passes', async () => {
    receiver.handler = (_r, res) => {
      res.writeHead(401, { 'content-length': '1000' });
      res.write('invalid signature', () => setTimeout(() => res.socket?.destroy(), 50));
    };
    const r = await run(forged);
    expect(r.code).toBe(0);
    expect(r.outputs.receiver).toBe('passed');
    expect(kinds()).toBe('forged');
  });

  test('signed: a 200 whose short body never ends is accepted', async () => {
    receiver.handler = (req, res) => {
      if (!valid(req, receiver.url)) return void res.writeHead(401).end('bad');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('ok');
    };
    const r = await run({ 'check-receiver': 'signed', 'timeout-seconds': '2', 'max-attempts': '1' });
    expect(r.code).toBe(0);
    expect(r.outputs.receiver).toBe('passed');
    expect(kinds()).toBe('forged signed retry');
  });

  test('the retry check refused with a body that never ends gets the refusal warning, not "could not tell"', async () => {
    receiver.handler = (req, res) => {
      if (req.kind === 'retry') {
        res.writeHead(401);
        res.write('timestamp too old');
        return;
      }
      res.writeHead(valid(req, receiver.url) ? 204 : 401).end();
    };
    const r = await run({ 'check-receiver': 'signed', 'timeout-seconds': '2', 'max-attempts': '2' });
    expect(r.code).toBe(0);
    expect(r.outputs.receiver).toBe('passed');
    expect(kinds()).toBe('forged signed retry');
    expect(warningLines(r).join('\n')).toContain("refused a delivery signed with the step's key but timestamped 8 hours back (HTTP 401)");
  });
});

describe('one URL spelt two ways', () => {
  test('a signed delivery refused at one spelling and accepted at another names the spelling, not the key', async () => {
    const upper = receiver.url.replace(HOST, HOST.toUpperCase());
    e2e.seed({ event: 'sms.inbound', url: upper, signingKey: KEY } as never);
    receiver.handler = (req, res) => void res.writeHead(valid(req, receiver.url) ? 204 : 401).end();
    const r = await run({ event: '', events: 'sms.outbound\nsms.inbound', 'check-receiver': 'signed', 'max-attempts': '1' });
    expect(r.code).toBe(1);
    expect(r.outputs.receiver).toBe('failed');
    const error = errorLine(r);
    expect(error).not.toContain('key differs');
    expect(error).toContain(`${upper}: the receiver refused a delivery signed with the step's key (HTTP 401) at this spelling of the URL, but accepted it at '${receiver.url}'`);
    expect(error).toContain('Bird signs each delivery over the URL as the subscription spells it');
  });
});
