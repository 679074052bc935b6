// Rules of `state: present` (src/plan/present.ts) that no other unit test pins (issue 22, phase 2):
// if-exists create and fail, re-planning after Bird's refusal, and what the limit's refusal says.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { fullMessage, planPresent, replanAfterRefusal, type PresentRequest } from '../src/plan/present.js';
import type { UrlPattern } from '../src/plan/url-pattern.js';

const URL_ = 'https://pr-7.preview.example.com/hook';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const sub = (id: string, url: string, createdAt: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  service: 'channels',
  event: 'sms.inbound',
  url,
  createdAt,
  status: 'active',
  ...extra,
});
const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T00:00:00Z`;
/** Minutes before NOW. */
const ago = (minutes: number) => new Date(NOW - minutes * 60000).toISOString();
/** A stand-in for url-pattern: ours are the preview hosts. */
const previews: UrlPattern = { text: 'https://pr-*.preview.example.com/hook', matches: (url) => /^https:\/\/pr-\d+\.preview\.example\.com\/hook$/.test(url) };
const preview = (n: number, createdAt: string) => sub(`pr-${n}`, `https://pr-${n}.preview.example.com/hook`, createdAt);
const other = (n: number, createdAt: string) => sub(`other-${n}`, `https://team-${n}.example.org/hook`, createdAt);
const request = (extra: Partial<PresentRequest> = {}): PresentRequest => ({
  service: 'channels',
  events: ['sms.inbound'],
  url: URL_,
  ifExists: 'reuse',
  whenFull: 'fail',
  ...extra,
});

describe('if-exists', () => {
  test('reuse: the oldest match is the target, its copies are deleted, nothing is evicted', () => {
    const all = [sub('newer', URL_, day(3)), sub('older', URL_, day(1))];
    const [plan] = planPresent(all, request());
    expect(plan.target?.id).toBe('older');
    expect(plan.others.map((s) => s.id)).toEqual(['newer']);
    expect(plan.evict).toEqual([]);
  });

  test('create: a match is left alone and a new subscription is planned', () => {
    const [plan] = planPresent([sub('old', URL_, day(1))], request({ ifExists: 'create' }));
    expect(plan.target).toBeUndefined();
    expect(plan.others).toEqual([]);
    expect(plan.evict).toEqual([]);
  });

  test('fail: the refusal names every match and the subscription asked for', () => {
    const all = [sub('b', URL_, day(2)), sub('a', URL_, day(1))];
    expect(() => planPresent(all, request({ ifExists: 'fail' }))).toThrow(
      `A matching subscription already exists (a, b) for channels sms.inbound -> ${URL_}, and if-exists is 'fail'`,
    );
  });

  test('fail: filters are named in the refusal', () => {
    const filters = [{ key: 'channelId', value: 'c1' }, { key: 'x', value: 'y' }];
    const all = [sub('a', URL_, day(1), { eventFilters: filters })];
    expect(() => planPresent(all, request({ ifExists: 'fail', eventFilters: filters }))).toThrow(
      `A matching subscription already exists (a) for channels sms.inbound -> ${URL_} with filters channelId=c1, x=y, and if-exists is 'fail'`,
    );
  });
});

describe('after Bird refused a create for its limit', () => {
  test('reuse: a match that appeared meanwhile is reused, with nothing else to delete', () => {
    const [plan] = planPresent([], request());
    const now = [sub('theirs', URL_, day(1)), sub('copy', URL_, day(2))];
    const again = replanAfterRefusal(now, plan, request(), () => true);
    expect(again).toEqual({ ...plan, target: now[0], others: [], evict: [] });
  });

  test('create: a match that appeared meanwhile does not stop the create; room is made again', () => {
    const req = request({ ifExists: 'create', whenFull: 'evict-oldest', urlPattern: previews });
    const [plan] = planPresent([], req);
    const now = [sub('theirs', URL_, day(5)), preview(1, day(1)), preview(2, day(2)), preview(3, day(3)), preview(4, day(4))];
    const again = replanAfterRefusal(now, plan, req, () => true);
    expect(again).toEqual({ ...plan, target: undefined, others: [], evict: [now[1]] });
  });

  test('no room: the refusal says another run took the slot', () => {
    const [plan] = planPresent([], request());
    const now = [1, 2, 3, 4, 5].map((n) => other(n, day(n)));
    expect(replanAfterRefusal(now, plan, request(), () => true)).toMatch(
      /^Bird refused the create \(HTTP 422\)\. Bird allows at most 5 .*Another run took a slot after this step looked; re-run the step\.$/,
    );
    const evicting = request({ whenFull: 'evict-oldest', urlPattern: previews });
    expect(replanAfterRefusal(now, plan, evicting, () => true)).toMatch(/Another run took a slot after this step looked; re-run the step to make room again\.$/);
  });
});

describe('the refusal when the combination is full', () => {
  const wanted = { service: 'channels', event: 'sms.inbound', url: URL_ };
  const hint = (taken: Subscription[], extra: Partial<PresentRequest> = {}) => {
    const message = fullMessage(wanted, taken, { whenFull: 'evict-oldest', urlPattern: previews, now: NOW, ...extra });
    return message.slice(message.indexOf('). ') + 3);
  };

  test('without evict-oldest, it suggests deleting one or evicting with url-pattern, even when a pattern is given', () => {
    const taken = [1, 2, 3, 4, 5].map((n) => preview(n, day(n)));
    const expected = 'Delete one that is no longer needed, or let this step evict the oldest of its own with url-pattern and when-full: evict-oldest.';
    expect(hint(taken, { whenFull: 'fail' })).toBe(expected);
    expect(hint(taken, { whenFull: 'fail', urlPattern: undefined })).toBe(expected);
  });

  test('names the combination with its filters, and the occupants', () => {
    const taken = [other(1, day(1))];
    const message = fullMessage({ ...wanted, eventFilters: [{ key: 'channelId', value: 'c1' }] }, taken, { whenFull: 'fail' });
    expect(message).toContain('at most 5 subscriptions for channels sms.inbound with filters channelId=c1 (same service');
    expect(fullMessage(wanted, taken, { whenFull: 'fail' })).toContain('for channels sms.inbound with no filters (same service');
  });

  test('none of the occupants is ours', () => {
    const taken = [1, 2, 3, 4, 5].map((n) => other(n, day(n)));
    expect(hint(taken)).toBe(
      "None of them matches url-pattern 'https://pr-*.preview.example.com/hook', so none was evicted; delete one or widen url-pattern.",
    );
  });

  test('one of ours, but two would have to go', () => {
    const taken = [preview(1, day(1)), ...[2, 3, 4, 5, 6].map((n) => other(n, day(n)))];
    expect(hint(taken)).toBe(
      "Only 1 of them matches url-pattern 'https://pr-*.preview.example.com/hook' and may be evicted, fewer than the 2 that would have to go, so none was evicted; delete some or widen url-pattern.",
    );
  });

  test('two of ours, but three would have to go', () => {
    const taken = [preview(1, day(1)), preview(2, day(2)), ...[3, 4, 5, 6, 7].map((n) => other(n, day(n)))];
    expect(hint(taken)).toMatch(/^Only 2 of them match url-pattern '[^']+' and may be evicted, fewer than the 3 that would have to go, so none was evicted; delete some or widen url-pattern\.$/);
  });

  test('one more of ours was created minutes ago and is never evicted', () => {
    const taken = [preview(1, ago(2)), ...[2, 3, 4, 5].map((n) => other(n, day(n)))];
    expect(hint(taken)).toBe(
      "Only 0 of them match url-pattern 'https://pr-*.preview.example.com/hook' and may be evicted (1 more matches but was created less than 5 minutes ago, most likely by a deploy still running, and is never evicted), fewer than the 1 that would have to go, so none was evicted; delete some or widen url-pattern, or re-run once those deploys are done.",
    );
  });

  test('two more of ours were created minutes ago, next to one that may go', () => {
    const taken = [preview(1, day(1)), preview(2, ago(1)), preview(3, ago(4)), ...[4, 5, 6].map((n) => other(n, day(n)))];
    expect(hint(taken)).toBe(
      "Only 1 of them matches url-pattern 'https://pr-*.preview.example.com/hook' and may be evicted (2 more match but were created less than 5 minutes ago, most likely by a deploy still running, and are never evicted), fewer than the 2 that would have to go, so none was evicted; delete some or widen url-pattern, or re-run once those deploys are done.",
    );
  });

  test('all five match url-pattern but were created minutes ago: widening the pattern cannot help, so it is not suggested', () => {
    const taken = [1, 2, 3, 4, 5].map((n) => preview(n, ago(n % 4)));
    expect(hint(taken)).toBe(
      "Only 0 of them match url-pattern 'https://pr-*.preview.example.com/hook' and may be evicted (5 more match but were created less than 5 minutes ago, most likely by a deploy still running, and are never evicted), fewer than the 1 that would have to go, so none was evicted; delete some, or re-run once those deploys are done.",
    );
  });

  test('an occupant created six minutes ago is not fresh', () => {
    const taken = [preview(1, ago(6)), ...[2, 3, 4, 5, 6].map((n) => other(n, day(n)))];
    expect(hint(taken)).toMatch(/^Only 1 of them matches url-pattern '[^']+' and may be evicted, fewer than the 2/);
  });
});
