// One HTTP exchange with Bird over undici: headers, per-request timeout, proxy, JSON.
// Retrying is the caller's business (retry.ts); this module only classifies what went wrong.
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { NetworkError } from './errors.js';

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
}

// Connection failures where the request cannot have reached Bird, so repeating it is harmless.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// Certificate problems fail the handshake, before anything is sent, and do not heal by retrying.
const TLS_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|^ERR_TLS_|^ERR_SSL_/;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** A proxy-aware dispatcher only when a proxy is configured; otherwise a direct connection. */
export function createDispatcher(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  return PROXY_VARIABLES.some((name) => env[name]) ? new EnvHttpProxyAgent() : new Agent();
}

export function createTransport(options: TransportOptions): Send {
  const dispatcher = createDispatcher(options.env);
  const basePath = options.baseUrl.pathname.replace(/\/+$/, '');
  const headers = {
    authorization: `AccessKey ${options.accessKey}`,
    accept: 'application/json',
    'user-agent': options.userAgent,
  };

  return async ({ method, path, query, body }) => {
    const url = new URL(basePath + path, options.baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const res = await request(url, {
        method,
        dispatcher,
        signal,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
    } catch (error) {
      if (signal.aborted) {
        throw new NetworkError(method, path, `no complete response within ${options.timeoutMs / 1000} s`, true);
      }
      const { reason, maybeProcessed, retryable } = classifyNetworkError(error);
      throw new NetworkError(method, path, reason, maybeProcessed, retryable);
    }
  };
}

export interface NetworkProblem {
  reason: string;
  maybeProcessed: boolean;
  retryable: boolean;
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

/** Codes and messages along undici's `cause` chain (it wraps the socket error). */
function causeChain(error: unknown): { code: string; message: string }[] {
  const chain: { code: string; message: string }[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') chain.push({ code, message: typeof message === 'string' ? message : '' });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}
