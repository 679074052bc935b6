// One HTTP exchange with Bird over undici: headers, proxy, a per-attempt deadline, a size cap.
// Retrying is the caller's business (retry.ts); this module only says what went wrong.
import { Agent, buildConnector, Pool, ProxyAgent, request, type Dispatcher } from './undici.js';
import { MAY_HAVE_CREATED, NetworkError } from './errors.js';
import { proxyFor, type ProxySetting } from './proxy.js';
import { stayOnBaselineCompiler } from './wasm-tiering.js';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the API base URL, shown in messages; the query is kept apart so it never is. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export type Send = (req: HttpRequest) => Promise<HttpResponse>;

export interface TransportOptions {
  baseUrl: URL;
  accessKey: string;
  userAgent: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Registers a secret (a proxy password) with the runner before anything is printed. */
  mask?: (secret: string) => void;
}

/** Bird's pages are a few hundred KB at most; anything far larger is not Bird talking. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

// Connection failures where the request cannot have reached Bird, so repeating it is harmless.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// Certificate problems fail the handshake, before anything is sent, and do not heal by retrying.
// (ERR_SSL_WRONG_VERSION_NUMBER is not among them: it means the other side does not speak TLS.)
const TLS_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|^ERR_TLS_|^ERR_SSL_(?!WRONG_VERSION_NUMBER)/;
const TUNNEL_BROKE = 'BIRD_TUNNEL_BROKE';
const RESPONSE_TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Where the current attempt stands, as far as messages and retrying care. */
export interface Progress {
  /** 'connect': opening a connection to Bird; 'proxy': reaching the proxy and asking it for a tunnel. */
  stage?: 'connect' | 'proxy';
  /** The proxy's answer to CONNECT when it was not 200. */
  proxyStatus?: number;
  /** Tunnels opened in this attempt: a second one means the first broke right after the proxy's 200. */
  tunnels?: number;
}

interface Line {
  dispatcher: Dispatcher;
  progress: Progress;
}

// Sentinels raised inside an exchange and turned into NetworkErrors by `describeFailure`.
const TIMED_OUT = Symbol('deadline');
const TOO_LARGE = Symbol('too large');

/**
 * A dispatcher whose every phase is bounded by `timeoutMs` (undici's own connect, headers and
 * body timeouts, the proxy's CONNECT included) and which records the phase an attempt is in.
 * HTTP/1.1 only, as tested; a proxy always tunnels (CONNECT), as it must for Bird's https.
 */
function openLine(proxy: ProxySetting | undefined, timeoutMs: number): Line {
  const progress: Progress = {};
  const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs, allowH2: false };
  if (!proxy) {
    const connector = buildConnector({ timeout: timeoutMs, allowH2: false });
    const connect: buildConnector.connector = (options, callback) => {
      progress.stage = 'connect';
      connector(options, (error, socket) => {
        if (!error) progress.stage = undefined;
        callback(error, socket as never);
      });
    };
    return { dispatcher: new Agent({ ...timeouts, connect }), progress };
  }
  const dispatcher = new ProxyAgent({
    uri: proxy.url.href,
    proxyTunnel: true,
    ...timeouts,
    // undici asks the proxy for the tunnel through this pool: give it the same deadline
    // (its default waits 300 s for an answer) and note how the CONNECT went.
    clientFactory: (origin, options) => {
      const pool = new Pool(origin, { ...options, ...timeouts });
      const tunnel = pool.connect.bind(pool) as (o: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>;
      pool.connect = (async (o: Dispatcher.ConnectOptions) => {
        progress.stage = 'proxy';
        // undici opens a new tunnel as soon as one breaks; within one attempt that would loop
        // against a proxy that answers 200 and then closes, so the second is refused unsent.
        progress.tunnels = (progress.tunnels ?? 0) + 1;
        if (progress.tunnels > 1) throw Object.assign(new Error('tunnel broke after the proxy answered 200'), { code: TUNNEL_BROKE });
        const answer = await tunnel(o);
        if (answer.statusCode === 200) progress.stage = undefined;
        else progress.proxyStatus = answer.statusCode;
        return answer;
      }) as Pool['connect'];
      return pool;
    },
  });
  return { dispatcher, progress };
}

/** api-url's path without a trailing '/': what goes in front of every request path ('' for Bird's own). */
export function basePathOf(apiUrl: URL): string {
  return apiUrl.pathname.replace(/\/+$/, '');
}

export function createTransport(options: TransportOptions): Send {
  const exchange = createExchange({ target: options.baseUrl, timeoutMs: options.timeoutMs, env: options.env, mask: options.mask });
  const basePath = basePathOf(options.baseUrl);
  const headers = {
    authorization: `AccessKey ${options.accessKey}`,
    accept: 'application/json',
    'user-agent': options.userAgent,
  };

  return async ({ method, path, query, body }) => {
    // Joined as text onto the origin, never resolved against it: a path that read as '//host' would
    // otherwise send the access key to that host. Checked again, in case.
    const url = new URL(`${options.baseUrl.origin}${basePath}${path}`);
    if (url.origin !== options.baseUrl.origin) throw new NetworkError(method, path, `refusing to send to ${url.origin}, which is not api-url`, false, false);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return exchange({
      method,
      url,
      label: path,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      tooLargeHint: " (is api-url Bird's API?)",
      // An oversized answer to a create is not retried, so say how to pick up what it may have made.
      tooLargeNote: method === 'POST' ? MAY_HAVE_CREATED : undefined,
    });
  };
}

/** One request as `createExchange` sends it: exactly these headers, nothing added. */
export interface Exchange {
  method: string;
  url: URL;
  /** What messages call the request after the method: Bird's path, or a receiver's URL. */
  label: string;
  headers: Record<string, string>;
  body?: string;
  /** Said after "larger than 10 MB, refused without reading the rest". */
  tooLargeHint?: string;
  /** Appended to the message of an answer too large to read. */
  tooLargeNote?: string;
  /**
   * Read only this many bytes of the body and drop the rest (the connection is closed, not kept
   * waiting), for answers judged by their status line: however large the body, it never fails.
   */
  excerptBytes?: number;
}

/** How long an answer judged by its status line waits for the start of its body. */
const EXCERPT_WAIT_MS = 1000;

export interface ExchangeOptions {
  /** Where requests go: picks the proxy (and NO_PROXY) and is the host messages name. */
  target: URL;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Registers a secret (a proxy password) with the runner before anything is printed. */
  mask?: (secret: string) => void;
}

/**
 * Sends requests to one target over a line bounded by `timeoutMs` in every phase (proxy included),
 * renewed after a timeout; a failure is a NetworkError that says whether to retry. Adds no header
 * of its own: the Bird transport adds the access key, a receiver check never does.
 */
export function createExchange(options: ExchangeOptions): (req: Exchange) => Promise<HttpResponse> {
  // Before undici compiles its parser: the step must not wait at exit for V8 to optimise it.
  stayOnBaselineCompiler();
  // Read (and refused, naming the variable) before any request; its password masked first.
  const proxy = proxyFor(options.target, options.env ?? process.env);
  for (const password of proxy?.passwords ?? []) options.mask?.(password);
  let line = openLine(proxy, options.timeoutMs);

  return async ({ method, url, label, headers, body, tooLargeHint, tooLargeNote, excerptBytes }) => {
    const current = line;
    current.progress.stage = undefined;
    current.progress.proxyStatus = undefined;
    current.progress.tunnels = 0;
    // Our own deadline, over every phase, whatever undici does: a library bug cannot park the step.
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(TIMED_OUT);
      }, options.timeoutMs);
    });
    const startedAt = Date.now();
    const exchange = async (): Promise<HttpResponse> => {
      // undici's request follows no redirect: a 3xx comes back as it is.
      const res = await request(url, { method, dispatcher: current.dispatcher, signal: controller.signal, headers, body });
      // An excerpt waits for the body at most EXCERPT_WAIT_MS, and never past the attempt's deadline.
      const waitMs = Math.max(0, Math.min(EXCERPT_WAIT_MS, options.timeoutMs - (Date.now() - startedAt) - 50));
      const text = excerptBytes === undefined ? await readCapped(res.body, res.headers['content-length']) : await readExcerpt(res.body, excerptBytes, waitMs);
      return { status: res.statusCode, headers: res.headers, text };
    };
    try {
      return await Promise.race([exchange(), deadline]);
    } catch (error) {
      if (error === TIMED_OUT) {
        // Whatever undici still holds for this attempt (a socket, a CONNECT) goes; the next starts afresh.
        line = openLine(proxy, options.timeoutMs);
        current.dispatcher.destroy().catch(() => {});
      }
      const problem = describeFailure(error, { progress: current.progress, proxy, timeoutMs: options.timeoutMs, target: options.target.host, tooLargeHint });
      const reason = problem.tooLarge && tooLargeNote ? `${problem.reason}; ${tooLargeNote}` : problem.reason;
      throw new NetworkError(method, label, reason, problem.maybeProcessed, problem.retryable);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The body as text, refused (without reading the rest) once it passes MAX_BODY_BYTES. */
function readCapped(body: Dispatcher.ResponseData['body'], declared: string | string[] | undefined): Promise<string> {
  // Plain stream events: an async iterator costs measurably more at startup for two small bodies.
  return new Promise((resolve, reject) => {
    if (Number(declared) > MAX_BODY_BYTES) {
      body.destroy();
      return reject(TOO_LARGE);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      body.destroy();
      reject(TOO_LARGE);
    });
    body.on('error', reject);
    body.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
  });
}

/**
 * The first `limit` bytes of the body as text, for answers judged by their status line: the rest is
 * not read (the body is destroyed, closing its connection). Once the status line is in, a body that
 * stalls, drips or breaks off is given at most `waitMs`, then whatever arrived is the excerpt: it
 * never turns an answer into a failure.
 */
function readExcerpt(body: Dispatcher.ResponseData['body'], limit: number, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      body.removeAllListeners('data');
      // Destroying an unfinished body makes undici close the socket: nothing waits for the rest.
      if (!ended) body.destroy();
      resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8'));
    };
    const timer = setTimeout(finish, waitMs);
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) finish();
    });
    // A body cut off after the status line still leaves the status as the answer.
    body.on('error', finish);
    body.on('end', () => {
      ended = true;
      finish();
    });
  });
}

export interface NetworkProblem {
  reason: string;
  maybeProcessed: boolean;
  retryable: boolean;
  tooLarge?: boolean;
}

export interface FailureContext {
  progress: Progress;
  proxy?: ProxySetting;
  timeoutMs: number;
  /** host[:port] of Bird's API (or of a receiver), for messages. */
  target: string;
  /** Said after "larger than 10 MB, refused without reading the rest"; Bird's transport asks whether api-url is Bird. */
  tooLargeHint?: string;
}

/** What a failed exchange means: the message, whether it may have reached Bird, whether to retry. */
export function describeFailure(error: unknown, context: FailureContext): NetworkProblem {
  const within = `within ${context.timeoutMs / 1000} s`;
  if (error === TOO_LARGE) {
    return { reason: `the answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, refused without reading the rest${context.tooLargeHint ?? ''}`, maybeProcessed: true, retryable: false, tooLarge: true };
  }
  const causes = causeChain(error);
  const has = (codes: Set<string>) => causes.some((c) => codes.has(c.code));
  const timedOut = error === TIMED_OUT || has(RESPONSE_TIMEOUT);
  if (context.proxy && context.progress.stage === 'proxy') return proxyProblem(context.proxy, context, causes, timedOut);
  if (context.progress.stage === 'connect' && (timedOut || has(new Set(['UND_ERR_CONNECT_TIMEOUT'])))) {
    return { reason: `no connection to ${context.target} ${within}`, maybeProcessed: false, retryable: true };
  }
  if (timedOut) return { reason: `no complete response ${within}`, maybeProcessed: true, retryable: true };
  return classifyNetworkError(error);
}

function proxyProblem(proxy: ProxySetting, context: FailureContext, causes: Cause[], timedOut: boolean): NetworkProblem {
  const name = `the proxy ${proxy.where} (from ${proxy.variable})`;
  const status = context.progress.proxyStatus;
  const notSent = (reason: string, retryable = true) => ({ reason, maybeProcessed: false, retryable });
  if (status === 407) {
    return notSent(
      proxy.url.username
        ? `${name} rejected the credentials given in ${proxy.variable} (HTTP 407 Proxy Authentication Required)`
        : `${name} wants credentials (HTTP 407 Proxy Authentication Required); give them in ${proxy.variable} as http://user:password@host:port`,
      false,
    );
  }
  if (status === 403) return notSent(`${name} refused to open a connection to ${context.target} (HTTP 403 to CONNECT)`, false);
  if (status !== undefined) return notSent(`${name} answered CONNECT ${context.target} with HTTP ${status}`);
  if (causes.some((c) => c.code === TUNNEL_BROKE)) {
    return { reason: `${name} answered CONNECT ${context.target} with HTTP 200, but the tunnel closed at once`, maybeProcessed: true, retryable: true };
  }
  if (timedOut) return notSent(`${name} did not answer within ${context.timeoutMs / 1000} s`);
  const tls = causes.find((c) => TLS_PROBLEM.test(c.code));
  if (tls) return notSent(`${name} presented a TLS certificate that is not trusted (${tls.code}); point NODE_EXTRA_CA_CERTS at its CA certificate`, false);
  const system = causes.find((c) => /^E[A-Z]/.test(c.code));
  if (causes.some((c) => NOT_SENT.has(c.code))) return notSent(`cannot reach ${name}: ${system?.code ?? causes[0].code}`);
  return notSent(`${name} closed the connection without answering CONNECT ${context.target}${system ? ` (${system.code})` : ''}`);
}

/** What a failed exchange means for retrying: was it (maybe) sent, and is another try worth it. */
export function classifyNetworkError(error: unknown): NetworkProblem {
  const causes = causeChain(error);
  const tls = causes.find((c) => TLS_PROBLEM.test(c.code));
  if (tls) {
    return {
      reason: `TLS certificate not trusted (${tls.code}); behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate`,
      maybeProcessed: false,
      retryable: false,
    };
  }
  // The system error (ECONNRESET, ENOTFOUND, ...) says most; undici's own codes come next.
  const main = causes.find((c) => /^E[A-Z]/.test(c.code)) ?? causes[0];
  const message = main?.message ?? (error instanceof Error ? error.message : String(error));
  return {
    reason: main && !message.includes(main.code) ? `${main.code} (${message})` : message,
    maybeProcessed: !causes.some((c) => NOT_SENT.has(c.code)),
    retryable: true,
  };
}

interface Cause {
  code: string;
  message: string;
}

/** Codes and messages along undici's `cause` chain (it wraps the socket error). */
function causeChain(error: unknown): Cause[] {
  const chain: Cause[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') chain.push({ code, message: typeof message === 'string' ? message : '' });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}
