// Issue 18's rules, unit by unit: patterns, keep lists, keys, prune, where the contract is strict,
// hosts without case, unknown services.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { parseUrlPattern } from '../src/plan/url-pattern.js';
import { looseUrl, sameUrl } from '../src/plan/same-url.js';
import { planDeletion } from '../src/plan/absent.js';
import { chooseSigningKey, hiddenKeysNote } from '../src/plan/keys.js';
import { planPrune } from '../src/plan/prune.js';
import { actsOn } from '../src/plan/acts-on.js';
import { findMatches } from '../src/plan/match.js';
import { parseInputs, InputError } from '../src/plan/inputs.js';
import { checkCreated, checkUpdated } from '../src/bird/contract.js';
import { connect } from '../src/bird/connect.js';
import { errorMessage } from '../src/bird/errors.js';
import type { Subscription } from '../src/bird/types.js';
import { BirdServer } from '../testbed/bird-server.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const URL_ = 'https://pr-7.preview.example.com/hook';
let n = 0;
const sub = (fields: Partial<Subscription> = {}): Subscription => ({
  id: `id-${++n}`,
  service: 'channels',
  event: 'sms.inbound',
  url: URL_,
  status: 'active',
  createdAt: `2026-01-0${(n % 9) + 1}T00:00:00Z`,
  ...fields,
});
const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const present = (extra: Record<string, string> = {}) =>
  parseInputs(read({ 'access-key': 'k', 'workspace-id': WS, service: 'channels', event: 'sms.inbound', url: URL_, ...extra }));

describe('url-pattern: in the host, * matches within one label', () => {
  test('*.example.com and pr-*.example.com never reach a deeper host', () => {
    const any = parseUrlPattern('https://*.example.com/**');
    expect(any.matches('https://preview.example.com/hook')).toBe(true);
    expect(any.matches('https://eu.api.example.com/hook')).toBe(false);
    const pr = parseUrlPattern('https://pr-*.example.com/hook');
    expect(pr.matches('https://pr-12.example.com/hook')).toBe(true);
    expect(pr.matches('https://pr-api.internal.example.com/hook')).toBe(false);
    expect(pr.matches('https://pr-.example.com/hook')).toBe(false);
  });
  test('Codespaces hosts (app.github.dev) are shared: one literal label more is needed', () => {
    expect(() => parseUrlPattern('https://*.app.github.dev/**')).toThrow(/at least 4 literal labels/);
    expect(parseUrlPattern('https://my-space-*.my-team.app.github.dev/**').matches('https://my-space-1.my-team.app.github.dev/x')).toBe(true);
  });

  test('a host * stands for one or more letters, digits or dashes: never an empty label or an encoded character', () => {
    const any = parseUrlPattern('https://*.example.com/**');
    expect(any.matches('https://.example.com/x')).toBe(false);
    expect(any.matches('https://a%2eb.example.com/x')).toBe(false);
    expect(any.matches('https://a_b.example.com/x')).toBe(false);
    expect(any.matches('https://A-1.example.com/x')).toBe(true);
    const pr = parseUrlPattern('https://pr-*.preview.example.com/**');
    expect(pr.matches('https://pr-.preview.example.com/x')).toBe(false);
    expect(pr.matches('https://pr-1%2eapi.preview.example.com/x')).toBe(false);
    expect(pr.matches('https://pr-12.preview.example.com/x')).toBe(true);
  });

  test('two labels need two stars; paths keep * and ** as before', () => {
    expect(parseUrlPattern('https://*.*.example.com/x').matches('https://eu.api.example.com/x')).toBe(true);
    expect(parseUrlPattern('https://a.example.com/*/x').matches('https://a.example.com/b/c/x')).toBe(false);
    expect(parseUrlPattern('https://a.example.com/**/x').matches('https://a.example.com/b/c/x')).toBe(true);
  });
  test('** in the host is refused, and the message says what * means there', () => {
    expect(() => parseUrlPattern('https://**.preview.example.com/x')).toThrow(/must not use '\*\*' in the host .*'\*' matches within one label/);
  });
});

describe('URL spellings', () => {
  test('sameUrl: scheme and host without case, the rest exact', () => {
    expect(sameUrl('https://Hooks.Example.COM/Path', 'HTTPS://hooks.example.com/Path')).toBe(true);
    expect(sameUrl('https://hooks.example.com/Path', 'https://hooks.example.com/path')).toBe(false);
    expect(sameUrl('https://hooks.example.com/p/', 'https://hooks.example.com/p')).toBe(false);
  });
  test.each([
    ['trailing slash', 'https://a.example.com/hook/'],
    ['letter case', 'HTTPS://A.Example.com/Hook'],
    ['default port', 'https://a.example.com:443/hook'],
    ['query order', 'https://a.example.com/hook?b=2&a=1'],
  ])('looseUrl: %s is the same URL', (_, other) => {
    const base = other.includes('?') ? 'https://a.example.com/hook?a=1&b=2' : 'https://a.example.com/hook';
    expect(looseUrl(other)).toBe(looseUrl(base));
  });
  test('looseUrl: another port, path or value is another URL', () => {
    expect(looseUrl('https://a.example.com:8443/hook')).not.toBe(looseUrl('https://a.example.com/hook'));
    expect(looseUrl('https://a.example.com/hook2')).not.toBe(looseUrl('https://a.example.com/hook'));
    expect(looseUrl('https://a.example.com/hook?a=2')).not.toBe(looseUrl('https://a.example.com/hook?a=1'));
  });
});

describe('keep-urls in a sweep', () => {
  const all = [
    sub({ id: 'p1', url: 'https://pr-1.preview.example.com/hook' }),
    sub({ id: 'p2', url: 'https://pr-2.preview.example.com/Hook' }),
    sub({ id: 'p3', url: 'https://pr-3.preview.example.com/hook' }),
  ];
  const sweep = (keep: string) =>
    parseInputs(read({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'url-pattern': 'https://pr-*.preview.example.com/**', 'keep-urls': keep }));

  test('an entry spelt differently keeps the subscription, with a warning naming both spellings', () => {
    const plan = planDeletion(all, sweep('https://pr-1.preview.example.com:443/hook/\nhttps://PR-2.preview.example.com/hook'));
    expect(plan.targets.map((s) => s.id)).toEqual(['p3']);
    expect(plan.warnings).toEqual([
      expect.stringContaining("Keeping https://pr-1.preview.example.com/hook: keep-urls lists it as 'https://pr-1.preview.example.com:443/hook/'"),
      expect.stringContaining("Keeping https://pr-2.preview.example.com/Hook: keep-urls lists it as 'https://PR-2.preview.example.com/hook'"),
    ]);
  });
  test('an entry spelt exactly as the subscription keeps silently; host case alone is warned about', () => {
    expect(planDeletion(all, sweep('https://pr-1.preview.example.com/hook')).warnings).toEqual([]);
    const plan = planDeletion(all, sweep('https://PR-1.preview.example.com/hook'));
    expect(plan.targets.map((s) => s.id)).toEqual(['p2', 'p3']);
    expect(plan.warnings).toEqual([expect.stringContaining("Keeping https://pr-1.preview.example.com/hook: keep-urls lists it as 'https://PR-1.preview.example.com/hook'")]);
  });
  test('an entry that matches no subscription is warned about, saying why', () => {
    const plan = planDeletion(all, sweep('https://pr-9.preview.example.com/hook\nhttps://prod.example.com/hook'));
    expect(plan.targets).toHaveLength(3);
    expect(plan.warnings).toEqual([
      "Input 'keep-urls' lists 'https://pr-9.preview.example.com/hook', which keeps nothing: no subscription that url-pattern matches has this URL; check its spelling",
      "Input 'keep-urls' lists 'https://prod.example.com/hook', which keeps nothing: url-pattern does not match it; check its spelling",
    ]);
  });
});

describe('the key rule', () => {
  const never = () => {
    throw new Error('must not derive');
  };
  const inputs = { url: URL_ };
  test('1. signing-key if given', () => {
    expect(chooseSigningKey({ ...inputs, signingKey: 'given-key', signingKeySeed: 'seed' }, [sub({ signingKey: 'shown-key' })], [], never)).toEqual({ key: 'given-key', source: 'signing-key' });
  });
  test('2. else with a seed, the seed-derived key, even over a key Bird shows', () => {
    const target = sub({ signingKey: 'shown-key' });
    expect(chooseSigningKey({ ...inputs, signingKeySeed: 'seed' }, [target], [target], () => 'seeded')).toEqual({ key: 'seeded', source: 'signing-key-seed' });
  });
  test('3. else a key shown on a target, then on any subscription of the same URL (any event, host in any case)', () => {
    const target = sub({ signingKey: 'target-key' });
    const sibling = sub({ event: 'sms.outbound', url: 'https://PR-7.preview.example.com/hook', signingKey: 'sibling-key' });
    expect(chooseSigningKey(inputs, [sibling, target], [target], never).key).toBe('target-key');
    expect(chooseSigningKey(inputs, [sibling], [undefined], never)).toEqual({ key: 'sibling-key', source: 'shown' });
    const other = sub({ url: 'https://pr-8.preview.example.com/hook', signingKey: 'other-key' });
    expect(chooseSigningKey(inputs, [other], [undefined], () => 'derived').key).toBe('derived');
  });
  test('3. the oldest sibling wins, so every run picks the same', () => {
    const young = sub({ event: 'a', signingKey: 'young-key', createdAt: '2026-02-01T00:00:00Z' });
    const old = sub({ event: 'b', signingKey: 'old-key-1', createdAt: '2026-01-01T00:00:00Z' });
    expect(chooseSigningKey(inputs, [young, old], [undefined], never).key).toBe('old-key-1');
  });
  test('two different keys on the step’s own subscriptions are refused', () => {
    const a = sub({ id: 'a', signingKey: 'key-one-1' });
    const b = sub({ id: 'b', event: 'sms.outbound', signingKey: 'key-two-2' });
    expect(() => chooseSigningKey(inputs, [a, b], [a, b], never)).toThrow(/show different signing keys \(a for sms\.inbound, b for sms\.outbound\)/);
  });
  test('4. else the key derived from the access key', () => {
    expect(chooseSigningKey(inputs, [sub()], [undefined], () => 'derived')).toEqual({ key: 'derived', source: 'access-key' });
  });
  test('the hidden-keys note: only where the list shows no key and the key comes from the access key', () => {
    const hidden = [sub()];
    expect(hiddenKeysNote(hidden, { key: 'k', source: 'access-key' })).toMatch(/no signing-key-seed is set.*Set signing-key-seed/);
    expect(hiddenKeysNote(hidden, { key: 'k', source: 'signing-key-seed' })).toBeUndefined();
    expect(hiddenKeysNote([sub({ signingKey: 'shown-key' })], { key: 'k', source: 'access-key' })).toBeUndefined();
    expect(hiddenKeysNote([], { key: 'k', source: 'access-key' })).toBeUndefined();
  });
});

describe('prune', () => {
  test('planPrune: same URL (host in any case), service and filters, event not requested; oldest first', () => {
    const dropped = sub({ id: 'dropped', event: 'sms.outbound', url: 'https://PR-7.preview.example.com/hook', createdAt: '2026-01-02T00:00:00Z' });
    const older = sub({ id: 'older', event: 'whatsapp.inbound', createdAt: '2026-01-01T00:00:00Z' });
    const all = [
      sub({ id: 'kept' }),
      dropped,
      older,
      sub({ id: 'other-service', service: 'numbers', event: 'x' }),
      sub({ id: 'other-filters', event: 'y', eventFilters: [{ key: 'channelId', value: '1' }] }),
      sub({ id: 'other-url', event: 'z', url: 'https://pr-8.preview.example.com/hook' }),
    ];
    expect(planPrune(all, present()).map((s) => s.id)).toEqual(['older', 'dropped']);
  });
  test('the input: a boolean, only with state: present', () => {
    expect(present().prune).toBe(false);
    expect(present({ prune: 'true' }).prune).toBe(true);
    let error: unknown;
    try {
      parseInputs(read({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'subscription-id': '852883af-5f68-4204-b611-7ee8db9600f4', prune: 'true' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('prune');
  });
});

describe('where the contract is strict: entries the step acts on', () => {
  // Parsed in each test, not at load: a mutant of the parser must fail these tests, not the file.
  const inputs = () => present({ 'url-pattern': 'https://pr-*.preview.example.com/**' });
  test.each([
    ['the same URL, host in another case', { url: 'https://PR-7.preview.example.com/hook', template: {} }, true],
    ['a URL url-pattern matches', { url: 'https://pr-9.preview.example.com/x', createdAt: 5 }, true],
    ['one counted against the same limit', { url: 'https://elsewhere.example.org/x', service: 'channels', event: 'sms.inbound', createdAt: 5 }, true],
    ['another team’s, with a template object', { url: 'https://other.example.org/x', service: 'channels', event: 'sms.outbound', template: {} }, false],
    ['an empty url in another combination', { url: '', service: 'numbers', event: 'x' }, false],
    ['a numeric filter value', { url: 'https://other.example.org/x', service: 'channels', event: 'sms.inbound', eventFilters: [{ key: 'a', value: 1 }] }, false],
    ['not an object', 'junk', false],
  ])('%s: %p', (_, entry, expected) => {
    expect(actsOn(entry, inputs())).toBe(expected);
  });

  let bird: BirdServer;
  beforeEach(async () => {
    bird = await BirdServer.start();
  });
  afterEach(async () => {
    await bird.close();
  });
  test('listAll skips what need not fit (with a debug line) and fails on what must', async () => {
    bird.seed({ service: 'channels', event: 'sms.outbound', url: 'https://other.example.org/x', template: { id: 1 } as never });
    const good = bird.seed({ service: 'channels', event: 'sms.inbound', url: URL_ });
    const debug: string[] = [];
    const client = connect(
      { apiUrl: new URL(bird.url), accessKey: bird.accessKey, workspaceId: bird.workspaceId, maxAttempts: 1, timeoutMs: 5000, debug: (m) => debug.push(m), mustFit: (e) => actsOn(e, inputs()) },
      () => {},
    );
    expect((await client.listAll()).map((s) => s.id)).toEqual([good.id]);
    expect(debug.filter((l) => l.startsWith('Skipped'))).toEqual([
      "Skipped an entry of the list that does not fit Bird's contract (results[0].template is an object, not a string); this step does not act on it",
    ]);
    bird.seed({ service: 'channels', event: 'sms.inbound', url: 'https://pr-9.preview.example.com/x', createdAt: 5 as never });
    const failure = await client.listAll().then(() => '', errorMessage);
    expect(failure).toMatch(/^Unexpected answer from Bird to GET .*: results\[2\]\.createdAt is a number, not a string/);
  });
});

describe('hosts without case', () => {
  test('matching and adoption', () => {
    const stored = sub({ url: 'https://pr-7.preview.example.com/hook' });
    expect(findMatches([stored], { service: 'channels', event: 'sms.inbound', url: 'https://PR-7.Preview.Example.com/hook' })).toEqual([stored]);
    expect(findMatches([stored], { service: 'channels', event: 'sms.inbound', url: 'https://pr-7.preview.example.com/Hook' })).toEqual([]);
  });
  test('answers to a create and a PATCH', () => {
    const asked = { service: 'channels', event: 'sms.inbound', url: 'https://PR-7.Preview.Example.com/hook', signingKey: 'key-12345' };
    expect(checkCreated(sub({ url: 'https://pr-7.preview.example.com/hook' }), asked)).toBeUndefined();
    expect(checkCreated(sub({ url: 'https://pr-7.preview.example.com/Hook' }), asked)).toMatch(/has url/);
    const before = sub({ url: 'https://PR-7.preview.example.com/hook' });
    expect(checkUpdated({ ...before, url: 'https://pr-7.preview.example.com/hook' }, before, {})).toBeUndefined();
  });
});
