// The one rule for the signing key of a step, the same whether Bird shows keys or hides them. Pure.
//
// The key is, in this order:
//   1. `signing-key` if it is given;
//   2. else, with `signing-key-seed`, the key derived from the seed: the action owns the keys, so a
//      different key is replaced and changing the seed rotates every managed subscription;
//   3. else a key Bird shows on any subscription of the same URL (any event, any step or workflow),
//      so adopting subscriptions never rotates them and every event of a URL shares one key;
//   4. else the key derived from the access key.
import { ActionError } from '../bird/errors.js';
import type { Subscription } from '../bird/types.js';
import { shown } from '../text.js';
import { shownKey } from './converge.js';
import { byAge } from './match.js';
import { sameUrl } from './same-url.js';

export type KeySource = 'signing-key' | 'signing-key-seed' | 'shown' | 'access-key';

export interface KeyChoice {
  key: string;
  source: KeySource;
}

export interface KeyInputs {
  signingKey?: string;
  signingKeySeed?: string;
  url: string;
}

/**
 * `targets` are the subscriptions the step reuses (undefined for a create), `existing` the whole
 * list; `derived` the key derived from the seed if one is given, else from the access key.
 */
export function chooseSigningKey(
  inputs: KeyInputs,
  existing: Subscription[],
  targets: (Subscription | undefined)[],
  derived: () => string,
): KeyChoice {
  if (inputs.signingKey !== undefined) return { key: inputs.signingKey, source: 'signing-key' };
  if (inputs.signingKeySeed !== undefined) return { key: derived(), source: 'signing-key-seed' };
  // The step's own subscriptions first: two different keys there cannot both be kept, and
  // settling that by rotating one behind a deploy's back is exactly what the rule forbids.
  const holders = targets.filter((t): t is Subscription => t !== undefined && shownKey(t) !== undefined);
  const keys = new Set(holders.map((t) => shownKey(t)));
  if (keys.size > 1) {
    throw new ActionError(
      `The subscriptions of this set show different signing keys (${holders.map((t) => `${shown(t.id)} for ${shown(t.event)}`).join(', ')}), ` +
        'and one step hands on one key, so none was changed: give signing-key (or signing-key-seed) to set one key on all of them, or manage these events in separate steps',
    );
  }
  if (holders.length > 0) return { key: shownKey(holders[0]) as string, source: 'shown' };
  // Then any subscription of the URL, whatever its event: the oldest, so every run picks the same.
  const sibling = existing.filter((s) => sameUrl(s.url, inputs.url) && shownKey(s) !== undefined).sort(byAge)[0];
  if (sibling) return { key: shownKey(sibling) as string, source: 'shown' };
  return { key: derived(), source: 'access-key' };
}

/**
 * Where Bird hides keys (the list shows none) and no seed is set, the key comes from the access
 * key: rotating the access key then rotates every signing key. Said once, in the job summary.
 */
export function hiddenKeysNote(existing: Subscription[], choice: KeyChoice): string | undefined {
  if (choice.source !== 'access-key' || existing.length === 0 || existing.some((s) => shownKey(s) !== undefined)) return undefined;
  return (
    'Bird does not show signing keys in this workspace and no signing-key-seed is set, so the signing key is derived from the access key: ' +
    'a new access key changes it on the next run. Set signing-key-seed (a long random secret) to keep signing keys across access-key rotations.'
  );
}
