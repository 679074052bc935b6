// check-receiver end to end: the built action creates the subscription on the local Bird server,
// then sends its checks to an HTTPS receiver on 127.0.0.1 under a DNS name (hooks.receiver.test),
// reached through a local CONNECT proxy that resolves that name, with a test CA made for the run
// and trusted through NODE_EXTRA_CA_CERTS, as a runner behind a proxy would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForwardProxy } from '../testbed/forward-proxy.js';
import { loadDocsVerifier, makeCertificates, RECEIVER_HOST, type TestTls, type VerifyBirdSignature } from './support/receiver.js';
import { errorLine, leaks, runAction, useBird, warningLines } from './support/e2e.js';

const HOST = RECEIVER_HOST;
const KEY = 'receiver-check-key-9f2c41d7e8';
const OTHER_KEY = 'some-other-key-0b7e55a1c3';

let dir = '';
let tls: TestTls;
let verifyBirdSignature: VerifyBirdSignature;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'check-receiver-'));
  tls = makeCertificates(dir, 'check-receiver test CA');
  verifyBirdSignature = await loadDocsVerifier(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A status, or a status with the body to answer; or a status with `bytes` of body streamed in 64 KB
 * chunks (declared up front with `declare`), never ended when `stall` is set.
 */
type Answer = number | { status: number; body: string } | { status: number; bytes: number; declare?: boolean; stall?: boolean };
type Behaviour = (req: Received, url: string, index: number) => Answer;

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
        if (typeof answer === 'object' && 'bytes' in answer) return this.stream(res, answer);
        const { status, body } = typeof answer === 'number' ? { status: answer, body: answer === 401 ? 'invalid signature' : '' } : answer;
        res.writeHead(status, body ? { 'content-type': 'text/plain' } : {});
        res.end(body);
      });
    });
  }

  get url(): string {
    return `https://${HOST}:${this.port}/webhooks/bird`;
  }

  /** Writes a large body as fast as the client reads it; a stalled one stops after 1 MB and never ends. */
  private stream(res: ServerResponse, answer: { status: number; bytes: number; declare?: boolean; stall?: boolean }): void {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    chunk.write('invalid signature; ');
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...(answer.declare ? { 'content-length': String(answer.bytes) } : {}) });
    let left = answer.stall ? Math.min(answer.bytes, 1024 * 1024) : answer.bytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(left, chunk.length));
        left -= part.length;
        if (left === 0 && !answer.stall) return void res.end(part);
        if (!res.write(part)) return void res.once('drain', pump);
      }
    };
    pump();
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
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);

    expect(receiver.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /webhooks/bird', 'POST /webhooks/bird', 'POST /webhooks/bird']);
    const [forged, signed, retry] = receiver.received;
    expect(verifying(KEY)(forged, receiver.url, 0)).toBe(401);
    expect(verifying(KEY)(signed, receiver.url, 1)).toBe(204);
    // The retry check: the step's key, its own ID, a timestamp 8 hours back (the documented function allows 24).
    expect(verifying(KEY)(retry, receiver.url, 2)).toBe(204);
    const eightHours = 8 * 60 * 60;
    // Built after the signed one was answered: 8 hours before a moment between that and now.
    expect(Number(retry.headers['messagebird-request-timestamp'])).toBeGreaterThanOrEqual(Number(signed.headers['messagebird-request-timestamp']) - eightHours);
    expect(Number(retry.headers['messagebird-request-timestamp'])).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - eightHours);
    expect(retry.headers['messagebird-request-id']).not.toBe(signed.headers['messagebird-request-id']);
    expect(retry.headers['messagebird-request-id']).not.toBe(forged.headers['messagebird-request-id']);
    expect(payloadOf(retry).payload).toMatchObject({ receiverCheck: 'retry', sentBy: 'bird-webhook-subscription-action' });
    for (const req of [forged, signed]) {
      expect(Number(req.headers['messagebird-request-timestamp'])).toBeGreaterThanOrEqual(before);
      expect(Number(req.headers['messagebird-request-timestamp'])).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
    for (const req of receiver.received) {
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['messagebird-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
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
    expect(result.summary).toMatch(/retry<\/td>.*POST signed with the step&#39;s key, timestamped 8 hours back &#40;retry check&#41;.*HTTP 204<\/td><td>passed: accepted a delivery signed with the step&#39;s key and timestamped 8 hours back/);
    expect(warningLines(result)).toEqual([]);
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
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged', 'signed', 'retry']);
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
    expect(receiver.received.map((r) => `${payloadOf(r).event} ${payloadOf(r).payload.receiverCheck}`)).toEqual(['sms.outbound forged', 'sms.outbound signed', 'sms.outbound retry']);
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

// Issue 28: `passed` means signatures were shown to be checked; what cannot be judged is `inconclusive`.
describe('a receiver that validates the payload first and never checks signatures', () => {
  // As a real one does: anything that is not a real event is refused with 400, signed or not.
  const payloadFirst: Behaviour = (req) => {
    const payload = payloadOf(req).payload as { message?: { id?: unknown } };
    return typeof payload.message === 'object' && payload.message?.id ? 204 : { status: 400, body: 'payload.message.id is required' };
  };

  test('forged: inconclusive, a warning that says what was seen and how to make it conclusive; the step passes', async () => {
    receiver.behaviour = payloadFirst;
    const result = await run({ 'check-receiver': 'forged' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('inconclusive');
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged']);
    expect(warningLines(result)).toEqual([
      `::warning::Receiver check inconclusive: ${receiver.url} refused the delivery with a forged signature with HTTP 400, not 401 or 403: a receiver that validates the payload before the signature, or never checks it, answers so too, so this does not show that signatures are checked; to make the check conclusive, answer 401 to a bad signature, or use check-receiver: signed`,
    ]);
    expect(result.summary).toContain('Receiver check: <strong>inconclusive</strong>');
    expect(result.summary).toMatch(/HTTP 400: payload\.message\.id is required<\/td><td>inconclusive: refused the delivery with a forged signature with HTTP 400/);
  });

  test('signed: both refused alike, the step fails as inconclusive; no retry check', async () => {
    receiver.behaviour = payloadFirst;
    const result = await run({ 'check-receiver': 'signed' });
    expect(result.code).toBe(1);
    expect(result.outputs.receiver).toBe('inconclusive');
    expect(result.outputs.result).toBe('created');
    expect(errorLine(result)).toBe(
      `::error::check-receiver: ${receiver.url}: the receiver answered both deliveries alike, refusing the one with a forged signature (HTTP 400) and the one signed with the step's key (HTTP 400), and may not check signatures; make it answer 401 to a bad signature, or 2xx to a check signed with its key (payload.receiverCheck), without acting on it. The subscriptions stay in place (result: created); fix the receiver and re-run`,
    );
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged', 'signed']);
    expect(result.summary).toContain('Receiver check: <strong>inconclusive</strong>');
  });

  test('one that also verifies signatures, refusing a bad one with 400 and answering checks 204: signed passes, the answers differ by signature alone', async () => {
    const verify = verifying(KEY);
    receiver.behaviour = (req, url, index) => (verify(req, url, index) === 401 ? { status: 400, body: 'bad request' } : 204);
    const result = await run({ 'check-receiver': 'signed' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged', 'signed', 'retry']);
    expect(result.stdout).toContain("accepted the delivery signed with the step's key (HTTP 204) after refusing the forged one (HTTP 400): the answers differ by signature alone");
    expect(result.summary).toMatch(/HTTP 400: bad request<\/td><td>inconclusive: refused the delivery with a forged signature with HTTP 400.*; the answer to the signed delivery decides<\/td>/);
    expect(warningLines(result)).toEqual([]);
  });
});

describe("the retry check: Bird's retries keep their first timestamp", () => {
  /** Verifies the signature, and refuses timestamps older than five minutes, as many snippets for other providers do. */
  const fiveMinutes: Behaviour = (req, url, index) => {
    const age = Math.floor(Date.now() / 1000) - Number(req.headers['messagebird-request-timestamp']);
    return age > 300 ? { status: 401, body: 'timestamp too old' } : verifying(KEY)(req, url, index);
  };

  test('a five-minute tolerance: passes, with a warning that retried deliveries would be refused and the fix; the summary shows it', async () => {
    receiver.behaviour = fiveMinutes;
    const result = await run({ 'check-receiver': 'signed' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged', 'signed', 'retry']);
    expect(warningLines(result)).toEqual([
      `::warning::Receiver check: ${receiver.url}: refused a delivery signed with the step's key but timestamped 8 hours back (HTTP 401): Bird's retries keep their first timestamp, so after an outage its retried deliveries would be refused and lost; let the receiver accept timestamps more than 8 hours old (the verification function in this action's docs allows 24 hours)`,
    ]);
    expect(result.summary).toMatch(/retry<\/td>.*timestamped 8 hours back &#40;retry check&#41;.*HTTP 401: timestamp too old<\/td><td>warned: refused a delivery.*the verification function in this action&#39;s docs allows 24 hours&#41;<\/td>/);
    expect(result.summary).toContain('Receiver check: <strong>passed</strong>');
  });

  test.each([
    [403, 1, 'HTTP 403'],
    [400, 1, 'answered HTTP 400 to a delivery signed'],
    [503, 2, 'could not tell whether Bird&#39;s retried deliveries get through'],
  ])('a retry check answered %i never fails the step (%i attempts)', async (status, attempts, said) => {
    const verify = verifying(KEY);
    receiver.behaviour = (req, url, index) => (payloadOf(req).payload.receiverCheck === 'retry' ? status : verify(req, url, index));
    const result = await run({ 'check-receiver': 'signed', 'max-attempts': '2' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged', 'signed', ...Array<string>(attempts).fill('retry')]);
    expect(warningLines(result)).toHaveLength(1);
    expect(result.summary).toMatch(new RegExp(`retry</td>.*${attempts === 1 ? '1 attempt' : `${attempts} attempts`}</td><td>HTTP ${status}.*</td><td>warned: `));
    expect(result.summary.replace(/'/g, '&#39;')).toContain(said);
  });
});

describe('the status line is the answer: a large body is not read', () => {
  test('a 401 with a body over 10 MB (declared, then stalled after 1 MB): passes, and the step does not wait for the rest', async () => {
    receiver.behaviour = () => ({ status: 401, bytes: 11 * 1024 * 1024, declare: true, stall: true });
    // A step that waited for the rest would wait the whole timeout, far past the test's own.
    const result = await run({ 'check-receiver': 'forged', 'timeout-seconds': '600' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(result.stdout).not.toContain('larger than');
    expect(result.summary).toMatch(/<td>HTTP 401: invalid signature; x+&#8230;/);
  });

  test('signed, a forged delivery answered 401 with 11 MB sent in full: passes, and the next deliveries follow', async () => {
    const verify = verifying(KEY);
    receiver.behaviour = (req, url, index) => (verify(req, url, index) === 401 ? { status: 401, bytes: 11 * 1024 * 1024 } : 204);
    const result = await run({ 'check-receiver': 'signed', 'max-attempts': '1' });
    expect(result.code).toBe(0);
    expect(result.outputs.receiver).toBe('passed');
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck)).toEqual(['forged', 'signed', 'retry']);
  });
});

describe('the pair of answers, by status', () => {
  /** Answers by the check's own kind (payload.receiverCheck), whatever the signature. */
  const answering = (forged: number, signed: number, retry = 204): Behaviour => (req) =>
    ({ forged, signed, retry })[payloadOf(req).payload.receiverCheck as 'forged' | 'signed' | 'retry'];

  test.each([
    // mode, forged, signed (0: not sent), exit code, receiver, what was sent
    ['forged', 403, 0, 0, 'passed', 'forged'],
    ['forged', 422, 0, 0, 'inconclusive', 'forged'],
    ['forged', 204, 0, 1, 'failed', 'forged'],
    ['signed', 403, 200, 0, 'passed', 'forged signed retry'],
    ['signed', 401, 403, 1, 'failed', 'forged signed'],
    ['signed', 403, 422, 0, 'passed', 'forged signed'],
    ['signed', 422, 204, 0, 'passed', 'forged signed retry'],
    ['signed', 400, 401, 1, 'inconclusive', 'forged signed'],
    ['signed', 422, 403, 1, 'inconclusive', 'forged signed'],
    ['signed', 400, 404, 1, 'failed', 'forged signed'],
    ['signed', 400, 302, 1, 'failed', 'forged signed'],
  ])('%s: forged HTTP %i, signed HTTP %i (0: not sent): exit %i, receiver %s', async (mode, forged, signed, code, receiverOutput, sent) => {
    receiver.behaviour = answering(forged, signed);
    const result = await run({ 'check-receiver': mode, 'max-attempts': '1' });
    expect(result.code).toBe(code);
    expect(result.outputs.receiver).toBe(receiverOutput);
    expect(receiver.received.map((r) => payloadOf(r).payload.receiverCheck).join(' ')).toBe(sent);
    expectNoAccessKey();
  });
});
