// What to change on an existing subscription so that it ends up as requested. Pure.
import type { Subscription, UpdateBody } from '../bird/types.js';

export interface Desired {
  /** The given `signing-key`, else the derived one (signing-key.ts). */
  signingKey: string;
  /**
   * true when `signingKey` must win over a key Bird shows: it was given as `signing-key`, or it is the
   * key this run just sent in a create it adopts. false for a derived key: a shown key is kept as it is.
   */
  replaceShownKey: boolean;
  template?: string;
}

export interface ConvergePlan {
  /** undefined when nothing is to be sent: no PATCH. */
  patch?: UpdateBody;
  /** The key the subscription has once the patch (if any) is applied. */
  signingKey: string;
  /**
   * The patch sets the key only because Bird hides keys, so it cannot be compared. The value is the
   * same on every run with the same inputs, so on its own this is not a change.
   */
  reassertsKey: boolean;
  /** Something really differs (status, template, or a key Bird shows): the result is `updated`. */
  changes: boolean;
}

export function planConverge(existing: Subscription, desired: Desired): ConvergePlan {
  const patch: UpdateBody = {};
  if (existing.status === 'inactive') patch.status = 'active';
  if (desired.template !== undefined && desired.template !== existing.template) patch.template = desired.template;
  const changes = Object.keys(patch).length > 0;

  // GET and list may hide the stored key; then the only way to know the key is to set it.
  const shown = typeof existing.signingKey === 'string' && existing.signingKey !== '' ? existing.signingKey : undefined;
  if (shown === undefined) {
    patch.signingKey = desired.signingKey;
    return { patch, signingKey: desired.signingKey, reassertsKey: true, changes };
  }
  if (shown !== desired.signingKey && desired.replaceShownKey) {
    patch.signingKey = desired.signingKey;
    return { patch, signingKey: desired.signingKey, reassertsKey: false, changes: true };
  }
  // Shown and equal, or shown and not ours to replace: kept as it is.
  return { patch: changes ? patch : undefined, signingKey: shown, reassertsKey: false, changes };
}
