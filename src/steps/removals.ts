// Deletions `state: present` makes besides evictions: exact copies of the kept subscriptions, and
// with `prune: true` subscriptions of the URL whose event is no longer requested.
import type { Subscription } from '../bird/types.js';
import type { ActionInputs } from '../plan/inputs.js';
import type { EventPlan } from '../plan/present.js';
import { planPrune } from '../plan/prune.js';
import { shown } from '../text.js';
import type { EnsureDeps, Outcome, Removal } from './outcome.js';
import type { Settled, Task } from './parallel.js';
import type { Run } from './converge.js';

export function removalLabel(removal: Removal): string {
  return `${removal.subscription.event} (${removal.subscription.id})`;
}

/**
 * Subscriptions of the URL, service and filters whose event is no longer requested: deleted with
 * `prune: true`, else each named in a notice (they keep delivering).
 */
export function pruning(existing: Subscription[], inputs: ActionInputs, deps: EnsureDeps): Removal[] {
  const prunable = planPrune(existing, inputs);
  if (inputs.prune) return prunable.map((subscription) => ({ kind: 'prune', subscription, reason: pruneReason(subscription) }));
  for (const s of prunable) {
    deps.notice(
      `Subscription ${shown(s.id)} (${shown(s.service)} ${shown(s.event)} -> ${shown(s.url)}) has this step's URL, service and filters, but its event is not requested, so it keeps delivering; set prune: true to delete it`,
    );
  }
  return [];
}

function pruneReason(s: Subscription): string {
  return `${shown(s.service)} ${shown(s.event)} -> ${shown(s.url)} is not in this step's events (prune: true)`;
}

/** Copies stay in `removed` (a line each in the summary); pruned ones become items of `subscriptions`. */
export function setRemoved(outcome: Outcome, done: Removal[]): void {
  outcome.removed.push(...done.filter((r) => r.kind === 'copy'));
  const pruned = done.filter((r) => r.kind === 'prune');
  if (pruned.length > 0) {
    outcome.pruned = pruned.map((r) => ({ event: r.subscription.event, result: 'deleted', id: r.subscription.id, subscription: r.subscription }));
  }
}

/** With if-exists: reuse, further matches are exact copies of the reused one (left by earlier races): they go. */
export function copiesOfTargets(plans: EventPlan[]): Removal[] {
  return plans.flatMap((plan) => plan.others.map((copy) => ({ kind: 'copy' as const, subscription: copy, reason: copyReason(plan.target as Subscription) })));
}

export function copyReason(kept: Subscription): string {
  return `an exact copy (same URL, service, event and filters) of ${shown(kept.id)}, which is older and is kept`;
}

export function removalTask(run: Run, removal: Removal): Task<boolean> {
  return async (log) => {
    const gone = await run.client.remove(removal.subscription.id);
    log(
      gone === 'deleted'
        ? `Deleted subscription ${shown(removal.subscription.id)}: ${removal.reason}`
        : `Subscription ${shown(removal.subscription.id)} was already gone: ${removal.reason}`,
    );
    return gone === 'deleted';
  };
}

export function removedOf(removals: Removal[], results: (Settled<unknown> | undefined)[]): Removal[] {
  return removals.filter((_, i) => results[i]?.ok === true && results[i].value === true);
}
