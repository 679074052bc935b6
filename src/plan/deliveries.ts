// check-deliveries, the pure part: the window input, and the counting of Bird's delivery log
// entries (GET …/webhook-subscriptions/{id}/logs). Every field of an entry is outside text: it is
// read loosely, capped and shown through shown(); no entry can make the tally grow without bound.
import { InputError } from './input-error.js';
import { shown } from '../text.js';

export const CHECK_DELIVERIES_MODES = ['off', 'warn', 'fail'] as const;
export type CheckDeliveries = (typeof CHECK_DELIVERIES_MODES)[number];

export const DEFAULT_WINDOW = '24h';
/** Bird keeps a subscription's log for seven days: a longer window would read nothing more. */
export const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Entries a log page holds (Bird's maximum) and the pages read per subscription at most. */
export const LOG_PAGE_SIZE = 100;
export const MAX_LOG_PAGES = 10;
/** Failures whose request IDs the summary lists, newest first. */
export const RECENT_FAILURES = 5;
/** Distinct (executionStatus, code) groups kept per subscription; the rest are counted under one. */
export const MAX_GROUPS = 20;
/** A createdAt this far ahead of the runner's clock still counts (clock skew); further is not believed. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How much of a text field an entry may show. */
export const FIELD_LENGTH = 64;

export interface DeliveryWindow {
  /** As given, for messages: `24h`. */
  text: string;
  ms: number;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `6h`, `2d`: a whole number of minutes, hours or days, from 1 minute to 7 days. */
export function parseWindow(text: string): DeliveryWindow {
  const value = text.trim() || DEFAULT_WINDOW;
  const m = /^([0-9]{1,6})([mhd])$/.exec(value);
  if (!m) {
    throw new InputError('deliveries-window', `must be a whole number of minutes, hours or days such as 30m, 6h or 2d; got '${shown(value, 40)}'`);
  }
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms < 1) throw new InputError('deliveries-window', `must be at least 1m; got '${value}'`);
  if (ms > MAX_WINDOW_MS) throw new InputError('deliveries-window', `must be at most 7d (Bird keeps delivery logs for seven days); got '${value}'`);
  return { text: value, ms };
}

/** One failed delivery as the summary lists it; every field already shown(). */
export interface FailureSample {
  requestId: string;
  at: string;
  executionStatus: string;
  code: string;
}

/** What the log of one subscription says about the window. */
export interface Tally {
  delivered: number;
  failed: number;
  /** Not delivered, by HTTP status code (`401`), `no code` or `invalid code`. */
  byStatus: Record<string, number>;
  /** Not delivered, by `executionStatus / code` as Bird gives them (shown()), at most MAX_GROUPS + 1 keys. */
  groups: Record<string, number>;
  /** ISO time of the newest failure in the window; null when none. */
  newestFailureAt: string | null;
  /** The newest failures (at most RECENT_FAILURES), newest first. */
  recent: FailureSample[];
  /** Entries left out: not an object, or a createdAt that cannot be read or lies in the future. */
  skipped: number;
}

export function emptyTally(): Tally {
  return { delivered: 0, failed: 0, byStatus: {}, groups: {}, newestFailureAt: null, recent: [], skipped: 0 };
}

/** What a page added, and whether reading should go on. */
export interface PageCount {
  /** An entry older than the window was on this page: the log is newest first, so nothing later counts. */
  reachedEnd: boolean;
}

/** The request IDs already counted for one subscription: paging while Bird writes may repeat an entry. */
export type SeenIds = Set<string>;

/**
 * Counts one page of log entries into `tally`. `since`/`now` bound the window (ms). An entry whose
 * executionStatus is `succeeded` (any case) was delivered; any other value, or none, was not.
 */
export function countPage(tally: Tally, entries: readonly unknown[], since: number, now: number, seen: SeenIds = new Set()): PageCount {
  let reachedEnd = false;
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      tally.skipped++;
      continue;
    }
    const fields = entry as Record<string, unknown>;
    const at = readTime(fields.createdAt);
    if (at === undefined || at > now + CLOCK_SKEW_MS) {
      tally.skipped++;
      continue;
    }
    if (at < since) {
      reachedEnd = true;
      continue;
    }
    const requestId = typeof fields.requestId === 'string' && fields.requestId !== '' ? fields.requestId : undefined;
    if (requestId !== undefined) {
      // Only a bounded key is remembered, so a hostile ID cannot hold megabytes.
      const key = requestId.slice(0, 200);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (isSucceeded(fields.executionStatus)) {
      tally.delivered++;
      continue;
    }
    tally.failed++;
    const code = readCode(fields.httpStatusCode);
    tally.byStatus[code] = (tally.byStatus[code] ?? 0) + 1;
    const status = describeStatus(fields.executionStatus);
    let group = `${status} / ${code}`;
    if (!(group in tally.groups) && Object.keys(tally.groups).length >= MAX_GROUPS) group = 'other';
    tally.groups[group] = (tally.groups[group] ?? 0) + 1;
    const iso = new Date(at).toISOString();
    if (tally.newestFailureAt === null || iso > tally.newestFailureAt) tally.newestFailureAt = iso;
    addRecent(tally.recent, { requestId: requestId === undefined ? '-' : shown(requestId, FIELD_LENGTH), at: iso, executionStatus: status, code });
  }
  return { reachedEnd };
}

/** Keeps the newest RECENT_FAILURES, newest first, whatever order the pages came in. */
function addRecent(recent: FailureSample[], sample: FailureSample): void {
  const at = recent.findIndex((r) => r.at < sample.at);
  recent.splice(at < 0 ? recent.length : at, 0, sample);
  if (recent.length > RECENT_FAILURES) recent.length = RECENT_FAILURES;
}

export function isSucceeded(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'succeeded';
}

/** An ISO 8601 date-time (as Bird's schema says) in ms; anything else is unreadable. */
export function readTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** An HTTP status from 100 to 599 as text; `no code` when absent, `invalid code` for anything else. */
export function readCode(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'no code';
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? String(n) : 'invalid code';
}

/** executionStatus as Bird gives it (values besides `succeeded` are undocumented), capped and escaped. */
export function describeStatus(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value !== 'string') return `(${typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : typeof value})`;
  return shown(value, FIELD_LENGTH);
}

/** `3 not delivered (HTTP 401 ×2, no code ×1)`: the codes, most frequent first. */
export function describeFailures(tally: Pick<Tally, 'failed' | 'byStatus'>): string {
  const codes = Object.entries(tally.byStatus)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${/^\d+$/.test(code) ? `HTTP ${code}` : code} ×${n}`)
    .join(', ');
  return `${tally.failed} not delivered (${codes})`;
}
