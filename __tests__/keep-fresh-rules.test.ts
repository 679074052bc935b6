// The rules added after the attacks on issues 17 and 18, pinned one by one: how keep-urls spelling
// warnings are capped and which entry they name, and how a race's limit refusal counts occupants
// too recent to evict.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { planDeletion } from '../src/plan/absent.js';
import { parseInputs } from '../src/plan/inputs.js';
import { fullMessage } from '../src/plan/present.js';
import { parseUrlPattern } from '../src/plan/url-pattern.js';

const WS = 'b4e02c85-c6d2-4b15-8885-e09671799c61';
const url = (n: number) => `https://pr-${n}.preview.example.com/hook`;
const sub = (n: number, createdAt = '2026-01-01T00:00:00Z'): Subscription =>
  ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, service: 'channels', event: 'sms.inbound', url: url(n), createdAt, status: 'active' }) as Subscription;
const sweep = (keep: string[]) =>
  parseInputs((name) => ({ 'access-key': 'k', 'workspace-id': WS, state: 'absent', 'url-pattern': 'https://pr-*.preview.example.com/**', 'keep-urls': keep.join('\n') })[name] ?? '');

describe('keep-urls spelling warnings', () => {
  const spelt = (n: number) => Array.from({ length: n }, (_, i) => `${url(i)}/`);
  const all = (n: number) => Array.from({ length: n }, (_, i) => sub(i));

  test('five are all named; none counts the rest', () => {
    const plan = planDeletion(all(5), sweep(spelt(5)));
    expect(plan.warnings).toHaveLength(5);
    expect(plan.warnings.every((w) => w.startsWith('Keeping https://pr-'))).toBe(true);
  });

  test('the sixth is counted in one line, singular', () => {
    const plan = planDeletion(all(6), sweep(spelt(6)));
    expect(plan.warnings).toHaveLength(6);
    expect(plan.warnings[5]).toBe(
      'Keeping 1 more subscription whose keep-urls entry is spelt differently from the URL; write them as the subscriptions have them',
    );
  });

  test('more than one are counted in one line, plural', () => {
    const plan = planDeletion(all(7), sweep(spelt(7)));
    expect(plan.warnings).toHaveLength(6);
    expect(plan.warnings[5]).toBe(
      'Keeping 2 more subscriptions whose keep-urls entries are spelt differently from the URL; write them as the subscriptions have them',
    );
  });

  test('of two entries spelt differently for one URL, the first is the one named', () => {
    const plan = planDeletion([sub(1)], sweep([`${url(1)}/`, url(1).replace('pr-1', 'PR-1')]));
    expect(plan.targets).toEqual([]);
    expect(plan.warnings).toEqual([expect.stringContaining(`keep-urls lists it as '${url(1)}/'`)]);
  });
});

describe("a race's limit refusal", () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const wanted = { service: 'channels', event: 'sms.inbound', url: url(9) };
  // Parsed in each test, not here: code run while Jest collects tests reaches every mutant of
  // url-pattern.ts, which then runs every unit test (CONTRIBUTING.md, "Mutation testing").
  const request = () => ({ whenFull: 'evict-oldest' as const, urlPattern: parseUrlPattern('https://pr-*.preview.example.com/**'), now });
  const fresh = (n: number) => sub(n, new Date(now - 1000).toISOString());

  test('counts several fresh occupants in the plural', () => {
    expect(fullMessage(wanted, [fresh(1), fresh(2), sub(3)], request(), true)).toContain(
      're-run the step to make room again. 2 of the occupants matching url-pattern were created less than 5 minutes ago, most likely by deploys still running, and are never evicted: re-run once those deploys are done.',
    );
  });

  test('counts one fresh occupant in the singular', () => {
    expect(fullMessage(wanted, [fresh(1), sub(3)], request(), true)).toContain(
      '1 of the occupants matching url-pattern was created less than 5 minutes ago, most likely by deploys still running, and is never evicted: re-run once those deploys are done.',
    );
  });

  test('says nothing of fresh occupants when none is fresh, or without evict-oldest', () => {
    expect(fullMessage(wanted, [sub(1)], request(), true)).not.toContain('created less than');
    expect(fullMessage(wanted, [fresh(1)], { ...request(), whenFull: 'fail' }, true)).not.toContain('created less than');
  });
});
