// Retries with exponential backoff and full jitter. The loop is pure apart from the injected sleep.
import { errorMessage } from './errors.js';

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff ceiling; doubles each retry up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After is honoured up to this long, so a step cannot be parked for hours. */
  maxRetryAfterMs: number;
  random: () => number;
  /** Waits `ms`; a `signal` that aborts ends the wait early. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: (message: string) => void;
}

export const DEFAULT_BASE_DELAY_MS = 1000;
export const DEFAULT_MAX_DELAY_MS = 10_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;

/** What an attempt throws when another attempt may succeed. */
export interface Retryable {
  retryable: boolean;
  /** The request may have taken effect even though no success came back. */
  maybeProcessed: boolean;
  retryAfterMs?: number;
}

export function isRetryable(error: unknown): error is Error & Retryable {
  return error instanceof Error && (error as Partial<Retryable>).retryable === true;
}

export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'>, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.round(policy.random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export class RetriesExhaustedError extends Error {
  override name = 'RetriesExhaustedError';
}

/**
 * Runs `attempt` until it succeeds, throws something not retryable, or attempts run out.
 * After a failure that may have taken effect, `recover` looks for that effect (e.g. the
 * subscription a lost POST created) before anything is sent again; what it finds is the result.
 */
export async function withRetries<T>(
  label: string,
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  recover?: () => Promise<T | undefined>,
): Promise<T> {
  let last: (Error & Retryable) | undefined;
  for (let n = 1; n <= policy.maxAttempts; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      last = error;
    }
    const more = n < policy.maxAttempts;
    if (!more && !(recover && last.maybeProcessed)) break;
    const delay = backoffDelay(n, policy, last.retryAfterMs);
    policy.log(
      more
        ? `${errorMessage(last)}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${n + 1} of ${policy.maxAttempts})`
        : `${errorMessage(last)}; checking in ${(delay / 1000).toFixed(1)} s whether it took effect`,
    );
    await policy.sleep(delay);
    if (recover && last.maybeProcessed) {
      const found = await recover();
      if (found !== undefined) return found;
    }
  }
  const attempts = policy.maxAttempts === 1 ? '1 attempt' : `${policy.maxAttempts} attempts`;
  throw new RetriesExhaustedError(`${label} failed after ${attempts}; last error: ${withoutRequest(errorMessage(last), label)}`);
}

/** The last error without the request it names, which the summary line names already. */
export function withoutRequest(message: string, label: string): string {
  if (message.startsWith(`${label} failed: `)) return message.slice(label.length + ' failed: '.length);
  return message.replace(` to ${label}`, '');
}
