// What to change on an existing subscription so that it ends up as requested. Pure.
import type { Subscription, UpdateBody } from '../bird/types.js';

export interface Desired {
  /** The key the subscription must have, by the rule in keys.ts. */
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
