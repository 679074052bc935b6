// Errors the user sees: one line each, naming the request or input that caused them.
import { redact, shown } from '../text.js';

/** Bird's own error text (code, message, details) is cut to this many characters per message. */
export const ERROR_TEXT_LENGTH = 1024;
/** Any message as a whole; ours are far shorter, so only outside text can reach it. */
const MESSAGE_LENGTH = 4096;

/** Said wherever a create's outcome is unknown: Bird has no idempotency key, so the way back is to adopt it. */
export const MAY_HAVE_CREATED = 'the subscription may have been created: a re-run with if-exists: reuse adopts it';

/** Bird answered with an HTTP error status. */
export class BirdApiError extends Error {
  /** From a Retry-After header, when Bird sent one. */
  readonly retryAfterMs?: number;

  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
    options: { hint?: string; retryAfterMs?: number } = {},
  ) {
    super(formatApiError(status, method, path, body, options.hint));
    this.retryAfterMs = options.retryAfterMs;
    this.name = 'BirdApiError';
  }

  /** 429 means "not processed"; 5xx is worth another try. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }

  /** A 5xx may come after Bird did the work; a 429 never does. */
  get maybeProcessed(): boolean {
    return this.status >= 500;
  }
}

/** The request never got a complete answer (refused, reset, DNS, timeout). */
export class NetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: string,
    /** False only when the request certainly never reached Bird (connection refused, DNS failure). */
    readonly maybeProcessed: boolean,
    /** False for problems another attempt cannot fix, such as an untrusted certificate. */
    readonly retryable = true,
  ) {
    super(`${method} ${path} failed: ${reason}`);
    this.name = 'NetworkError';
  }
}

/** A 2xx whose body is not what Bird's contract promises; never taken as success. */
export class ResponseError extends Error {
  override name = 'ResponseError';
}

/** A failure with a message already fit for the user (e.g. if-exists: fail found a match). */
export class ActionError extends Error {
  override name = 'ActionError';
}

export function formatApiError(status: number, method: string, path: string, body: unknown, hint?: string): string {
  // Bird's text is outside text: one line, escaped, and short however long the answer was.
  const described = bounded(describeBody(body), ERROR_TEXT_LENGTH);
  const text = `Bird answered HTTP ${status} to ${method} ${path}${described ? `: ${described}` : ''}`;
  return hint ? `${text.replace(/\.$/, '')}. ${hint}` : text;
}

/** "code: message (.body.url: does not match ...; .body.event: ...)" from Bird's error envelope. */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body !== 'object') return 'response body is not JSON';
  const { code, message, details } = body as { code?: unknown; message?: unknown; details?: unknown };
  const head = [code, message].filter((v) => typeof v === 'string' && v !== '').join(': ');
  const detailText = formatDetails(details);
  if (head && detailText) return `${head} (${detailText})`;
  return head || detailText;
}

function formatDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .map(([field, value]) => `${field}: ${Array.isArray(value) ? value.map(String).join(', ') : String(value)}`)
    .join('; ');
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The message to show for any thrown value: ours are already one line; others lose their stack. */
export function errorMessage(error: unknown): string {
  return bounded(error instanceof Error ? error.message || error.name : String(error), MESSAGE_LENGTH);
}

/** One escaped line of at most `max` characters of `text`, saying how much was left out. */
export function bounded(text: string, max: number): string {
  // Secrets go first, over the whole text (bodies are capped at 10 MB; this is linear), before any
  // cut could leave a piece the runner's mask no longer recognises; then cut, since collapsing
  // whitespace in megabytes of hostile text would take long; then escape, and cut again, since
  // escaping can make the text several times longer.
  const head = redact(text);
  const line = shown(oneLine(head.length > max ? head.slice(0, max) : head), Infinity);
  if (text.length > max) return `${line.slice(0, max)}… (truncated: ${text.length - max} more characters not shown)`;
  return line.length > max ? `${line.slice(0, max)}… (truncated)` : line;
}
