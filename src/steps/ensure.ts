// Brings the workspace to the requested state: every requested event's subscription present
// (created, reused or converged) or absent. Decisions come from src/plan; all I/O goes through the
// BirdClient; with dry-run only the list (GET) is sent and the outcome says what would happen.
// The writes of a set run a few at a time (steps/parallel.ts), logged in the order of the set.
// Runs started together settle on one subscription per event after writing (plan/settle.ts).
import type { BirdClient } from '../bird/client.js';
import { ActionError, BirdApiError, errorMessage } from '../bird/errors.js';
import type { CreateBody, Result, Subscription } from '../bird/types.js';
import { planConverge } from '../plan/converge.js';
import { chooseSigningKey, hiddenKeysNote } from '../plan/keys.js';
import { planPrune } from '../plan/prune.js';
import type { ActionInputs } from '../plan/inputs.js';
import { findMatches } from '../plan/match.js';
import { identity, planDeletion } from '../plan/absent.js';
import { describeCombination, describeIdentity, fullMessage, planPresent, replanAfterRefusal, type EventPlan } from '../plan/present.js';
import { occupants } from '../plan/limit.js';
import { settle } from '../plan/settle.js';
import { shown } from '../text.js';
import { inOrder, type Settled, type Task } from './parallel.js';

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

/** What the writes of one run share. */
interface Run {
  client: BirdClient;
  inputs: ActionInputs;
  deps: EnsureDeps;
  signingKey: string;
  /** IDs of every subscription seen so far: a match outside it after a lost create answer is ours. */
  known: Set<string>;
  /** IDs in the first list: the only ones an eviction after a refused create may take. */
  firstSeen: Set<string>;
  /** Subscriptions this run created and still owns. */
  created: Set<string>;
}

/** What one event's writes did: its item, and what was evicted for it (also when it then failed). */
interface EventWork {
  item?: ItemOutcome;
  evicted: Subscription[];
}

export async function ensurePresent(client: BirdClient, inputs: ActionInputs, deps: EnsureDeps): Promise<Outcome> {
  const existing = await client.listAll();
  // `now` keeps subscriptions other runs have just created out of eviction (plan/limit.ts FRESH_MS).
  const plans = planPresent(existing, { ...inputs, now: Date.now() });
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
  const run: Run = { client, inputs, deps, signingKey, known: ids, firstSeen: new Set(ids), created: new Set() };
  const works: EventWork[] = plans.map(() => ({ evicted: [] }));
  const eventTasks: Task<void>[] = plans.map((plan, i) => async (log) => {
    works[i].item = plan.target ? await converge(run, plan.target, plan.event, log) : await create(run, plan, works[i].evicted, log);
  });
  const results = await inOrder<unknown>([...eventTasks, ...copies.map((r) => removalTask(run, r))], deps.info);

  outcome.items = works.flatMap((w) => (w.item ? [w.item] : []));
  outcome.evicted = works.flatMap((w) => w.evicted);
  setRemoved(outcome, removedOf(copies, results.slice(plans.length)));
  const failure = firstFailure(results, (i) => (i < plans.length ? (plans.length > 1 ? plans[i].event : undefined) : removalLabel(copies[i - plans.length])));
  if (failure) throw partialFailure(failure.error, failure.label, outcome);

  // Runs started together each created one: list once more and keep the same one in every run.
  if (run.created.size > 0 && inputs.ifExists !== 'create') {
    let now: Subscription[];
    try {
      now = await settleCreated(run, plans, outcome);
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

function removalLabel(removal: Removal): string {
  return `${removal.subscription.event} (${removal.subscription.id})`;
}

function withNotes(outcome: Outcome, note: string | undefined): Outcome {
  if (note) outcome.notes = [note];
  return outcome;
}

/**
 * Subscriptions of the URL, service and filters whose event is no longer requested: deleted with
 * `prune: true`, else each named in a notice (they keep delivering).
 */
function pruning(existing: Subscription[], inputs: ActionInputs, deps: EnsureDeps): Removal[] {
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
function setRemoved(outcome: Outcome, done: Removal[]): void {
  outcome.removed.push(...done.filter((r) => r.kind === 'copy'));
  const pruned = done.filter((r) => r.kind === 'prune');
  if (pruned.length > 0) {
    outcome.pruned = pruned.map((r) => ({ event: r.subscription.event, result: 'deleted', id: r.subscription.id, subscription: r.subscription }));
  }
}

/** With if-exists: reuse, further matches are exact copies of the reused one (left by earlier races): they go. */
function copiesOfTargets(plans: EventPlan[]): Removal[] {
  return plans.flatMap((plan) => plan.others.map((copy) => ({ kind: 'copy' as const, subscription: copy, reason: copyReason(plan.target as Subscription) })));
}

function copyReason(kept: Subscription): string {
  return `an exact copy (same URL, service, event and filters) of ${shown(kept.id)}, which is older and is kept`;
}

function removalTask(run: Run, removal: Removal): Task<boolean> {
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

function removedOf(removals: Removal[], results: (Settled<unknown> | undefined)[]): Removal[] {
  return removals.filter((_, i) => results[i]?.ok === true && results[i].value === true);
}

function firstFailure(results: (Settled<unknown> | undefined)[], label: (i: number) => string | undefined): { error: unknown; label?: string } | undefined {
  const i = results.findIndex((r) => r?.ok === false);
  if (i < 0) return undefined;
  return { error: (results[i] as { error: unknown }).error, label: label(i) };
}

/**
 * After creating: one more list. Where copies of an event's subscription now exist (runs started
 * together each created one), every run keeps the oldest and deletes the others, so they end with
 * one; a run whose own copy went outputs the kept one, converged to its key. Returns the list it
 * settled from.
 */
async function settleCreated(run: Run, plans: EventPlan[], outcome: Outcome): Promise<Subscription[]> {
  const now = await run.client.listAll();
  const tasks: Task<void>[] = [];
  const settled: { index: number; removed: Removal[] }[] = [];
  outcome.items.forEach((item, index) => {
    if (item.result !== 'created' || item.id === undefined || !run.created.has(item.id)) return;
    const plan = plans.find((p) => p.event === item.event) as EventPlan;
    const settlement = settle(now, plan.wanted);
    if (!settlement || (settlement.keep.id === item.id && settlement.remove.length === 0)) return;
    const ours = item.id;
    const keep = settlement.keep;
    const entry = { index, removed: [] as Removal[] };
    settled.push(entry);
    tasks.push(async (log) => {
      const reason = copyReason(keep);
      if (keep.id !== ours) {
        log(`Another run created a subscription for ${shown(item.event)} at the same time: keeping the oldest, ${shown(keep.id)}, in place of ours, ${shown(ours)}`);
      }
      const key = keep.signingKey;
      if (typeof key === 'string' && key !== '') run.deps.mask(key);
      const lines: string[] = [];
      // Settled each on its own: what was done is recorded even when one of them fails.
      const [kept, ...gone] = await Promise.allSettled([
        keep.id === ours ? Promise.resolve(item) : converge(run, keep, item.event, (line) => lines.push(line)),
        ...settlement.remove.map((copy) => run.client.remove(copy.id)),
      ]);
      lines.forEach((line) => log(line));
      let oursGone = keep.id !== ours;
      settlement.remove.forEach((copy, i) => {
        const result = gone[i];
        if (copy.id === ours && result.status === 'rejected') oursGone = false;
        if (result.status !== 'fulfilled' || result.value !== 'deleted') return;
        log(`Deleted subscription ${shown(copy.id)}: ${reason}`);
        entry.removed.push({ kind: 'copy', subscription: copy, reason });
      });
      if (oursGone) {
        // Ours is gone (by this run's hand or another's): never reported, never cleaned up.
        run.created.delete(ours);
        run.deps.onRemoved(ours);
        outcome.items[index] = kept.status === 'fulfilled' ? kept.value : { event: item.event, result: 'unchanged', id: keep.id, subscription: keep };
      }
      const failed = [kept, ...gone].find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
  });
  const results = await inOrder(tasks, run.deps.info);
  outcome.removed.push(...settled.flatMap((s) => s.removed));
  const failure = firstFailure(results, (i) => (plans.length > 1 ? outcome.items[settled[i].index].event : undefined));
  if (failure) throw partialFailure(failure.error, failure.label, outcome);
  return now;
}

async function create(run: Run, first: EventPlan, evicted: Subscription[], log: (line: string) => void): Promise<ItemOutcome> {
  const { client, inputs } = run;
  let plan = first;
  for (let round = 1; ; round++) {
    for (const victim of plan.evict) {
      const gone = await client.remove(victim.id);
      if (gone === 'deleted') evicted.push(victim);
      log(
        `Bird's limit of five is reached for ${describeCombination(plan.wanted)}: ` +
          `${gone === 'deleted' ? 'evicted' : 'found already gone'} the oldest subscription matching url-pattern, ${shown(victim.id)}, so ${shown(victim.url)} no longer receives these events`,
      );
    }
    try {
      return await createOne(run, plan, log);
    } catch (error) {
      if (!isLimitError(error)) throw error;
      if (round >= client.maxAttempts) throw new ActionError(await limitRefusal(client, plan, inputs));
    }
    // Another run took the slot after this one looked: look again, make room again, within the retries' bounds.
    log(`Bird refused the create for ${describeCombination(plan.wanted)} for its limit of five (another run took a slot); looking again`);
    await client.backoff(round);
    const next = replanAfterRefusal(await client.listAll(), plan, { ...inputs, now: Date.now() }, (s) => run.firstSeen.has(s.id));
    if (typeof next === 'string') throw new ActionError(next);
    // A run started together created this very subscription meanwhile: reuse it.
    if (next.target) return converge(run, next.target, plan.event, log);
    plan = next;
  }
}

async function createOne(run: Run, plan: EventPlan, log: (line: string) => void): Promise<ItemOutcome> {
  const { client, inputs, signingKey, known } = run;
  const body: CreateBody = { service: inputs.service, event: plan.event, url: inputs.url, signingKey };
  if (inputs.eventFilters) body.eventFilters = inputs.eventFilters;
  if (inputs.template !== undefined) body.template = inputs.template;

  const { subscription, adopted } = await client.create(body, async () => {
    // Ours is a match that was not there before; a visible key that differs is someone else's.
    let now: Subscription[];
    try {
      now = await client.listAll();
    } catch (error) {
      throw new ActionError(
        `${errorMessage(error)}; it was listing the workspace after a create whose answer was lost, so the subscription may exist: a re-run with if-exists: reuse adopts it`,
      );
    }
    const fresh = findMatches(now, plan.wanted).filter(
      (s) => !known.has(s.id) && (s.signingKey === undefined || s.signingKey === '' || s.signingKey === signingKey),
    );
    if (fresh.length > 0) log(`The create went through after all: adopting subscription ${shown(fresh[0].id)}`);
    return fresh[0];
  });
  known.add(subscription.id);
  run.created.add(subscription.id);
  run.deps.onCreated(subscription.id);
  if (!adopted) {
    log(`Created subscription ${shown(subscription.id)} for ${shown(plan.event)}`);
    return { event: plan.event, result: 'created', id: subscription.id, subscription };
  }
  // Make sure the adopted one has the key we output, whatever the list showed.
  const item = await converge(run, subscription, plan.event, log);
  return { ...item, result: 'created' };
}

async function converge(run: Run, target: Subscription, event: string, log: (line: string) => void): Promise<ItemOutcome> {
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

/** Bird refused the create for its limit although the pre-flight saw room: someone took the slot meanwhile. */
function isLimitError(error: unknown): boolean {
  if (!(error instanceof BirdApiError) || error.status !== 422) return false;
  const { code, message } = (error.body ?? {}) as { code?: unknown; message?: unknown };
  return /limit/i.test(`${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`);
}

async function limitRefusal(client: BirdClient, plan: EventPlan, inputs: ActionInputs): Promise<string> {
  let taken: Subscription[] = [];
  try {
    taken = occupants(await client.listAll(), plan.wanted);
  } catch {
    // The message can do without the occupants.
  }
  return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, { ...inputs, now: Date.now() }, true)}`;
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

export async function ensureAbsent(client: BirdClient, inputs: ActionInputs, deps: Pick<EnsureDeps, 'info' | 'warning'>): Promise<Outcome> {
  const verb = inputs.dryRun ? 'Dry run: would delete' : 'Deleted';
  const outcome: Outcome = { result: 'not-found', items: [], evicted: [], removed: [], dryRun: inputs.dryRun };
  let targets: Subscription[];
  if (inputs.subscriptionId !== undefined) {
    if (inputs.dryRun) {
      const found = await client.get(inputs.subscriptionId);
      targets = found ? [found] : [];
    } else {
      const gone = await client.remove(inputs.subscriptionId);
      deps.info(gone === 'deleted' ? `Deleted subscription ${inputs.subscriptionId}` : `Subscription ${inputs.subscriptionId} does not exist`);
      if (gone === 'deleted') outcome.items.push({ event: '', result: 'deleted', id: inputs.subscriptionId });
      outcome.result = outcome.items.length > 0 ? 'deleted' : 'not-found';
      return outcome;
    }
  } else {
    const plan = planDeletion(await client.listAll(), inputs);
    for (const warning of plan.warnings) deps.warning(warning);
    targets = plan.targets;
  }

  // The deletes run a few at a time; lines and outputs keep the order of the list.
  const results = await inOrder(
    targets.map((target) => async (log) => {
      if (!inputs.dryRun && (await client.remove(target.id)) !== 'deleted') return undefined;
      log(`${verb} subscription ${shown(target.id)} (${shown(target.service)} ${shown(target.event)} -> ${shown(target.url)})`);
      return { event: target.event, result: 'deleted', id: target.id, subscription: target } satisfies ItemOutcome;
    }),
    deps.info,
  );
  for (const result of results) if (result?.ok && result.value) outcome.items.push(result.value);
  const failure = firstFailure(results, (i) => (targets.length > 1 ? `${targets[i].event} (${targets[i].id})` : undefined));
  if (failure) throw partialFailure(failure.error, failure.label, outcome);
  if (outcome.items.length === 0) deps.info(`${inputs.dryRun ? 'Dry run: ' : ''}${nothingMatches(inputs)}; nothing to delete`);
  outcome.result = outcome.items.length > 0 ? 'deleted' : 'not-found';
  return outcome;
}

function nothingMatches(inputs: ActionInputs): string {
  if (inputs.subscriptionId !== undefined) return `Subscription ${inputs.subscriptionId} does not exist`;
  if (inputs.sweep && inputs.urlPattern) return `No subscription matches url-pattern '${shown(inputs.urlPattern.text)}' outside keep-urls`;
  return `No subscription matches ${inputs.events.map((event) => describeIdentity(identity(inputs, event))).join('; ')}`;
}


/**
 * A failure part way: with nothing written yet a plain failure (naming the event in a set);
 * otherwise what was done still becomes outputs, and the message says what it was.
 */
function partialFailure(error: unknown, event: string | undefined, outcome: Outcome): Error {
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
function sumUp(items: ItemOutcome[], pruned: ItemOutcome[] = []): Result {
  for (const result of ['created', 'updated', 'deleted'] as const) if (items.some((i) => i.result === result)) return result;
  if (pruned.length > 0) return 'updated';
  return items.length > 0 && items.every((i) => i.result === 'not-found') ? 'not-found' : 'unchanged';
}
