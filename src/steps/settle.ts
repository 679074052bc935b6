// Runs started together each created one: after writing, every run settles on the same
// subscription per event (plan/settle.ts) and deletes the other copies; then, once the others have
// had time to do the same, it looks once more, so that its outputs and cleanup state name what exists.
//
// Why this holds without a lock: every run orders copies alike (oldest createdAt, then ID) and
// deletes only copies that come after the oldest it sees, so the oldest copy of all is never deleted
// by any run; a run that saw less than there was learns of it at the confirming list and adopts it.
import { ActionError } from '../bird/errors.js';
import type { Subscription } from '../bird/types.js';
import { chooseSigningKey, type KeyChoice } from '../plan/keys.js';
import type { Identity } from '../plan/match.js';
import type { EventPlan } from '../plan/present.js';
import { keySources, missingFrom, settle } from '../plan/settle.js';
import { shown } from '../text.js';
import { converge, type Run } from './converge.js';
import { firstFailure, partialFailure, type Outcome, type Removal } from './outcome.js';
import { inOrder, type Task } from './parallel.js';
import { copyReason } from './removals.js';
import { CONFIRM_JITTER_MS, CONFIRM_PAUSE_MS } from './confirm-pause.js';

export { CONFIRM_JITTER_MS, CONFIRM_PAUSE_MS };


/**
 * After creating: a settling list that shows this run's own writes, the survivor rule on it, then
 * the same again after CONFIRM_PAUSE_MS. Returns the last list it settled from.
 */
export async function settleCreated(run: Run, plans: EventPlan[], outcome: Outcome, choice: KeyChoice): Promise<Subscription[]> {
  // The items whose event this run created: the ones runs started together may have created too.
  const settling = outcome.items.flatMap((item, index) => (item.result === 'created' && item.id !== undefined && run.created.has(item.id) ? [index] : []));
  const rekeyed = new Set<string>();
  const wanted = settling.map((index) => (plans.find((p) => p.event === outcome.items[index].event) as EventPlan).wanted);
  const first = await listShowingOwn(run, wanted);
  await settleOn(run, plans, outcome, { indices: settling, list: first, choice, rekeyed });
  await run.client.pause(CONFIRM_PAUSE_MS, CONFIRM_JITTER_MS);
  const confirming = await listShowingOwn(run, wanted);
  await settleOn(run, plans, outcome, { indices: settling, list: confirming, choice, rekeyed });
  return confirming;
}

/**
 * A list showing every subscription this run created and still owns. One it does not show is
 * asked for by ID: gone (another run kept an older copy and deleted it) means it is no longer
 * this run's; there means the list is stale, and it lists again with the retries' backoff, up to
 * max-attempts lists. A subscription the list still leaves out after that is added from its GET:
 * the step proceeds on what it knows, with a warning (it exists and delivers; a copy another run
 * made may then survive as well, which the next run with if-exists: reuse deletes).
 */
async function listShowingOwn(run: Run, wanted: Identity[]): Promise<Subscription[]> {
  const { client, deps } = run;
  // An own copy found deleted in any round: the run that deleted it had listed the copy it keeps.
  let goneSome = false;
  for (let round = 1; ; round++) {
    const list = await client.listAll();
    const missing = missingFrom(list, run.created);
    // An event this run created for with no subscription in the list: the copy another run kept
    // (after deleting this run's) does not show yet either.
    const unseen = wanted.some((w) => settle(list, w) === undefined);
    if (missing.length === 0 && (!unseen || round >= client.maxAttempts)) return list;
    if (missing.length === 0) {
      deps.info("Bird's list does not show yet the subscription another run keeps in place of this run's (lists can lag behind writes); listing again");
      await client.backoff(round);
      continue;
    }
    const found: Subscription[] = [];
    for (const id of missing) {
      const got = await client.get(id);
      if (got) {
        found.push(got);
        continue;
      }
      deps.info(`Subscription ${shown(id)}, which this run created, is gone: another run started together keeps an older copy`);
      goneSome = true;
      run.created.delete(id);
      deps.onRemoved(id);
    }
    if (found.length === 0 && !unseen) return list;
    if (found.length === 0) continue;
    const ids = found.map((s) => shown(s.id)).join(', ');
    // The run that deleted one of this run's copies had listed the copy it keeps: one more list shows
    // it, where this round's list (taken before it showed) would leave the event with none.
    const oneMore = goneSome && unseen && round === client.maxAttempts;
    if (round >= client.maxAttempts && !oneMore) {
      deps.warning(
        `Bird's list still does not show ${ids}, which this run created and which exists, after ${round} lists; settled on what this run knows, so a copy another run made at the same time may remain (a re-run deletes it), and this run's own outputs may then name a subscription another run deletes`,
      );
      return [...list, ...found];
    }
    deps.info(`Bird's list does not show ${ids} yet, which this run created and which exists (lists can lag behind writes); listing again`);
    await client.backoff(round);
  }
}

/**
 * Applies the survivor rule of `list` to the items at `indices`: keeps the oldest copy, converged
 * to the step's key; deletes the others; an item whose own copy went names the kept one.
 */
interface Round {
  /** The items to settle. */
  indices: number[];
  /** The list they are settled on. */
  list: Subscription[];
  /** The key choice of the first list; the settling list may show a key it did not. */
  choice: KeyChoice;
  /** This run's own subscriptions already given a key the settling list showed. */
  rekeyed: Set<string>;
}

async function settleOn(run: Run, plans: EventPlan[], outcome: Outcome, { indices, list, choice, rekeyed }: Round): Promise<void> {
  keyFromSettlingList(run, plans, outcome, list, choice);
  const tasks: Task<void>[] = [];
  const settled: { index: number; removed: Removal[] }[] = [];
  for (const index of indices) {
    const item = outcome.items[index];
    const plan = plans.find((p) => p.event === item.event) as EventPlan;
    const settlement = settle(list, plan.wanted);
    const ours = item.id as string;
    if (!settlement) {
      throw new ActionError(`The subscription for ${shown(item.event)}, ${shown(ours)}, is gone and no copy of it is left: someone deleted it while this step ran; re-run the step`);
    }
    const keep = settlement.keep;
    const own = run.created.has(keep.id);
    // Created with the first list's key, which a key the settling list showed has replaced.
    const rekey = own && keep.id === ours && run.signingKey !== choice.key && !rekeyed.has(ours);
    if (keep.id === ours && settlement.remove.length === 0 && !rekey) continue;
    const entry = { index, removed: [] as Removal[] };
    settled.push(entry);
    tasks.push(async (log) => {
      const reason = copyReason(keep);
      if (keep.id !== ours) {
        log(`Another run created a subscription for ${shown(item.event)} at the same time: keeping the oldest, ${shown(keep.id)}, in place of ${shown(ours)}`);
      }
      const key = keep.signingKey;
      if (typeof key === 'string' && key !== '') run.deps.mask(key);
      const lines: string[] = [];
      // Settled each on its own: what was done is recorded even when one of them fails.
      const [kept, ...gone] = await Promise.allSettled([
        keep.id === ours && !rekey ? Promise.resolve(item) : converge(run, keep.id === ours ? (item.subscription ?? keep) : keep, item.event, (line) => lines.push(line)),
        ...settlement.remove.map((copy) => run.client.remove(copy.id)),
      ]);
      lines.forEach((line) => log(line));
      // What this item named before is gone when the rule keeps another and its delete did not fail.
      let oursGone = keep.id !== ours;
      settlement.remove.forEach((copy, i) => {
        const result = gone[i];
        if (copy.id === ours && result.status === 'rejected') oursGone = false;
        if (result.status !== 'fulfilled' || result.value !== 'deleted') return;
        log(`Deleted subscription ${shown(copy.id)}: ${reason}`);
        entry.removed.push({ kind: 'copy', subscription: copy, reason });
      });
      if (oursGone) {
        // Never reported, never cleaned up: it is gone (by this run's hand or another's).
        if (run.created.delete(ours)) run.deps.onRemoved(ours);
        outcome.items[index] = kept.status === 'fulfilled' ? kept.value : { event: item.event, result: 'unchanged', id: keep.id, subscription: keep };
      } else if (kept.status === 'fulfilled' && rekey) {
        rekeyed.add(ours);
        outcome.items[index] = { ...kept.value, result: item.result };
      }
      const failed = [kept, ...gone].find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
  }
  const results = await inOrder(tasks, run.deps.info);
  outcome.removed.push(...settled.flatMap((s) => s.removed));
  const failure = firstFailure(results, (i) => (plans.length > 1 ? outcome.items[settled[i].index].event : undefined));
  if (failure) throw partialFailure(failure.error, failure.label, outcome);
}

/**
 * The key rule again, on what the settling list shows besides this run's own subscriptions: where
 * the first list left out a subscription of the URL that shows a key (an entry left out, a list that
 * lagged), that key is kept and this run's own subscriptions get it; one this run did not create is
 * never given a new key except by signing-key or signing-key-seed.
 */
function keyFromSettlingList(run: Run, plans: EventPlan[], outcome: Outcome, list: Subscription[], choice: KeyChoice): void {
  if (choice.source === 'signing-key' || choice.source === 'signing-key-seed') return;
  // Only what existed before this run's first list: copies runs started together made meanwhile
  // carry either key (re-keyed by their run or not yet) and must neither pick nor refuse one.
  const others = keySources(list, run.created, run.firstListAt);
  const targets = plans.map((p) => settle(others, p.wanted)?.keep);
  const next = chooseSigningKey(run.inputs, others, targets, () => run.deps.derivedKey);
  if (next.source !== 'shown' || next.key === run.signingKey) return;
  run.deps.mask(next.key);
  run.deps.info("Bird's list now shows a signing key on a subscription of this URL that the first list did not show: keeping that key, and giving it to this run's own subscriptions");
  run.signingKey = next.key;
  outcome.signingKey = next.key;
}
