// What to change on an existing subscription so that it ends up as requested. Pure.
import { ActionError } from '../bird/errors.js';
import type { Subscription, UpdateBody } from '../bird/types.js';
import { shown } from '../text.js';

export interface Desired {
  /** The key the subscription must have: given, derived, or the one its siblings already show. */
  signingKey: string;
  template?: string;
}

export interface ConvergePlan {
  /** undefined when nothing needs sending: no PATCH. */
  patch?: UpdateBody;
  /**
   * The patch sets the key on a subscription whose key Bird does not show: the only way to know
   * the key is to set it, and with the same inputs it is the value an earlier run set, so by
   * itself it is no change to report.
   */
  reassertsKey: boolean;
  /** The real changes: what makes the result `updated`. */
  changes: (keyof UpdateBody)[];
}

/** The key Bird shows for a subscription, or undefined where list and GET leave it out. */
export function shownKey(subscription: Subscription): string | undefined {
  const key = subscription.signingKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

export function planConverge(existing: Subscription, desired: Desired): ConvergePlan {
  const patch: UpdateBody = {};
  if (existing.status === 'inactive') patch.status = 'active';
  if (desired.template !== undefined && desired.template !== existing.template) patch.template = desired.template;
  const shown = shownKey(existing);
  if (shown !== desired.signingKey) patch.signingKey = desired.signingKey;

  const reassertsKey = patch.signingKey !== undefined && shown === undefined;
  const changes = (Object.keys(patch) as (keyof UpdateBody)[]).filter((field) => !(field === 'signingKey' && reassertsKey));
  return { patch: Object.keys(patch).length > 0 ? patch : undefined, reassertsKey, changes };
}

/**
 * The one key every subscription of this run ends up with (one receiver verifies all its deliveries
 * with one secret): the given key; else a key Bird already shows on them, which is kept as it is
 * rather than rotated behind a deploy's back; else the derived key. Two different shown keys
 * cannot both be kept: that is refused before anything is written, never settled by rotating one.
 */
export function chooseKey(given: string | undefined, targets: (Subscription | undefined)[], derived: () => string): string {
  if (given !== undefined) return given;
  const holders = targets.filter((t): t is Subscription => t !== undefined && shownKey(t) !== undefined);
  const keys = new Set(holders.map((t) => shownKey(t)));
  if (keys.size > 1) {
    throw new ActionError(
      `The subscriptions of this set show different signing keys (${holders.map((t) => `${shown(t.id)} for ${shown(t.event)}`).join(', ')}), ` +
        'and one step hands on one key, so none was changed: give signing-key to set one key on all of them, or manage these events in separate steps',
    );
  }
  return holders.length > 0 ? (shownKey(holders[0]) as string) : derived();
}
