// Runs started together each created one: after writing, every run settles on the same
// subscription per event (plan/settle.ts) and deletes the other copies.
import type { Subscription } from '../bird/types.js';
import type { EventPlan } from '../plan/present.js';
import { settle } from '../plan/settle.js';
import { shown } from '../text.js';
import { converge, type Run } from './converge.js';
import { firstFailure, partialFailure, type Outcome, type Removal } from './outcome.js';
import { inOrder, type Task } from './parallel.js';
import { copyReason } from './removals.js';

/**
 * After creating: one more list. Where copies of an event's subscription now exist (runs started
 * together each created one), every run keeps the oldest and deletes the others, so they end with
 * one; a run whose own copy went outputs the kept one, converged to its key. Returns the list it
 * settled from.
 */
export async function settleCreated(run: Run, plans: EventPlan[], outcome: Outcome): Promise<Subscription[]> {
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
