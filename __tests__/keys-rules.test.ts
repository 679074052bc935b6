// The signing-key rule (src/plan/keys.ts) where no other unit test pins it (issue 22, phase 2): the
// step's own subscriptions come first, keys Bird hides do not count, and the note about hidden keys.
import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '../src/bird/types.js';
import { chooseSigningKey, hiddenKeysNote } from '../src/plan/keys.js';

const URL_ = 'https://pr-7.preview.example.com/hook';
const sub = (id: string, event: string, createdAt: string, signingKey?: string): Subscription => ({
  id,
  service: 'channels',
  event,
  url: URL_,
  createdAt,
  status: 'active',
  ...(signingKey === undefined ? {} : { signingKey }),
});
const derived = () => 'derived-key';

describe('the step’s own subscriptions', () => {
  test('one shows a key and another hides it: the shown key is kept, no refusal', () => {
    const shows = sub('a', 'sms.inbound', '2026-01-02T00:00:00Z', 'key-a');
    const hides = sub('b', 'sms.outbound', '2026-01-01T00:00:00Z');
    expect(chooseSigningKey({ url: URL_ }, [shows, hides], [hides, shows], derived)).toEqual({ key: 'key-a', source: 'shown' });
  });

  test('their key wins over an older subscription of the same URL outside the step', () => {
    const older = sub('older', 'sms.outbound', '2026-01-01T00:00:00Z', 'key-older');
    const target = sub('target', 'sms.inbound', '2026-01-05T00:00:00Z', 'key-target');
    expect(chooseSigningKey({ url: URL_ }, [older, target], [target], derived)).toEqual({ key: 'key-target', source: 'shown' });
  });

  test('two different keys: refused, naming each subscription and what to do', () => {
    const a = sub('a', 'sms.inbound', '2026-01-01T00:00:00Z', 'key-a');
    const b = sub('b', 'sms.outbound', '2026-01-02T00:00:00Z', 'key-b');
    expect(() => chooseSigningKey({ url: URL_ }, [a, b], [a, b], derived)).toThrow(
      'The subscriptions of this set show different signing keys (a for sms.inbound, b for sms.outbound), and one step hands on one key, so none was changed: ' +
        'give signing-key (or signing-key-seed) to set one key on all of them, or manage these events in separate steps',
    );
  });
});

describe('the note about hidden keys', () => {
  const choice = { key: 'derived-key', source: 'access-key' as const };
  test('said when Bird shows no key at all', () => {
    expect(hiddenKeysNote([sub('a', 'sms.inbound', '2026-01-01T00:00:00Z')], choice)).toMatch(/^Bird does not show signing keys in this workspace/);
  });
  test('not said when Bird shows a key on any subscription, even if it hides others', () => {
    const all = [sub('a', 'sms.inbound', '2026-01-01T00:00:00Z'), sub('b', 'sms.outbound', '2026-01-02T00:00:00Z', 'key-b')];
    expect(hiddenKeysNote(all, choice)).toBeUndefined();
  });
});

describe('a key Bird answers with null is a hidden key', () => {
  test('the step then falls back to the derived key', () => {
    const hides = { ...sub('a', 'sms.inbound', '2026-01-01T00:00:00Z'), signingKey: null as unknown as string };
    expect(chooseSigningKey({ url: URL_ }, [hides], [hides], derived)).toEqual({ key: 'derived-key', source: 'access-key' });
  });
});
