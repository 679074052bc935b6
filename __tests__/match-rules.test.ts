// Which match is "the" match (src/plan/match.ts, byAge; issue 22, phase 2): one whose createdAt is
// not a date text never counts as the oldest.
import { expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { findMatches } from '../src/plan/match.js';

const URL_ = 'https://pr-7.preview.example.com/hook';
const sub = (id: string, createdAt: unknown): Subscription =>
  ({ id, service: 'channels', event: 'sms.inbound', url: URL_, createdAt, status: 'active' }) as Subscription;

test('a numeric createdAt sorts after a real date, however small the number', () => {
  const all = [sub('numeric', 5), sub('dated', '2026-01-01T00:00:00Z')];
  expect(findMatches(all, { service: 'channels', event: 'sms.inbound', url: URL_ }).map((s) => s.id)).toEqual(['dated', 'numeric']);
});
