// What to change on an existing subscription so that it ends up as requested. Pure.
import type { Subscription, UpdateBody } from '../bird/types.js';

export interface Desired {
  /** Given by the user (or, when adopting our own lost create, the key we sent). */
  signingKey?: string;
  template?: string;
}

export interface ConvergePlan {
  /** undefined when nothing differs: no PATCH is sent. */
  patch?: UpdateBody;
  /** The key the subscription has once the patch (if any) is applied. */
  signingKey: string;
}

export function planConverge(existing: Subscription, desired: Desired, generateKey: () => string): ConvergePlan {
  const patch: UpdateBody = {};
  if (existing.status === 'inactive') patch.status = 'active';
  if (desired.template !== undefined && desired.template !== existing.template) patch.template = desired.template;

  // GET and list may hide the stored key; then the only way to know the key is to set it.
  const stored = typeof existing.signingKey === 'string' && existing.signingKey !== '' ? existing.signingKey : undefined;
  let signingKey: string;
  if (desired.signingKey !== undefined) {
    signingKey = desired.signingKey;
    if (stored !== signingKey) patch.signingKey = signingKey;
  } else if (stored !== undefined) {
    signingKey = stored;
  } else {
    signingKey = generateKey();
    patch.signingKey = signingKey;
  }

  return { patch: Object.keys(patch).length > 0 ? patch : undefined, signingKey };
}
