// Pure parts of issue 10 and 13: url-pattern globs, Bird's limit of five, the present plan, events parsing.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { parseEvents, parseInputs } from '../src/plan/inputs.js';
import { FRESH_MS, isFresh, occupants, planRoom } from '../src/plan/limit.js';
import { fullMessage, planPresent, type PresentRequest } from '../src/plan/present.js';
import { parseUrlPattern, type UrlPattern } from '../src/plan/url-pattern.js';
import { selectForDeletion } from '../src/plan/absent.js';
import { errorOf } from './support/input-error.js';

// Parsed when a test first uses it, not at load time: a change that breaks parsing fails the tests
// that use the pattern, not the whole file.
const parsedOnUse = (text: string): UrlPattern => ({ text, matches: (url) => parseUrlPattern(text).matches(url) });

describe('url-pattern', () => {
  const p = parsedOnUse('https://pr-*.preview.shop.example.com/webhooks/bird');

  test('matches the whole URL, and only it', () => {
    expect(p.matches('https://pr-12.preview.shop.example.com/webhooks/bird')).toBe(true);
    expect(p.matches('https://pr-.preview.shop.example.com/webhooks/bird')).toBe(false);
    expect(p.matches('https://pr-12.preview.shop.example.com/webhooks/bird/')).toBe(false);
    expect(p.matches('https://pr-12.preview.shop.example.com/webhooks/birds')).toBe(false);
    expect(p.matches('xhttps://pr-12.preview.shop.example.com/webhooks/bird')).toBe(false);
    expect(p.matches('https://pr-12.preview.shop.example.com:8443/webhooks/bird')).toBe(false);
  });

  test('dots and ? are literal', () => {
    expect(p.matches('https://pr-1xpreview.shop.example.com/webhooks/bird')).toBe(false);
    const q = parseUrlPattern('https://a.example.com/hook?x=1');
    expect(q.matches('https://a.example.com/hook?x=1')).toBe(true);
    expect(q.matches('https://a.example.com/hookx=1')).toBe(false);
    expect(q.matches('https://a.example.com/hoo?x=1')).toBe(false);
  });

  test('* stops at /, ** does not', () => {
    const one = parseUrlPattern('https://preview.example.com/pr/*/hook');
    expect(one.matches('https://preview.example.com/pr/12/hook')).toBe(true);
    expect(one.matches('https://preview.example.com/pr/12/extra/hook')).toBe(false);
    const any = parseUrlPattern('https://preview.example.com/**');
    expect(any.matches('https://preview.example.com/pr/12/extra/hook')).toBe(true);
    expect(any.matches('https://preview.example.com')).toBe(false);
    expect(any.matches('https://preview.example.com.evil.io/x')).toBe(false);
  });

  test('scheme and host compare without case; a literal label under a shared suffix is enough', () => {
    const mixed = parseUrlPattern('HTTPS://PR-*.Preview.Example.com/Hook');
    expect(mixed.matches('https://pr-1.preview.example.com/Hook')).toBe(true);
    expect(mixed.matches('HTTPS://PR-1.PREVIEW.EXAMPLE.COM/Hook')).toBe(true);
    expect(mixed.matches('https://pr-1.preview.example.com/hook')).toBe(false);
    expect(parseUrlPattern('https://shop-pr-*.my-team.vercel.app/**').matches('https://shop-pr-3.my-team.vercel.app/x')).toBe(true);
  });

  test('a wildcard in the host cannot reach another host', () => {
    expect(p.matches('https://pr-1.evil.io#.preview.shop.example.com/webhooks/bird')).toBe(false);
    expect(p.matches('https://pr-1@evil.io/.preview.shop.example.com/webhooks/bird')).toBe(false);
    expect(p.matches('https://pr-1:x@evil.io.preview.shop.example.com/webhooks/bird')).toBe(false);
    const sub = parseUrlPattern('https://*.example.com/hook');
    // One label, as in a TLS certificate: never across a dot.
    expect(sub.matches('https://a.example.com/hook')).toBe(true);
    expect(sub.matches('https://a.b.example.com/hook')).toBe(false);
    expect(sub.matches('https://evil.io?.example.com/hook')).toBe(false);
  });

  test.each([
    ['http://pr-*.example.com/hook', 'must start with https://'],
    ['https://**', "must not use '**' in the host"],
    ['https://**.example.com/x', "must not use '**' in the host"],
    ['https://*.com/**', 'at least 2 literal labels'],
    ['https://*/**', 'at least 2 literal labels'],
    ['https://example.*/x', 'at least 2 literal labels'],
    ['https://example.c*m/x', 'at least 2 literal labels'],
    ['https://pr-*.example.com/a b', 'must not contain spaces'],
    ['https://*.vercel.app/**', "at least 3 literal labels such as 'my-team.vercel.app'"],
    ['https://pr-*.github.io/hook', 'at least 3 literal labels'],
    ['https://*.co.uk/**', 'at least 3 literal labels'],
    ['https://*.a.run.app/**', "at least 4 literal labels such as 'my-team.a.run.app'"],
    ['https://*.blob.core.windows.net/**', 'at least 5 literal labels'],
  ])('refuses %s', (text, message) => {
    const error = errorOf(() => parseUrlPattern(text));
    expect(error.input).toBe('url-pattern');
    expect(error.message).toContain(message);
  });
});

const sub = (id: string, url: string, createdAt: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  service: 'channels',
  event: 'sms.inbound',
  url,
  createdAt,
  status: 'active',
  ...extra,
});
const previews = (n: number) => Array.from({ length: n }, (_, i) => sub(`id-${i + 1}`, `https://pr-${i + 1}.preview.example.com/hook`, `2026-01-0${i + 1}T00:00:00Z`));
const pattern = parsedOnUse('https://pr-*.preview.example.com/hook');

describe("Bird's limit of five", () => {
  test('occupants share service, event and filters, whatever the URL, oldest first', () => {
    const all = [
      sub('b', 'https://x.example.com/1', '2026-01-02T00:00:00Z'),
      sub('a', 'https://y.example.com/2', '2026-01-01T00:00:00Z'),
      sub('c', 'https://x.example.com/1', '2026-01-03T00:00:00Z', { event: 'sms.outbound' }),
      sub('d', 'https://x.example.com/1', '2026-01-04T00:00:00Z', { eventFilters: [{ key: 'k', value: 'v' }] }),
      sub('e', 'https://x.example.com/1', '2026-01-05T00:00:00Z', { eventFilters: [] }),
    ];
    expect(occupants(all, { service: 'channels', event: 'sms.inbound', url: 'https://z.example.com/', eventFilters: undefined }).map((s) => s.id)).toEqual(['a', 'b', 'e']);
  });

  test('room below five; at five, fail names the occupants', () => {
    expect(planRoom(previews(4), 'evict-oldest', pattern)).toEqual({ full: false, evict: [] });
    const full = planRoom(previews(5), 'fail', pattern);
    expect(full).toEqual({ full: true, occupants: previews(5) });
  });

  test('evict-oldest takes the oldest occupant inside the pattern, never one outside', () => {
    const taken = [sub('prod', 'https://prod.example.com/hook', '2025-01-01T00:00:00Z'), ...previews(4)];
    expect(planRoom(taken, 'evict-oldest', pattern)).toMatchObject({ full: true, evict: [taken[1]] });
  });

  test('evict-oldest with nothing inside the pattern evicts nothing', () => {
    const taken = Array.from({ length: 5 }, (_, i) => sub(`o${i}`, `https://other-${i}.example.com/hook`, `2026-01-0${i + 1}T00:00:00Z`));
    expect(planRoom(taken, 'evict-oldest', pattern).evict).toBeUndefined();
  });

  test('over the limit (six found) evicts as many as it takes', () => {
    expect(planRoom(previews(6), 'evict-oldest', pattern).evict?.map((s) => s.id)).toEqual(['id-1', 'id-2']);
  });
});

describe('present plan', () => {
  const request: PresentRequest = {
    service: 'channels',
    events: ['sms.inbound', 'sms.outbound'],
    url: 'https://pr-9.preview.example.com/hook',
    ifExists: 'reuse',
    whenFull: 'fail',
    urlPattern: pattern,
  };

  test('one plan per event: reuse what matches, create the rest', () => {
    const mine = sub('mine', request.url, '2026-02-01T00:00:00Z', { event: 'sms.outbound' });
    const plans = planPresent([mine], request);
    expect(plans.map((p) => [p.event, p.target?.id, p.evict.length])).toEqual([
      ['sms.inbound', undefined, 0],
      ['sms.outbound', 'mine', 0],
    ]);
  });

  test('a full combination fails before any write, listing the occupants oldest first', () => {
    expect(() => planPresent(previews(5), request)).toThrow(
      "Bird allows at most 5 subscriptions for channels sms.inbound with no filters (same service, event and filters, whatever the URL); occupied by, oldest first: id-1 (https://pr-1.preview.example.com/hook), id-2",
    );
  });

  test('a reused subscription needs no room', () => {
    const all = [...previews(4), sub('mine', request.url, '2026-02-01T00:00:00Z')];
    expect(planPresent(all, { ...request, events: ['sms.inbound'] })[0].target?.id).toBe('mine');
  });

  test('evict-oldest plans the eviction', () => {
    expect(planPresent(previews(5), { ...request, whenFull: 'evict-oldest', events: ['sms.inbound'] })[0].evict.map((s) => s.id)).toEqual(['id-1']);
  });

  test('if-exists fail names the event and the match', () => {
    const mine = sub('mine', request.url, '2026-02-01T00:00:00Z', { event: 'sms.outbound' });
    expect(() => planPresent([mine], { ...request, ifExists: 'fail' })).toThrow(/A matching subscription already exists \(mine\) for channels sms.outbound/);
  });
});

describe('events input', () => {
  test('one a line; blank lines and surrounding spaces ignored; order kept', () => {
    expect(parseEvents('', '  sms.inbound \n\n whatsapp.inbound\r\nsms.outbound\n', true)).toEqual(['sms.inbound', 'whatsapp.inbound', 'sms.outbound']);
  });
  test('event alone is a set of one', () => {
    expect(parseEvents(' sms.inbound ', '', true)).toEqual(['sms.inbound']);
  });
  test('both, neither, duplicates and spaces inside are refused', () => {
    expect(errorOf(() => parseEvents('sms.inbound', 'sms.outbound', true)).message).toContain("Input 'events' cannot be combined with 'event'");
    expect(errorOf(() => parseEvents('', ' \n', true)).input).toBe('event');
    expect(errorOf(() => parseEvents('', 'sms.inbound\nsms.outbound\nsms.inbound', true)).message).toContain("lists 'sms.inbound' twice");
    expect(errorOf(() => parseEvents('', 'sms.inbound sms.outbound', true)).message).toContain('put one event a line');
  });
  test('not needed: none is fine', () => {
    expect(parseEvents('', '', false)).toEqual([]);
  });
});

describe('inputs for the limit, sweeps and dry runs', () => {
  const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
  const base: Record<string, string> = { 'access-key': 'k', 'workspace-id': WS, service: 'channels', event: 'sms.inbound', url: 'https://pr-1.preview.example.com/hook' };
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  test('evict-oldest needs url-pattern, and url must match it', () => {
    expect(errorOf(() => parseInputs(read({ ...base, 'when-full': 'evict-oldest' }))).input).toBe('when-full');
    expect(errorOf(() => parseInputs(read({ ...base, 'url-pattern': 'https://pr-*.other.example.com/hook' }))).input).toBe('url');
    expect(parseInputs(read({ ...base, 'when-full': 'evict-oldest', 'url-pattern': 'https://pr-*.preview.example.com/hook' })).whenFull).toBe('evict-oldest');
    expect(errorOf(() => parseInputs(read({ ...base, 'when-full': 'evict' }))).message).toContain('must be one of fail, evict-oldest');
  });

  test('a sweep needs no service, event or url; keep-urls only with a sweep', () => {
    const sweep = parseInputs(read({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'url-pattern': 'https://pr-*.preview.example.com/**', 'keep-urls': 'https://pr-1.preview.example.com/hook\n\n' }));
    expect(sweep).toMatchObject({ sweep: true, service: '', events: [], url: '', keepUrls: ['https://pr-1.preview.example.com/hook'] });
    expect(errorOf(() => parseInputs(read({ ...base, 'keep-urls': 'https://x.example.com/' }))).input).toBe('keep-urls');
    expect(parseInputs(read({ ...base, state: 'absent', 'url-pattern': 'https://pr-*.preview.example.com/**' })).sweep).toBe(false);
  });

  test('dry-run is a boolean', () => {
    expect(parseInputs(read({ ...base, 'dry-run': 'true' })).dryRun).toBe(true);
    expect(errorOf(() => parseInputs(read({ ...base, 'dry-run': 'maybe' }))).input).toBe('dry-run');
  });
});

describe('what a sweep deletes', () => {
  const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
  const all = [
    sub('p1', 'https://pr-1.preview.example.com/hook', '2026-01-03T00:00:00Z'),
    sub('p2', 'https://pr-2.preview.example.com/hook', '2026-01-01T00:00:00Z'),
    sub('p2o', 'https://pr-2.preview.example.com/hook', '2026-01-02T00:00:00Z', { event: 'sms.outbound' }),
    sub('p3f', 'https://pr-3.preview.example.com/hook', '2026-01-04T00:00:00Z', { eventFilters: [{ key: 'channelId', value: 'x' }] }),
    sub('prod', 'https://prod.example.com/hook', '2026-01-01T00:00:00Z'),
  ];
  const inputs = (extra: Record<string, string>) =>
    parseInputs((name) => ({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'url-pattern': 'https://pr-*.preview.example.com/hook', ...extra })[name] ?? '');

  test('keep-urls compare scheme and host without case, as url-pattern does', () => {
    expect(selectForDeletion(all, inputs({ 'keep-urls': 'HTTPS://PR-1.Preview.Example.com/hook' })).map((s) => s.id)).toEqual(['p2', 'p2o', 'p3f']);
  });

  test('everything the pattern matches but keep-urls, oldest first', () => {
    expect(selectForDeletion(all, inputs({ 'keep-urls': 'https://pr-1.preview.example.com/hook' })).map((s) => s.id)).toEqual(['p2', 'p2o', 'p3f']);
  });
  test('narrowed by service, events and filters', () => {
    expect(selectForDeletion(all, inputs({ event: 'sms.outbound' })).map((s) => s.id)).toEqual(['p2o']);
    expect(selectForDeletion(all, inputs({ events: 'sms.inbound' })).map((s) => s.id)).toEqual(['p2', 'p1', 'p3f']);
    expect(selectForDeletion(all, inputs({ 'event-filters': 'channelId=x' })).map((s) => s.id)).toEqual(['p3f']);
    expect(selectForDeletion(all, inputs({ service: 'numbers' }))).toEqual([]);
  });
});

describe('freshly created occupants', () => {
  const pattern = () => parseUrlPattern('https://pr-*.preview.shop.example.com/webhooks/bird');
  const at = (iso: string, n: number): Subscription =>
    ({ id: `00000000-0000-4000-8000-00000000000${n}`, service: 'channels', event: 'sms.inbound', url: `https://pr-${n}.preview.shop.example.com/webhooks/bird`, createdAt: iso }) as Subscription;
  const now = Date.parse('2026-06-01T12:00:00Z');

  test('one created less than FRESH_MS ago is never evicted; one exactly FRESH_MS old may be', () => {
    expect(isFresh(at(new Date(now - FRESH_MS + 1).toISOString(), 1), now)).toBe(true);
    expect(isFresh(at(new Date(now - FRESH_MS).toISOString(), 1), now)).toBe(false);
    expect(isFresh(at('not a date', 1), now)).toBe(false);
    expect(isFresh(at(new Date(now).toISOString(), 1), undefined)).toBe(false);
  });

  test('planPresent evicts the old preview and leaves a fresh one, refusing when only fresh ones would do', () => {
    const old = [1, 2, 3, 4].map((n) => at('2026-01-01T00:00:00Z', n));
    const fresh = at(new Date(now - 1000).toISOString(), 5);
    const request = { service: 'channels', events: ['sms.inbound'], url: 'https://pr-9.preview.shop.example.com/webhooks/bird', ifExists: 'reuse' as const, whenFull: 'evict-oldest' as const, urlPattern: pattern(), now };
    expect(planPresent([...old, fresh], request)[0].evict.map((s) => s.id)).toEqual([old[0].id]);
    const prod = [1, 2, 3, 4].map((n) => ({ ...at('2026-01-01T00:00:00Z', n), url: `https://prod-${n}.shop.example.com/webhooks/bird` }));
    expect(() => planPresent([...prod, fresh], request)).toThrow(/1 more matches but was created less than 5 minutes ago.*re-run once those deploys are done/);
  });
});

describe('freshness edge cases', () => {
  const sub = (createdAt: string): Subscription =>
    ({ id: '00000000-0000-4000-8000-000000000001', service: 'channels', event: 'sms.inbound', url: 'https://pr-1.preview.shop.example.com/webhooks/bird', createdAt }) as Subscription;
  const now = Date.parse('2026-06-01T12:00:00Z');

  test('a date more than FRESH_MS ahead of now is wrong, not fresh; a little ahead (clock skew) is fresh', () => {
    expect(isFresh(sub('2027-06-01T00:00:00Z'), now)).toBe(false);
    expect(isFresh(sub(new Date(now + 60_000).toISOString()), now)).toBe(true);
  });

  test("a race's refusal says how many matching occupants are too recent to evict", () => {
    const fresh = { ...sub(new Date(now - 1000).toISOString()) };
    const wanted = { service: 'channels', event: 'sms.inbound', url: 'https://pr-9.preview.shop.example.com/webhooks/bird' };
    const message = fullMessage(wanted, [fresh], { whenFull: 'evict-oldest', urlPattern: parseUrlPattern('https://pr-*.preview.shop.example.com/webhooks/bird'), now }, true);
    expect(message).toContain('re-run the step to make room again. 1 of the occupants matching url-pattern was created less than 5 minutes ago');
  });

  test('a * port matches digits only', () => {
    const p = parseUrlPattern('https://pr-*.preview.shop.example.com:*/hook');
    expect(p.matches('https://pr-1.preview.shop.example.com:8443/hook')).toBe(true);
    expect(p.matches('https://pr-1.preview.shop.example.com:abc/hook')).toBe(false);
  });
});
