// What `state: present` and `state: absent` hand back: the items, what went besides, and a failure
// part way that still carries what was done. Shared by the flows in steps/present.ts and steps/absent.ts.
import { ActionError, errorMessage } from '../bird/errors.js';
import type { Result, Subscription } from '../bird/types.js';
import { shown } from '../text.js';
import type { Settled } from './parallel.js';

export interface ItemOutcome {
  /** The event this item is for; for deletions, the deleted subscription's event ('' when deleted by ID). */
  event: string;
  result: Result;
  /** The subscription's ID; undefined for one a dry run would create. */
  id?: string;
  /** The subscription after the step (or, in a dry run, as it is now); for deletions, as it was. */
  subscription?: Subscription;
}

/**
 * A subscription `state: present` deletes besides evictions: an exact copy of the one it keeps, or,
 * with `prune: true`, one of its URL whose event is no longer requested.
 */
export interface Removal {
  kind: 'copy' | 'prune';
  subscription: Subscription;
  /** Why it goes, for the log and the job summary, after "Deleted subscription <id>: " (outside text already shown()). */
  reason: string;
}

export interface Outcome {
  /** The set summed up: created > updated > unchanged; deleted > not-found. */
  result: Result;
  items: ItemOutcome[];
  /** The one key the subscriptions have after the step; never set in a dry run. */
  signingKey?: string;
  /** Subscriptions deleted (or, in a dry run, that would be) to make room under Bird's limit. */
  evicted: Subscription[];
  /** Copies of the kept subscriptions that `state: present` deleted (or, in a dry run, would delete). */
  removed: Removal[];
  /** `prune: true`: subscriptions of the URL whose event is no longer requested, deleted (or that would be). */
  pruned?: ItemOutcome[];
  /** Said once in the job summary (e.g. that keys come from the access key where Bird hides them). */
  notes?: string[];
  dryRun: boolean;
}

export interface EnsureDeps {
  /** The key derived for this run's receiving endpoint (src/plan/signing-key.ts), already masked. */
  derivedKey: string;
  /** Registers a secret read back from Bird before anything about its subscription is printed. */
  mask: (secret: string) => void;
  info: (message: string) => void;
  warning: (message: string) => void;
  notice: (message: string) => void;
  /** Called as soon as this run owns a new subscription, before anything else can fail. */
  onCreated: (id: string) => void;
  /** Called when a subscription this run created is gone again (a run started together keeps an older copy). */
  onRemoved: (id: string) => void;
}

/** A failure part way through a set: what was done so far still becomes outputs and cleanup state. */
export class PartialFailure extends ActionError {
  constructor(
    message: string,
    readonly outcome: Outcome,
  ) {
    super(message);
  }
}

export function withNotes(outcome: Outcome, note: string | undefined): Outcome {
  if (note) outcome.notes = [note];
  return outcome;
}

export function firstFailure(results: (Settled<unknown> | undefined)[], label: (i: number) => string | undefined): { error: unknown; label?: string } | undefined {
  const i = results.findIndex((r) => r?.ok === false);
  if (i < 0) return undefined;
  return { error: (results[i] as { error: unknown }).error, label: label(i) };
}

/**
 * A failure part way: with nothing written yet a plain failure (naming the event in a set);
 * otherwise what was done still becomes outputs, and the message says what it was.
 */
export function partialFailure(error: unknown, event: string | undefined, outcome: Outcome): Error {
  const which = event !== undefined ? `Event ${shown(event)}: ` : '';
  const doneItems = [...outcome.items, ...(outcome.pruned ?? [])];
  if (doneItems.length === 0 && outcome.evicted.length === 0 && outcome.removed.length === 0) {
    return which ? new ActionError(`${which}${errorMessage(error)}`) : (error as Error);
  }
  outcome.result = sumUp(outcome.items, outcome.pruned);
  const done =
    doneItems.length > 0
      ? ` (done: ${doneItems.map((i) => `${shown(i.result === 'deleted' ? `${i.event} (${i.id})` : i.event)} ${i.result}`).join(', ')})`
      : '';
  return new PartialFailure(`${which}${errorMessage(error)}${done}`, outcome);
}

/**
 * The set's result: created if any was created, else updated if any changed, else unchanged.
 * Pruning what the step no longer lists is a change to the set: at least `updated`.
 */
export function sumUp(items: ItemOutcome[], pruned: ItemOutcome[] = []): Result {
  for (const result of ['created', 'updated', 'deleted'] as const) if (items.some((i) => i.result === result)) return result;
  if (pruned.length > 0) return 'updated';
  return items.length > 0 && items.every((i) => i.result === 'not-found') ? 'not-found' : 'unchanged';
}
