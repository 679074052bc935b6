// `state: present`: every requested event's subscription created, reused or converged. Decisions
// come from src/plan; all I/O goes through the BirdClient; with dry-run only the list (GET) is sent
// and the outcome says what would happen. The writes of a set run a few at a time
// (steps/parallel.ts), logged in the order of the set. Runs started together settle on one
// subscription per event after writing (steps/settle.ts).
import type { BirdClient } from '../bird/client.js';
import { ActionError } from '../bird/errors.js';
import type { Subscription } from '../bird/types.js';
import { planConverge } from '../plan/converge.js';
import type { ActionInputs } from '../plan/inputs.js';
import { chooseSigningKey, hiddenKeysNote } from '../plan/keys.js';
import { birdNow } from '../plan/limit.js';
import { describeIdentity, planPresent, type EventPlan } from '../plan/present.js';
import { shown } from '../text.js';
import { converge, type Run } from './converge.js';
import { create, evictAll, evictionsOf, LimitRefusal } from './create.js';
import { firstFailure, partialFailure, PartialFailure, sumUp, withNotes, type EnsureDeps, type ItemOutcome, type Outcome, type Removal } from './outcome.js';
import { inOrder, type Task } from './parallel.js';
import { copiesOfTargets, pruning, removalLabel, removalTask, removedOf, setRemoved } from './removals.js';
import { settleCreated } from './settle.js';

/** What one event's writes did: its item, and what was evicted for it (also when it then failed). */
interface EventWork {
  item?: ItemOutcome;
  evicted: Subscription[];
}

export async function ensurePresent(client: BirdClient, inputs: ActionInputs, deps: EnsureDeps): Promise<Outcome> {
  const existing = await client.listAll();
  // `now` keeps subscriptions other runs have just created out of eviction (plan/limit.ts FRESH_MS),
  // judged on Bird's clock, which wrote their createdAt.
  const firstListAt = birdNow(client.lastListDate, Date.now());
  const plans = planPresent(existing, { ...inputs, now: firstListAt });
  for (const plan of plans) {
    const key = plan.target && plan.target.signingKey;
    if (typeof key === 'string' && key !== '') deps.mask(key);
  }
  const choice = chooseSigningKey(inputs, existing, plans.map((p) => p.target), () => deps.derivedKey);
  const signingKey = choice.key;
  deps.mask(signingKey);
  const note = hiddenKeysNote(existing, choice);
  // Every deletion `present` makes besides evictions, one list per kind, in the order they are logged.
  const copies: Removal[] = copiesOfTargets(plans);
  const prunes: Removal[] = pruning(existing, inputs, deps);
  if (inputs.dryRun) return withNotes(dryRunPresent(plans, [...copies, ...prunes], signingKey, inputs, deps), note);

  const outcome: Outcome = withNotes({ result: 'unchanged', items: [], signingKey, evicted: [], removed: [], dryRun: false }, note);
  const ids = new Set(existing.map((s) => s.id));
  const run: Run = { client, inputs, deps, signingKey, known: ids, firstList: existing, firstSeen: new Set(ids), created: new Set(), firstListAt, creating: 0, halt: new AbortController() };
  // Every eviction of every event first, as one wave, and no create before it is done: a preview is
  // evicted whole, or (a delete failing) the step stops before creating anything.
  const wave = await evictAll(run, evictionsOf(plans));
  outcome.evicted.push(...wave.evicted);
  if (wave.failure) throw partialFailure(wave.failure.error, plans.length > 1 ? wave.failure.event : undefined, outcome);
  const works: EventWork[] = plans.map(() => ({ evicted: [] }));
  const eventTasks: Task<void>[] = plans.map((plan, i) => async (log) => {
    if (!plan.target) return void (works[i].item = await create(run, plan, works[i].evicted, log));
    works[i].item = await converge(run, plan.target, plan.event, log);
  });
  const results = await inOrder<unknown>([...eventTasks, ...copies.map((r) => removalTask(run, r))], deps.info);

  outcome.items = works.flatMap((w) => (w.item ? [w.item] : []));
  outcome.evicted.push(...works.flatMap((w) => w.evicted));
  setRemoved(outcome, removedOf(copies, results.slice(plans.length)));
  const failure = firstFailure(results, (i) => (i < plans.length ? (plans.length > 1 ? plans[i].event : undefined) : removalLabel(copies[i - plans.length])));
  if (failure) {
    // Events stopped because another event of the run yielded report that one's refusal.
    if (failure.error instanceof LimitRefusal && run.yielding) Object.assign(failure, { error: new LimitRefusal(run.yielding.message), label: plans.length > 1 ? run.yielding.event : undefined });
    if (failure.error instanceof LimitRefusal && run.created.size > 0) failure.error = await giveBack(run, outcome, failure.error);
    throw partialFailure(failure.error, failure.label, outcome);
  }

  // Runs started together each created one: list once more and keep the same one in every run.
  if (run.created.size > 0 && inputs.ifExists !== 'create') {
    let now: Subscription[];
    try {
      now = await settleCreated(run, plans, outcome, choice);
    } catch (error) {
      // What was created still becomes outputs and cleanup state.
      throw error instanceof PartialFailure ? error : partialFailure(error, undefined, outcome);
    }
    // In a workspace that was empty, the first list could not tell whether Bird shows keys; this one can.
    if (!outcome.notes) withNotes(outcome, hiddenKeysNote(now, choice));
  }

  // Pruned only once every requested event has its subscription: a refused create must not leave
  // the URL with none.
  if (prunes.length > 0) {
    const pruned = await inOrder(prunes.map((r) => removalTask(run, r)), deps.info);
    setRemoved(outcome, removedOf(prunes, pruned));
    const failed = firstFailure(pruned, (i) => removalLabel(prunes[i]));
    if (failed) throw partialFailure(failed.error, failed.label, outcome);
  }
  outcome.result = sumUp(outcome.items, outcome.pruned);
  return outcome;
}

/**
 * Failing for Bird's limit, the step deletes what it created in this run for its URL, so a failed
 * preview holds no places others need, and says so; what it could not delete stays in the outputs
 * and the cleanup state.
 */
async function giveBack(run: Run, outcome: Outcome, error: LimitRefusal): Promise<ActionError> {
  const ids = [...run.created];
  // All at once: the previews waiting for these places get them sooner.
  const results = await Promise.allSettled(ids.map((id) => run.client.remove(id)));
  const gone = ids.filter((_, i) => results[i].status === 'fulfilled');
  // What could not be deleted stays in the outputs and the cleanup state: the post step or a re-run deletes it.
  for (const id of gone) {
    run.created.delete(id);
    run.deps.onRemoved(id);
  }
  if (gone.length === 0) {
    const which = ids.map((id) => shown(id)).join(', ');
    return new ActionError(
      `${error.message} Could not delete the ${ids.length === 1 ? 'subscription' : `${ids.length} subscriptions`} this run had created for ${shown(run.inputs.url)} (${which}), so this preview still holds its places; ${ids.length === 1 ? 'it stays' : 'they stay'} in the outputs and cleanup state, and the post step or a re-run deletes ${ids.length === 1 ? 'it' : 'them'}`,
    );
  }
  outcome.items = outcome.items.filter((item) => item.id === undefined || !gone.includes(item.id));
  const which = gone.map((id) => shown(id)).join(', ');
  const kept = ids.length - gone.length;
  // Subscriptions on its first list (reused) are its own from before, not places taken in this run.
  const held = outcome.items.filter((item) => item.id !== undefined && run.firstSeen.has(item.id)).length;
  const places = held > 0 ? `no places it took in this run (it keeps the ${held === 1 ? 'one' : held} it held before)` : 'no places';
  const after = kept > 0 ? `; ${kept} could not be deleted and ${kept === 1 ? 'stays' : 'stay'} in the outputs and cleanup state` : `, so this preview holds ${places}`;
  return new ActionError(
    `${error.message} Deleted the ${gone.length === 1 ? 'subscription' : `${gone.length} subscriptions`} this run had created for ${shown(run.inputs.url)} (${which})${after}`,
  );
}

function dryRunPresent(plans: EventPlan[], removals: Removal[], signingKey: string, inputs: ActionInputs, deps: EnsureDeps): Outcome {
  const outcome: Outcome = { result: 'unchanged', items: [], evicted: [], removed: [], dryRun: true };
  for (const plan of plans) {
    const target = plan.target;
    if (target) {
      const { changes: changed, reassertsKey } = planConverge(target, { signingKey, template: inputs.template });
      if (reassertsKey) {
        deps.info(`Dry run: would set the signing key of subscription ${shown(target.id)} (Bird does not show keys, so the key it has now cannot be compared)`);
      }
      deps.info(
        `Dry run: would ${changed.length > 0 ? `update ${changed.join(', ')} of` : 'keep'} subscription ${shown(target.id)} for ${shown(plan.event)}`,
      );
      outcome.items.push({ event: plan.event, result: changed.length > 0 ? 'updated' : 'unchanged', id: target.id, subscription: target });
      continue;
    }
    for (const victim of plan.evict) {
      deps.info(`Dry run: would evict ${shown(victim.id)} (${shown(victim.url)}) to make room under Bird's limit of five`);
      outcome.evicted.push(victim);
    }
    deps.info(`Dry run: would create a subscription for ${describeIdentity(plan.wanted)}`);
    outcome.items.push({ event: plan.event, result: 'created' });
  }
  for (const removal of removals) deps.info(`Dry run: would delete subscription ${shown(removal.subscription.id)}: ${removal.reason}`);
  setRemoved(outcome, removals);
  outcome.result = sumUp(outcome.items, outcome.pruned);
  return outcome;
}
