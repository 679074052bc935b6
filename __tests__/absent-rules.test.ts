// What `state: absent` deletes and warns about (src/plan/absent.ts; issue 22, phase 2): a plain
// delete versus a sweep, the sweep's narrowing by service, and the keep-urls warnings.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { planDeletion } from '../src/plan/absent.js';
import { parseInputs } from '../src/plan/inputs.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const URL_ = 'https://pr-7.preview.example.com/hook';
const PATTERN = 'https://pr-*.preview.example.com/hook';
const sub = (id: string, url: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  service: 'channels',
  event: 'sms.inbound',
  url,
  createdAt: '2026-01-01T00:00:00Z',
  status: 'active',
  ...extra,
});
const absent = (values: Record<string, string>) =>
  parseInputs((name) => ({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', ...values })[name] ?? '');
const ids = (plan: { targets: Subscription[] }) => plan.targets.map((s) => s.id);

describe('a plain delete (url and events)', () => {
  test('deletes the matches of each event and nothing else', () => {
    const all = [
      sub('in', URL_),
      sub('out', URL_, { event: 'sms.outbound' }),
      sub('other-url', 'https://pr-8.preview.example.com/hook'),
      sub('status', URL_, { event: 'sms.status' }),
    ];
    const plan = planDeletion(all, absent({ service: 'channels', events: 'sms.inbound\nsms.outbound', url: URL_ }));
    expect(ids(plan)).toEqual(['in', 'out']);
    expect(plan.warnings).toEqual([]);
  });

  test('with url-pattern but a url, it is still a plain delete: other URLs the pattern matches stay', () => {
    const all = [sub('mine', URL_), sub('sibling', 'https://pr-8.preview.example.com/hook')];
    const inputs = absent({ service: 'channels', event: 'sms.inbound', url: URL_, 'url-pattern': PATTERN });
    expect(inputs.sweep).toBe(false);
    expect(ids(planDeletion(all, inputs))).toEqual(['mine']);
  });
});

describe('a sweep', () => {
  test('with a service, only that service’s subscriptions go', () => {
    const all = [sub('channels', URL_), sub('numbers', 'https://pr-8.preview.example.com/hook', { service: 'numbers', event: 'x' })];
    expect(ids(planDeletion(all, absent({ 'url-pattern': PATTERN, service: 'channels' })))).toEqual(['channels']);
    expect(ids(planDeletion(all, absent({ 'url-pattern': PATTERN })))).toEqual(['channels', 'numbers']);
  });

  test('a keep-urls entry spelt differently keeps the URL and warns once, however many events it has', () => {
    const all = [sub('in', URL_), sub('out', URL_, { event: 'sms.outbound' })];
    const entry = 'https://PR-7.preview.example.com/hook/';
    const plan = planDeletion(all, absent({ 'url-pattern': PATTERN, 'keep-urls': entry }));
    expect(ids(plan)).toEqual([]);
    expect(plan.warnings).toEqual([
      `Keeping ${URL_}: keep-urls lists it as '${entry}', the same URL spelt differently (trailing slash, letter case, default port or query order); write it as the subscription has it`,
    ]);
  });

  test('a keep-urls entry the pattern matches only once loosened keeps nothing: no subscription has it', () => {
    const entry = 'https://PR-9.preview.example.com/hook/';
    const plan = planDeletion([sub('in', URL_)], absent({ 'url-pattern': PATTERN, 'keep-urls': entry }));
    expect(ids(plan)).toEqual(['in']);
    expect(plan.warnings).toEqual([
      `Input 'keep-urls' lists '${entry}', which keeps nothing: no subscription that url-pattern matches has this URL; check its spelling`,
    ]);
  });
});
