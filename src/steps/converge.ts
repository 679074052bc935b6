// Writing one event's subscription: what the writes of a run share, and bringing an existing
// subscription to the requested key, template and status.
import type { BirdClient } from '../bird/client.js';
import type { Subscription } from '../bird/types.js';
import { planConverge } from '../plan/converge.js';
import type { ActionInputs } from '../plan/inputs.js';
import { shown } from '../text.js';
import type { EnsureDeps, ItemOutcome } from './outcome.js';

/** What the writes of one run share. */
export interface Run {
  client: BirdClient;
  inputs: ActionInputs;
  deps: EnsureDeps;
  signingKey: string;
  /** IDs of every subscription seen so far: a match outside it after a lost create answer is ours. */
  known: Set<string>;
  /** The first list: what a look after a refused create is compared with. */
  firstList: readonly Subscription[];
  /** IDs in the first list: the only ones an eviction after a refused create may take. */
  firstSeen: Set<string>;
  /** Subscriptions this run created and still owns. */
  created: Set<string>;
  /** When (Bird's clock, ms) the first list was answered: what was created since is no key source when settling. */
  firstListAt?: number;
  /** Creates of this run on their way now: while any is, the list cannot show all this run holds. */
  creating: number;
  /** Set when an event of this run yields its places (plan/contention.ts): the refusal every other event stops with. */
  yielding?: { event: string; message: string };
  /** Aborted when an event of this run yields: the other events' waits end at once, so the places are given back sooner. */
  halt: AbortController;
}

export async function converge(run: Run, target: Subscription, event: string, log: (line: string) => void): Promise<ItemOutcome> {
  log(`Found matching subscription ${shown(target.id)} for ${shown(event)} (status ${shown(target.status ?? 'unknown')})`);
  const plan = planConverge(target, { signingKey: run.signingKey, template: run.inputs.template });
  if (!plan.patch) return { event, result: 'unchanged', id: target.id, subscription: target };
  if (plan.reassertsKey) {
    log(`Re-asserting the signing key of subscription ${shown(target.id)}: Bird does not show keys, so setting it is the only way to know it`);
  }
  if (plan.changes.length > 0) log(`Updating subscription ${shown(target.id)}: ${plan.changes.join(', ')}`);
  const updated = await run.client.update(target, plan.patch);
  return { event, result: plan.changes.length > 0 ? 'updated' : 'unchanged', id: updated.id, subscription: updated };
}
