// check-receiver end to end: the built action creates the subscription on the local Bird server,
// then sends its checks to an HTTPS receiver on 127.0.0.1 under a DNS name (hooks.receiver.test),
// reached through a local CONNECT proxy that resolves that name, with a test CA made for the run
// and trusted through NODE_EXTRA_CA_CERTS, as a runner behind a proxy would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ForwardProxy } from '../testbed/forward-proxy.js';
import { errorLine, leaks, runAction, useBird, warningLines } from './support/e2e.js';

const HOST = 'hooks.receiver.test';
const KEY = 'receiver-check-key-9f2c41d7e8';
const OTHER_KEY = 'some-other-key-0b7e55a1c3';

let dir = '';
let tls: { key: string; cert: string; caFile: string };
let verifyBirdSignature: (args: { signingKey: string; signature?: string; timestamp?: string; url: string; rawBody: Buffer }) => boolean;

/** A CA and a leaf for hooks.receiver.test, made with the openssl CLI for this run only. */
function makeCertificates(): typeof tls {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=check-receiver test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', `/CN=${HOST}`);
  writeFileSync(file('leaf.ext'), `subjectAltName=DNS:${HOST}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('leaf.pem'), '-days', '2', '-extfile', file('leaf.ext'));
  return { key: readFileSync(file('leaf.key'), 'utf8'), cert: readFileSync(file('leaf.pem'), 'utf8'), caFile: file('ca.pem') };
}

/** The documented verification function (docs/verifying-deliveries.md), as users copy it. */
async function loadReadmeVerifier(): Promise<typeof verifyBirdSignature> {
  const readme = readFileSync(join(import.meta.dirname, '..', 'docs', 'verifying-deliveries.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- verify-snippet:start -->'), readme.indexOf('<!-- verify-snippet:end -->'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('docs/verifying-deliveries.md has no verification snippet');
  const file = join(dir, 'verify-bird-signature.mjs');
  writeFileSync(file, code);
  return ((await import(pathToFileURL(file).href)) as { verifyBirdSignature: typeof verifyBirdSignature }).verifyBirdSignature;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'check-receiver-'));
  tls = makeCertificates();
  verifyBirdSignature = await loadReadmeVerifier();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A status, or a status with the body to answer. */
type Behaviour = (req: Received, url: string, index: number) => number | { status: number; body: string };

/** Verifies with the README's function and `key`: 204 when valid, 401 when not. */
const verifying = (key: string): Behaviour => (req, url) =>
  verifyBirdSignature({
    signingKey: key,
    signature: req.headers['messagebird-signature'] as string | undefined,
    timestamp: req.headers['messagebird-request-timestamp'] as string | undefined,
    url,
    rawBody: req.body,
  })
    ? 204
    : 401;

class Receiver {
  readonly received: Received[] = [];
  behaviour: Behaviour = () => 204;
  port = 0;
  private readonly server: Server;

  constructor() {
    this.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const got = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
        this.received.push(got);
        const answer = this.behaviour(got, this.url, this.received.length - 1);
        const { status, body } = typeof answer === 'number' ? { status: answer, body: answer === 401 ? 'invalid signature' : '' } : answer;
        res.writeHead(status, body ? { 'content-type': 'text/plain' } : {});
        res.end(body);
      });
    });
  }

  get url(): string {
    return `https://${HOST}:${this.port}/webhooks/bird`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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

/** The step with check-receiver, reaching the receiver through the proxy (Bird, on plain http, directly). */
function run(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction('main', e2e.inputs({ url: receiver.url, 'signing-key': KEY, ...inputs }), {
    env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.caFile, ...env },
  });
}

const payloadOf = (req: Received) => JSON.parse(req.body.toString('utf8')) as { service: string; event: string; payload: Record<string, unknown> };

/** Nothing the receiver got carries the access key, nor any Authorization header. */
function expectNoAccessKey(): void {
  for (const req of receiver.received) {
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.stringify(req.headers) + req.body.toString('utf8')).not.toContain(e2e.bird.accessKey);
  }
}

describe('a receiver that verifies the signature (the README function)', () => {
  test('signed: the forged delivery is refused, the signed one accepted; receiver passed, sent like Bird through the proxy', async () => {
    receiver.behaviour = verifying(KEY);
    const before = Math.floor(Date.now() / 1000);
    const result = await run({ 'check-receiver': 'signed' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(result.outputs.result).toBe('created');
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~']);

    expect(receiver.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /webhooks/bird', 'POST /webhooks/bird']);
    const [forged, signed] = receiver.received;
    expect(verifying(KEY)(forged, receiver.url, 0)).toBe(401);
    expect(verifying(KEY)(signed, receiver.url, 1)).toBe(204);
    for (const req of receiver.received) {
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['messagebird-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number(req.headers['messagebird-request-timestamp'])).toBeGreaterThanOrEqual(before);
      expect(Number(req.headers['messagebird-request-timestamp'])).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
    expect(forged.headers['messagebird-request-id']).not.toBe(signed.headers['messagebird-request-id']);
    expect(payloadOf(forged)).toMatchObject({ service: 'channels', event: 'sms.outbound', payload: { receiverCheck: 'forged', sentBy: 'bird-webhook-subscription-action' } });
    expect(payloadOf(signed).payload.receiverCheck).toBe('signed');
    expectNoAccessKey();
    // Through the proxy, to the receiver's name (one tunnel or one per delivery, as undici pools them).
    expect([...new Set(proxy.seen)]).toEqual([`CONNECT ${HOST}:${receiver.port}`]);

    expect(result.stdout).toContain(`Receiver check: POST ${receiver.url} with a forged signature`);
    expect(result.summary).toContain('Receiver check');
    expect(result.summary).toMatch(/forged<\/td><td>https:\/\/hooks\.receiver\.test:\d+\/webhooks\/bird<\/td><td>POST with a forged signature, event sms\.outbound, request ID [0-9a-f-]{36}, 1 attempt<\/td><td>HTTP 401: invalid signature<\/td><td>passed/);
    expect(result.summary).toMatch(/signed<\/td>.*HTTP 204<\/td><td>passed/);
    for (const secret of [e2e.bird.accessKey, KEY]) expect(leaks(result, secret)).toEqual([]);
  });

  test('a derived key, with step debug logging on: passes, and neither key nor access key is printed', async () => {
    // The receiver learns the derived key from a first run, as a deploy would from the output.
    const first = await run({ 'signing-key': '' });
    const derived = first.outputs['signing-key'];
    expect(derived).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    receiver.behaviour = verifying(derived);
    const result = await run({ 'signing-key': '', 'check-receiver': 'signed' }, { RUNNER_DEBUG: '1' });
    expect(result.code).toBe(0);
    expect(result.outputs.result).toBe('unchanged');
    expect(result.outputs.receiver).toBe('passed');
    expect(result.stdout).toContain('::debug::');
    expect(receiver.received).toHaveLength(2);
    expectNoAccessKey();
    for (const secret of [e2e.bird.accessKey, derived]) expect(leaks(result, secret)).toEqual([]);
  });

  test('forged: one delivery only, refused; receiver passed', async () => {
    receiver.behaviour = verifying(KEY);
    const result = await run({ 'check-receiver': 'forged' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged']);
    expectNoAccessKey();
  });

  test('a set of events shares one URL: one check, for the first event', async () => {
    receiver.behaviour = verifying(KEY);
    const result = await run({ event: '', events: 'sms.outbound\nsms.inbound', 'check-receiver': 'signed' });
    expect(result.code).toBe(0);
    expect(receiver.received.map((r) => `${payloadOf(r).event} ${payloadOf(r).payload.receiverCheck}`)).toEqual(['sms.outbound forged', 'sms.outbound signed']);
  });

  test('a 503 is retried within max-attempts, re-sending the same delivery, then passes', async () => {
    const verify = verifying(KEY);
    receiver.behaviour = (req, url, index) => (index === 0 ? 503 : verify(req, url, index));
    const result = await run({ 'check-receiver': 'forged', 'max-attempts': '3' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].headers['messagebird-request-id']).toBe(receiver.received[0].headers['messagebird-request-id']);
    expect(receiver.received[1].body.equals(receiver.received[0].body)).toBe(true);
    expect(result.stdout).toContain('the receiver answered HTTP 503; retrying');
    expect(result.summary).toContain('2 attempts');
  });
});

describe('a receiver that fails the check: the step fails, the subscriptions stay', () => {
  test('one that accepts anything: forged fails, nothing more is sent, outputs still written', async () => {
    receiver.behaviour = () => 200;
    const result = await run({ 'check-receiver': 'signed' });
    expect(result.code).toBe(1);
    expect(errorLine(result)).toBe(
      `::error::check-receiver: ${receiver.url}: the receiver accepted a delivery with a forged signature (HTTP 200): it must check messagebird-signature before acting. The subscriptions stay in place (result: created); fix the receiver and re-run`,
    );
    expect(receiver.received).toHaveLength(1);
    expect(result.outputs.receiver).toBe('failed');
    expect(result.outputs.result).toBe('created');
    expect(result.outputs['subscription-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(e2e.bird.subscriptions.has(result.outputs['subscription-id'])).toBe(true);
    expect(result.summary).toMatch(/HTTP 200<\/td><td>failed: the receiver accepted a delivery with a forged signature/);
    for (const secret of [e2e.bird.accessKey, KEY]) expect(leaks(result, secret)).toEqual([]);
  });

  test("one with another key: forged refused, signed refused too: the keys differ", async () => {
    receiver.behaviour = verifying(OTHER_KEY);
    const result = await run({ 'check-receiver': 'signed' });
    expect(result.code).toBe(1);
    expect(errorLine(result)).toContain(`${receiver.url}: the receiver's key differs from this step's signing key: it refused a delivery signed with that key (HTTP 401)`);
    expect(receiver.received).toHaveLength(2);
    expect(result.outputs.receiver).toBe('failed');
    expectNoAccessKey();
    for (const secret of [e2e.bird.accessKey, KEY]) expect(leaks(result, secret)).toEqual([]);
  });

  test('an answer echoing the signature shows it neither in the log nor in the summary', async () => {
    receiver.behaviour = (req) => ({ status: 401, body: `bad signature ${String(req.headers['messagebird-signature'])} for this receiver` });
    const result = await run({ 'check-receiver': 'forged' });
    const signature = String(receiver.received[0].headers['messagebird-signature']);
    expect(result.outputs.receiver).toBe('passed');
    expect(result.summary).toContain('HTTP 401: bad signature &#40;signature&#41; for this receiver');
    expect(result.summary).not.toContain(signature);
    expect(result.stdout).not.toContain(signature);
  });

  test('one that answers 404: wrong URL, not retried', async () => {
    receiver.behaviour = () => 404;
    const result = await run({ 'check-receiver': 'signed', 'max-attempts': '3' });
    expect(result.code).toBe(1);
    expect(errorLine(result)).toContain(`${receiver.url}: the receiver answered HTTP 404 Not Found: no receiver at this URL; check the path`);
    expect(receiver.received).toHaveLength(1);
    expect(result.outputs.receiver).toBe('failed');
  });

  test('a closed port: retried within max-attempts, then fails naming the URL', async () => {
    const url = `https://${HOST}:${await closedPort()}/webhooks/bird`;
    const result = await run({ url, 'check-receiver': 'forged', 'max-attempts': '2', 'timeout-seconds': '5' });
    expect(result.code).toBe(1);
    expect(proxy.connects).toBe(2);
    expect(errorLine(result)).toMatch(new RegExp(`^::error::check-receiver: POST ${url.replace(/\./g, '\\.')} failed after 2 attempts; last error: .*\\. The subscriptions stay in place \\(result: created\\)`));
    expect(result.outputs.receiver).toBe('failed');
    expect(result.summary).toContain('no answer');
  });
});

describe('nothing is sent', () => {
  test('in a dry run, nor with state: absent; receiver is off', async () => {
    const dry = await run({ 'check-receiver': 'signed', 'dry-run': 'true' });
    expect(dry.code).toBe(0);
    expect(dry.outputs.receiver).toBe('off');
    e2e.seed({ url: receiver.url });
    const absent = await run({ 'check-receiver': 'signed', state: 'absent', 'signing-key': '' });
    expect(absent.code).toBe(0);
    expect(absent.outputs.result).toBe('deleted');
    expect(absent.outputs.receiver).toBe('off');
    expect(receiver.received).toEqual([]);
    expect(proxy.seen).toEqual([]);
  });

  test('with check-receiver off (the default): receiver is off', async () => {
    const result = await run({});
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('off');
    expect(receiver.received).toEqual([]);
  });

  test('an unknown value is refused before any request, naming the input', async () => {
    const result = await run({ 'check-receiver': 'yes' });
    expect(result.code).toBe(1);
    expect(errorLine(result)).toBe("::error::Input 'check-receiver' must be one of off, forged, signed; got 'yes'");
    expect(e2e.calls()).toEqual([]);
    expect(receiver.received).toEqual([]);
  });
});

test('a 4xx other than 401/403 to the signed delivery passes with a warning', async () => {
  const verify = verifying(KEY);
  receiver.behaviour = (req, url, index) => (verify(req, url, index) === 204 ? 422 : 401);
  const result = await run({ 'check-receiver': 'signed' });
  expect(result.code).toBe(0);
  expect(result.outputs.receiver).toBe('passed');
  expect(warningLines(result).join('\n')).toContain('answer 2xx to a check (payload.receiverCheck) to pass without this warning');
});
