// check-deliveries, the pure part (src/plan/deliveries.ts; issue 27): the window input, and how
// Bird's delivery log entries are counted, whatever their fields hold.
import { describe, expect, test } from '@jest/globals';
import {
  CLOCK_SKEW_MS,
  countPage,
  describeFailures,
  describeStatus,
  emptyTally,
  MAX_GROUPS,
  parseWindow,
  readCode,
  readTime,
  RECENT_FAILURES,
} from '../src/plan/deliveries.js';
import { parseInputs } from '../src/plan/inputs.js';
import { errorOf } from './support/input-error.js';

describe('deliveries-window', () => {
  test.each([
    ['30m', 30 * 60_000],
    ['1m', 60_000],
    ['6h', 6 * 3_600_000],
    ['24h', 24 * 3_600_000],
    ['2d', 2 * 86_400_000],
    ['7d', 7 * 86_400_000],
    ['168h', 7 * 86_400_000],
    ['10080m', 7 * 86_400_000],
    [' 6h ', 6 * 3_600_000],
  ])('%j is %i ms', (text, ms) => {
    expect(parseWindow(text).ms).toBe(ms);
  });

  test('empty is the default, 24h', () => {
    expect(parseWindow('')).toEqual({ text: '24h', ms: 24 * 3_600_000 });
  });

  test.each(['8d', '169h', '10081m', '0m', '0d', '1.5h', '1w', '24', 'h', '-1h', '24H', '1 h', '1e3m', '2d3h', '９h', '1000000m'])('%j is refused naming the input', (text) => {
    const error = errorOf(() => parseWindow(text));
    expect(error.input).toBe('deliveries-window');
  });

  test('the refusal says what is allowed', () => {
    expect(errorOf(() => parseWindow('8d')).message).toBe("Input 'deliveries-window' must be at most 7d (Bird keeps delivery logs for seven days); got '8d'");
    expect(errorOf(() => parseWindow('1w')).message).toBe(
      "Input 'deliveries-window' must be a whole number of minutes, hours or days such as 30m, 6h or 2d; got '1w'",
    );
    expect(errorOf(() => parseWindow('0m')).message).toBe("Input 'deliveries-window' must be at least 1m; got '0m'");
  });

  test('a hostile value is shown escaped', () => {
    expect(errorOf(() => parseWindow('1h\n::error::x')).message).toContain("got '1h\\n::error::x'");
  });

  const base: Record<string, string> = {
    'access-key': 'k-123456789',
    'workspace-id': 'b4e02c85-c6d2-4b15-8885-e09671799c61',
    service: 'channels',
    event: 'sms.outbound',
    url: 'https://example.com/hook',
  };
  const parse = (extra: Record<string, string>) => parseInputs((name) => extra[name] ?? base[name] ?? '');

  test('check-deliveries is off by default and takes warn and fail', () => {
    expect(parse({}).checkDeliveries).toBe('off');
    expect(parse({ 'check-deliveries': 'warn' }).checkDeliveries).toBe('warn');
    expect(parse({ 'check-deliveries': 'fail' }).checkDeliveries).toBe('fail');
    expect(errorOf(() => parse({ 'check-deliveries': 'yes' })).input).toBe('check-deliveries');
  });

  test('the window is checked even with check-deliveries off (before any request)', () => {
    expect(errorOf(() => parse({ 'deliveries-window': '9d' })).input).toBe('deliveries-window');
    expect(parse({ 'deliveries-window': '2d' }).deliveriesWindow).toEqual({ text: '2d', ms: 2 * 86_400_000 });
  });
});

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const HOUR = 3_600_000;
const SINCE = NOW - 24 * HOUR;
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR).toISOString();
const entry = (hoursAgo: number, executionStatus: unknown, httpStatusCode: unknown, requestId: unknown = `r-${hoursAgo}-${String(executionStatus)}`) => ({
  requestId,
  attemptCount: 1,
  httpStatusCode,
  executionStatus,
  createdAt: at(hoursAgo),
});

describe('counting a page', () => {
  test('succeeded in any case is delivered; every other value is not, grouped by status and code', () => {
    const tally = emptyTally();
    countPage(
      tally,
      [entry(1, 'succeeded', 200), entry(2, 'SUCCEEDED', 204), entry(3, 'failed', 401), entry(4, 'failed', 401), entry(5, 'exhausted', 500), entry(6, 'pending', undefined)],
      SINCE,
      NOW,
    );
    expect(tally.delivered).toBe(2);
    expect(tally.failed).toBe(4);
    expect(tally.byStatus).toEqual({ '401': 2, '500': 1, 'no code': 1 });
    expect(tally.groups).toEqual({ 'failed / 401': 2, 'exhausted / 500': 1, 'pending / no code': 1 });
    expect(tally.newestFailureAt).toBe(at(3));
    expect(tally.recent.map((r) => r.requestId)).toEqual(['r-3-failed', 'r-4-failed', 'r-5-exhausted', 'r-6-pending']);
    expect(describeFailures(tally)).toBe('4 not delivered (HTTP 401 ×2, HTTP 500 ×1, no code ×1)');
  });

  test('an entry older than the window is left out and ends the reading; one inside the window on the same page still counts', () => {
    const tally = emptyTally();
    const page = countPage(tally, [entry(1, 'failed', 500), entry(25, 'failed', 500), entry(23, 'failed', 502)], SINCE, NOW);
    expect(page.reachedEnd).toBe(true);
    expect(tally.byStatus).toEqual({ '500': 1, '502': 1 });
    expect(countPage(emptyTally(), [entry(23.9, 'failed', 500)], SINCE, NOW).reachedEnd).toBe(false);
  });

  test('the window edge: exactly `since` counts, a millisecond before does not', () => {
    const tally = emptyTally();
    countPage(tally, [{ executionStatus: 'failed', httpStatusCode: 500, createdAt: new Date(SINCE).toISOString() }], SINCE, NOW);
    expect(tally.failed).toBe(1);
    const older = emptyTally();
    expect(countPage(older, [{ executionStatus: 'failed', httpStatusCode: 500, createdAt: new Date(SINCE - 1).toISOString() }], SINCE, NOW).reachedEnd).toBe(true);
    expect(older.failed).toBe(0);
  });

  test('entries without a readable createdAt, or far in the future, or not objects are left out and counted as skipped', () => {
    const tally = emptyTally();
    const page = countPage(
      tally,
      [
        { executionStatus: 'failed', httpStatusCode: 500 },
        { executionStatus: 'failed', httpStatusCode: 500, createdAt: 'yesterday' },
        { executionStatus: 'failed', httpStatusCode: 500, createdAt: 1764676800000 },
        { executionStatus: 'failed', httpStatusCode: 500, createdAt: new Date(NOW + CLOCK_SKEW_MS + 1000).toISOString() },
        null,
        'failed',
        [entry(1, 'failed', 500)],
        42,
      ],
      SINCE,
      NOW,
    );
    expect(page.reachedEnd).toBe(false);
    expect(tally).toMatchObject({ delivered: 0, failed: 0, skipped: 8 });
    // A little ahead of the runner's clock is clock skew, and counts.
    const skew = emptyTally();
    countPage(skew, [{ executionStatus: 'failed', httpStatusCode: 500, createdAt: new Date(NOW + 60_000).toISOString() }], SINCE, NOW);
    expect(skew.failed).toBe(1);
  });

  test('an entry seen twice (paging while Bird writes) counts once; one without a request ID always counts', () => {
    const tally = emptyTally();
    const seen = new Set<string>();
    countPage(tally, [entry(1, 'failed', 500, 'a'), entry(2, 'failed', 500, 'b')], SINCE, NOW, seen);
    countPage(tally, [entry(2, 'failed', 500, 'b'), entry(3, 'failed', 500, null), entry(3, 'failed', 500, null)], SINCE, NOW, seen);
    expect(tally.failed).toBe(4);
  });

  test('only the newest few failures are kept for the summary, newest first, whatever order they came in', () => {
    const tally = emptyTally();
    const hours = [9, 2, 7, 1, 8, 3, 6, 4, 5];
    countPage(tally, hours.map((h) => entry(h, 'failed', 500, `id-${h}`)), SINCE, NOW);
    expect(tally.recent.map((r) => r.requestId)).toEqual(['id-1', 'id-2', 'id-3', 'id-4', 'id-5'].slice(0, RECENT_FAILURES));
    expect(tally.newestFailureAt).toBe(at(1));
  });
});

describe('untrusted fields', () => {
  test.each([
    [401, '401'],
    ['401', '401'],
    [100, '100'],
    [599, '599'],
    [600, 'invalid code'],
    [99, 'invalid code'],
    [401.5, 'invalid code'],
    [-401, 'invalid code'],
    [1e308, 'invalid code'],
    [Number.NaN, 'invalid code'],
    ['4010', 'invalid code'],
    ['<b>', 'invalid code'],
    [{ code: 401 }, 'invalid code'],
    [true, 'invalid code'],
    [undefined, 'no code'],
    [null, 'no code'],
    ['', 'no code'],
  ])('httpStatusCode %j is %j', (value, expected) => {
    expect(readCode(value)).toBe(expected);
  });

  test.each([
    ['2026-12-02T11:00:00Z', Date.parse('2026-12-02T11:00:00Z')],
    ['2026-12-02T11:00:00.123456789Z', Date.parse('2026-12-02T11:00:00.123Z')],
    ['2026-12-02T11:00:00+01:00', Date.parse('2026-12-02T10:00:00Z')],
    ['2026-12-02', undefined],
    ['Wed, 02 Dec 2026 11:00:00 GMT', undefined],
    ['2026-13-45T99:99:99Z', undefined],
    [1764673200000, undefined],
    [null, undefined],
    [`2026-12-02T11:00:00Z${' '.repeat(100)}`, undefined],
  ])('createdAt %j reads as %j', (value, expected) => {
    expect(readTime(value)).toBe(expected);
  });

  test('executionStatus of any type is shown safely and capped', () => {
    expect(describeStatus('failed')).toBe('failed');
    expect(describeStatus(undefined)).toBe('(none)');
    expect(describeStatus(7)).toBe('(number)');
    expect(describeStatus({ a: 1 })).toBe('(object)');
    expect(describeStatus(['x'])).toBe('(array)');
    expect(describeStatus('x\n::error::pwned')).toBe('x\\n::error::pwned');
    expect(describeStatus('y'.repeat(1000))).toMatch(/^y{64}… \(936 more characters not shown\)$/);
  });

  test('a hostile request ID is escaped and capped; a non-string one shows as -', () => {
    const tally = emptyTally();
    countPage(tally, [entry(1, 'failed', 500, `##[error]${'z'.repeat(500)}`), entry(2, 'failed', 500, { id: 1 })], SINCE, NOW);
    expect(tally.recent[0].requestId).toMatch(/^##\\\[error\]z{55}… \(\d+ more characters not shown\)$/);
    expect(tally.recent[1].requestId).toBe('-');
  });

  test('the groups stay bounded however many distinct statuses a log holds', () => {
    const tally = emptyTally();
    countPage(tally, Array.from({ length: 500 }, (_, i) => entry(1, `status-${i}`, 500, `id-${i}`)), SINCE, NOW);
    expect(Object.keys(tally.groups)).toHaveLength(MAX_GROUPS + 1);
    expect(tally.groups.other).toBe(500 - MAX_GROUPS);
    expect(tally.failed).toBe(500);
    expect(tally.byStatus).toEqual({ '500': 500 });
  });
});
