// What the main step saves for the post step, and how the post step reads it back. Holds no
// secret. Saved state is outside text: a step earlier in the job that can write $GITHUB_ENV can set
// STATE_cleanup. So the post step takes nothing from it but subscription IDs, checked as UUIDs;
// where to send requests, and how, comes from its own inputs.
import { isUuid } from '../bird/ids.js';

export const CLEANUP_STATE = 'cleanup';

// More than one run could ever create; a longer list is not ours.
const MAX_SAVED_IDS = 100;

export interface CleanupState {
  subscriptionId?: string;
  /** One run may create several subscriptions (one per event). */
  subscriptionIds?: string[];
  /** Saved by earlier versions; ignored by the post step, which uses its own inputs. */
  apiUrl?: string;
  workspaceId?: string;
  organizationId?: string;
  maxAttempts?: number;
  timeoutMs?: number;
}

export class StateError extends Error {
  override name = 'StateError';
}

/** The subscription IDs to delete, lower-cased and without repeats; StateError when the state does not fit. */
export function parseCleanupState(text: string): string[] {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new StateError('it is not JSON');
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) throw new StateError('it is not a JSON object');
  const { subscriptionId, subscriptionIds } = state as Record<string, unknown>;
  const ids: unknown[] = [];
  if (subscriptionId !== undefined) ids.push(subscriptionId);
  if (subscriptionIds !== undefined) {
    if (!Array.isArray(subscriptionIds)) throw new StateError('subscriptionIds is not a list');
    if (subscriptionIds.length > MAX_SAVED_IDS) throw new StateError(`subscriptionIds holds more than ${MAX_SAVED_IDS} IDs`);
    ids.push(...(subscriptionIds as unknown[]));
  }
  if (ids.length === 0) throw new StateError('it holds no subscription ID');
  // One ID that does not fit means the state is not what the main step wrote: none is trusted.
  const bad = ids.findIndex((id) => !isUuid(id));
  if (bad >= 0) throw new StateError(`subscription ID #${bad + 1} is not a UUID`);
  return [...new Set((ids as string[]).map((id) => id.toLowerCase()))];
}
