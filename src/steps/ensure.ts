// Brings the workspace to the requested state: every requested event's subscription present
// (created, reused or converged) or absent. Decisions come from src/plan; all I/O goes through the
// BirdClient; with dry-run only the list (GET) is sent and the outcome says what would happen.
import type { BirdClient } from '../bird/client.js';
import { ActionError, BirdApiError, errorMessage } from '../bird/errors.js';
import type { CreateBody, Result, Subscription } from '../bird/types.js';
import { planConverge } from '../plan/converge.js';
import { chooseSigningKey, hiddenKeysNote } from '../plan/keys.js';
import { planPrune } from '../plan/prune.js';
import type { ActionInputs } from '../plan/inputs.js';
import { findMatches } from '../plan/match.js';
import { identity, planDeletion } from '../plan/absent.js';
import { describeCombination, describeIdentity, fullMessage, planPresent, type EventPlan } from '../plan/present.js';
import { occupants } from '../plan/limit.js';
import { shown } from '../text.js';

export interface ItemOutcome {
  /** The event this item is for; for deletions, the deleted subscription's event ('' when deleted by ID). */
  event: string;
  result: Result;
  /** The subscription's ID; undefined for one a dry run would create. */
  id?: string;
  /** The subscription after the step (or, in a dry run, as it is now); for deletions, as it was. */
  subscription?: Subscription;
}

export interface Outcome {
  /** The set summed up: created > updated > unchanged; deleted > not-found. */
  result: Result;
  items: ItemOutcome[];
  /** The one key the subscriptions have after the step; never set in a dry run. */
  signingKey?: string;
  /** Subscriptions deleted (or, in a dry run, that would be) to make room under Bird's limit. */
  evicted: Subscription[];
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

export async function ensurePresent(client: BirdClient, inputs: ActionInputs, deps: EnsureDeps): Promise<Outcome> {
  const existing = await client.listAll();
  const plans = planPresent(existing, inputs);
  for (const plan of plans) {
    const key = plan.target && plan.target.signingKey;
    if (typeof key === 'string' && key !== '') deps.mask(key);
    if (plan.others.length > 0) {
      deps.warning(
        `${plan.others.length + 1} subscriptions match ${describeIdentity(plan.wanted)}; reusing the oldest, ${shown(plan.target?.id)}, and leaving ${listIds(plan.others)} alone`,
      );
    }
  }
  const choice = chooseSigningKey(inputs, existing, plans.map((p) => p.target), () => deps.derivedKey);
  const signingKey = choice.key;
  deps.mask(signingKey);
  const note = hiddenKeysNote(existing, choice);
  const prunable = planPrune(existing, inputs);
  if (inputs.dryRun) return prune(client, prunable, dryRunPresent(plans, signingKey, inputs, deps), inputs, deps, note);

  const outcome: Outcome = { result: 'unchanged', items: [], signingKey, evicted: [], dryRun: false };
  const known = new Set(existing.map((s) => s.id));
  for (const plan of plans) {
    try {
      outcome.items.push(
        plan.target
          ? await converge(client, plan.target, signingKey, inputs, deps, plan.event)
          : await create(client, plan, signingKey, known, outcome, inputs, deps),
      );
    } catch (error) {
      throw partialFailure(error, plans.length > 1 ? plan.event : undefined, outcome);
    }
  }
  outcome.result = sumUp(outcome.items);
  return prune(client, prunable, outcome, inputs, deps, note);
}

/**
 * Subscriptions of the URL, service and filters whose event is no longer requested: deleted with
 * `prune: true` (listed in `subscriptions` as `deleted`), else each named in a notice.
 */
async function prune(
  client: BirdClient,
  prunable: Subscription[],
  outcome: Outcome,
  inputs: ActionInputs,
  deps: EnsureDeps,
  note: string | undefined,
): Promise<Outcome> {
  if (note) outcome.notes = [note];
  const pruned: ItemOutcome[] = [];
  for (const s of prunable) {
    const what = `${shown(s.id)} (${shown(s.service)} ${shown(s.event)} -> ${shown(s.url)})`;
    if (!inputs.prune) {
      deps.notice(`Subscription ${what} has this step's URL, service and filters, but its event is not requested, so it keeps delivering; set prune: true to delete it`);
      continue;
    }
    if (!outcome.dryRun) {
      try {
        if ((await client.remove(s.id)) !== 'deleted') continue;
      } catch (error) {
        outcome.pruned = pruned;
        throw partialFailure(error, `${s.event} (${s.id})`, outcome);
      }
    }
    deps.info(`${outcome.dryRun ? 'Dry run: would delete' : 'Pruned'} subscription ${what}: its event is no longer requested`);
    pruned.push({ event: s.event, result: 'deleted', id: s.id, subscription: s });
  }
  if (pruned.length > 0) {
    outcome.pruned = pruned;
    // Deleting what the step no longer lists is a change to the set.
    if (outcome.result === 'unchanged') outcome.result = 'updated';
  }
  return outcome;
}

async function create(
  client: BirdClient,
  plan: EventPlan,
  signingKey: string,
  known: Set<string>,
  outcome: Outcome,
  inputs: ActionInputs,
  deps: EnsureDeps,
): Promise<ItemOutcome> {
  for (const victim of plan.evict) {
    const gone = await client.remove(victim.id);
    if (gone === 'deleted') outcome.evicted.push(victim);
    deps.info(
      `Bird's limit of five is reached for ${describeCombination(plan.wanted)}: ` +
        `${gone === 'deleted' ? 'evicted' : 'found already gone'} the oldest subscription matching url-pattern, ${shown(victim.id)}, so ${shown(victim.url)} no longer receives these events`,
    );
  }
  const body: CreateBody = { service: inputs.service, event: plan.event, url: inputs.url, signingKey };
  if (inputs.eventFilters) body.eventFilters = inputs.eventFilters;
  if (inputs.template !== undefined) body.template = inputs.template;

  let created: { subscription: Subscription; adopted: boolean };
  try {
    created = await client.create(body, async () => {
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
      if (fresh.length > 0) deps.info(`The create went through after all: adopting subscription ${shown(fresh[0].id)}`);
      return fresh[0];
    });
  } catch (error) {
    if (isLimitError(error)) throw new ActionError(await limitRefusal(client, plan, inputs));
    throw error;
  }
  const { subscription, adopted } = created;
  known.add(subscription.id);
  deps.onCreated(subscription.id);
  if (!adopted) {
    deps.info(`Created subscription ${shown(subscription.id)} for ${shown(plan.event)}`);
    return { event: plan.event, result: 'created', id: subscription.id, subscription };
  }
  // Make sure the adopted one has the key we output, whatever the list showed.
  const item = await converge(client, subscription, signingKey, inputs, deps, plan.event);
  return { ...item, result: 'created' };
}

async function converge(
  client: BirdClient,
  target: Subscription,
  signingKey: string,
  inputs: ActionInputs,
  deps: EnsureDeps,
  event: string,
): Promise<ItemOutcome> {
  deps.info(`Found matching subscription ${shown(target.id)} for ${shown(event)} (status ${shown(target.status ?? 'unknown')})`);
  const plan = planConverge(target, { signingKey, template: inputs.template });
  if (!plan.patch) return { event, result: 'unchanged', id: target.id, subscription: target };
  if (plan.reassertsKey) {
    deps.info(`Re-asserting the signing key of subscription ${shown(target.id)}: Bird does not show keys, so setting it is the only way to know it`);
  }
  if (plan.changes.length > 0) deps.info(`Updating subscription ${shown(target.id)}: ${plan.changes.join(', ')}`);
  const updated = await client.update(target, plan.patch);
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
  return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, inputs, true)}`;
}

function dryRunPresent(plans: EventPlan[], signingKey: string, inputs: ActionInputs, deps: EnsureDeps): Outcome {
  const outcome: Outcome = { result: 'unchanged', items: [], evicted: [], dryRun: true };
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
  outcome.result = sumUp(outcome.items);
  return outcome;
}

export async function ensureAbsent(client: BirdClient, inputs: ActionInputs, deps: Pick<EnsureDeps, 'info' | 'warning'>): Promise<Outcome> {
  const verb = inputs.dryRun ? 'Dry run: would delete' : 'Deleted';
  const outcome: Outcome = { result: 'not-found', items: [], evicted: [], dryRun: inputs.dryRun };
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

  for (const target of targets) {
    try {
      if (!inputs.dryRun && (await client.remove(target.id)) !== 'deleted') continue;
    } catch (error) {
      throw partialFailure(error, targets.length > 1 ? `${target.event} (${target.id})` : undefined, outcome);
    }
    deps.info(`${verb} subscription ${shown(target.id)} (${shown(target.service)} ${shown(target.event)} -> ${shown(target.url)})`);
    outcome.items.push({ event: target.event, result: 'deleted', id: target.id, subscription: target });
  }
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
  if (outcome.items.length === 0 && outcome.evicted.length === 0 && !outcome.pruned?.length) {
    return which ? new ActionError(`${which}${errorMessage(error)}`) : (error as Error);
  }
  outcome.result = sumUp(outcome.items);
  const doneItems = [...outcome.items, ...(outcome.pruned ?? [])];
  const done =
    doneItems.length > 0
      ? ` (done before it: ${doneItems.map((i) => `${shown(i.result === 'deleted' ? `${i.event} (${i.id})` : i.event)} ${i.result}`).join(', ')})`
      : '';
  return new PartialFailure(`${which}${errorMessage(error)}${done}`, outcome);
}

/** A few IDs, then how many more: a workspace full of duplicates must not flood the log. */
function listIds(subscriptions: Subscription[], max = 5): string {
  const shownIds = subscriptions.slice(0, max).map((s) => shown(s.id)).join(', ');
  return subscriptions.length > max ? `${shownIds} and ${subscriptions.length - max} more` : shownIds;
}

/** The set's result: created if any was created, else updated if any changed, else unchanged. */
function sumUp(items: ItemOutcome[]): Result {
  for (const result of ['created', 'updated', 'deleted'] as const) if (items.some((i) => i.result === result)) return result;
  return items.length > 0 && items.every((i) => i.result === 'not-found') ? 'not-found' : 'unchanged';
}
