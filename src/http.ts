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
      const codes = errorCodes(error);
      throw new NetworkError(method, path, describeNetworkError(error, codes), !codes.some((c) => NOT_SENT.has(c)));
    }
  };
}

/** The error codes along undici's `cause` chain (it wraps the socket error). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function describeNetworkError(error: unknown, codes: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = codes.find((c) => /^E[A-Z]/.test(c)) ?? codes[0];
  return code && !message.includes(code) ? `${code} (${message})` : message;
}
