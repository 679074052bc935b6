// Errors the user sees: one line each, naming the request or input that caused them.

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
  const described = describeBody(body);
  const text = `Bird answered HTTP ${status} to ${method} ${path}${described ? `: ${described}` : ''}`;
  return oneLine(hint ? `${text.replace(/\.$/, '')}. ${hint}` : text);
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
  if (error instanceof Error) return oneLine(error.message || error.name);
  return oneLine(String(error));
}
