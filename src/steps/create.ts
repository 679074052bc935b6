// Creating one event's subscription: making room under Bird's limit first, adopting a create whose
// answer was lost, and looking again when Bird refuses for its limit after another run took a slot.
import { ActionError, BirdApiError, errorMessage } from '../bird/errors.js';
import type { CreateBody, Subscription } from '../bird/types.js';
import { decideContention, LIMIT_ROUNDS_PER_ATTEMPT, notGivenBack, waitingLine, yieldSentence, type Contention } from '../plan/contention.js';
import { birdNow, limitMessage, occupants } from '../plan/limit.js';
import { findMatches, inCombinations } from '../plan/match.js';
import { sameUrl } from '../plan/same-url.js';
import { describeCombination, fullMessage, replanAfterRefusal, type EventPlan } from '../plan/present.js';
import { shown } from '../text.js';
import { converge, type Run } from './converge.js';
import { inOrder } from './parallel.js';
import type { ItemOutcome } from './outcome.js';

/** The step failed for Bird's limit: what it created for its URL in this run is given back. */
export class LimitRefusal extends ActionError {}

/** One eviction: its subscription, and the plan it makes room for (for the log line). */
export interface Eviction {
  plan: EventPlan;
  victim: Subscription;
}

/** The evictions of all plans, each subscription once, in the order of the plans. */
export function evictionsOf(plans: EventPlan[]): Eviction[] {
  const seen = new Set<string>();
  return plans.flatMap((plan) => plan.evict.filter((v) => !seen.has(v.id) && seen.add(v.id)).map((victim) => ({ plan, victim })));
}

/** Deletes one victim, recording it when deleted; the log line says what happened. */
export async function evictOne(run: Run, { plan, victim }: Eviction, evicted: Subscription[], log: (line: string) => void): Promise<void> {
  const gone = await run.client.remove(victim.id);
  if (gone === 'deleted') evicted.push(victim);
  log(
    `Bird's limit of five is reached for ${describeCombination(plan.wanted)}: ` +
      `${gone === 'deleted' ? 'evicted' : 'found already gone'} the oldest subscription matching url-pattern, ${shown(victim.id)}, so ${shown(victim.url)} no longer receives these events`,
  );
}

/**
 * Deletes every eviction, a few at a time, each tried even when another fails (so a preview is not
 * left with part of its events); what was deleted, in the order given, and the first failure.
 */
export async function evictAll(run: Run, evictions: Eviction[]): Promise<{ evicted: Subscription[]; failure?: { error: unknown; event: string } }> {
  const done: Subscription[][] = evictions.map(() => []);
  const results = await inOrder(
    evictions.map((e, i) => async (log: (line: string) => void) => {
      try {
        await evictOne(run, e, done[i], log);
        return undefined;
      } catch (error) {
        return { error, event: e.plan.event };
      }
    }),
    run.deps.info,
  );
  const failure = results.map((r) => (r?.ok ? r.value : undefined)).find((f) => f !== undefined);
  return { evicted: done.flat(), failure };
}

/**
 * Deletes the plan's evictions (with several events, whole previews), recording each one deleted.
 * Every one is tried even when one fails, so a preview is not left with part of its events by a
 * failure part way; the first failure is thrown after.
 */
export async function evict(run: Run, plan: EventPlan, evicted: Subscription[], log: (line: string) => void): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const victim of plan.evict) {
    try {
      await evictOne(run, { plan, victim }, evicted, log);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

export async function create(run: Run, first: EventPlan, evicted: Subscription[], log: (line: string) => void): Promise<ItemOutcome> {
  const { client, inputs } = run;
  let plan = first;
  // The contention this run last waited on: younger previews deploying together that were to give places back.
  let waited: Contention | undefined;
  // Tries since the list last changed (besides this run's own URL), and what it showed then.
  let tries = 0;
  // Rounds in a row spent waiting (for a younger preview to give its places back, or for a list
  // behind Bird): their backoff grows with them up to a ceiling of 4 s (the third), so a wait polls
  // about every 2 s.
  let waits = 0;
  let seen = othersInCombinations(run.firstList, inputs);
  for (let round = 1; ; round++) {
    // Another event of this run yielded its places: this one stops too (the step gives back what it created).
    stopIfYielded(run);
    // The first plan's evictions ran before any create (present.ts), all previews at once.
    if (round > 1) await evict(run, plan, evicted, log);
    tries++;
    try {
      run.creating++;
      return await createOne(run, plan, log);
    } catch (error) {
      if (!isLimitError(error)) throw error;
      if (tries >= client.maxAttempts || round >= LIMIT_ROUNDS_PER_ATTEMPT * client.maxAttempts) throw new LimitRefusal(await limitRefusal(run, plan, waited, round));
    } finally {
      run.creating--;
    }
    // Another run took the slot after this one looked: look again, make room again, within the retries' bounds.
    log(`Bird refused the create for ${describeCombination(plan.wanted)} for its limit of five (another run took a slot); looking again`);
    // One wait a round; another event of this run yielding ends it at once.
    await client.backoff(waits > 0 ? Math.min(waits, 3) : tries, run.halt.signal);
    stopIfYielded(run);
    const listed = await client.listAll();
    const now = othersInCombinations(listed, inputs);
    if (now !== seen) tries = 0;
    seen = now;
    const request = { ...inputs, now: birdNow(client.lastListDate, Date.now()) };
    const next = replanAfterRefusal(listed, plan, request, (s) => run.firstSeen.has(s.id));
    if (typeof next === 'string') {
      // Nothing this run may evict: of the previews deploying together that hold part of their
      // events, the youngest gives its places back and the others wait for them (plan/contention.ts).
      const contention = decideContention(listed, request);
      // While another create of this run is still on its way, the list cannot show all this run holds.
      if (contention.yields && (run.creating === 0 || !contention.applies)) {
        const sentence = yieldSentence(contention, inputs.url);
        const message = sentence === '' ? next : `Bird refused the create (HTTP 422). ${limitMessage(describeCombination(plan.wanted), occupants(listed, plan.wanted), shown, sentence)}`;
        run.yielding = { event: plan.event, message };
        run.halt.abort();
        throw new LimitRefusal(message);
      }
      if (contention.yields) {
        log(`Bird's limit of five is reached for ${describeCombination(plan.wanted)}; another create of this run is still on its way: trying again`);
      } else {
        log(waitingLine(describeCombination(plan.wanted), contention, inputs.url));
        // A younger preview is still to give its places back: waiting for it is not a wasted try
        // (max-attempts); the bound of three times max-attempts tries in all still holds.
        waited = contention;
        tries = 0;
        waits++;
      }
      plan = { ...plan, target: undefined, others: [], evict: [] };
      continue;
    }
    waited = undefined;
    // Bird has just refused, yet this list shows room: it is behind Bird (lists can lag behind
    // writes), or a place was freed meanwhile. Not a wasted try; its waits grow as a wait's do.
    const behind = next.target === undefined && next.evict.length === 0;
    waits = behind ? waits + 1 : 0;
    if (behind) tries = Math.max(0, tries - 1);
    // A run started together created this very subscription meanwhile: reuse it.
    if (next.target) return converge(run, next.target, plan.event, log);
    plan = next;
  }
}

function stopIfYielded(run: Run): void {
  if (run.yielding) throw new LimitRefusal(run.yielding.message);
}

/** The step's combinations on a list, but for this run's own URL: what tells that others moved. */
function othersInCombinations(list: readonly Subscription[], inputs: Run['inputs']): string {
  return inCombinations(list, inputs)
    .filter((s) => !sameUrl(s.url, inputs.url))
    .map((s) => s.id)
    .sort()
    .join(',');
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

/** Bird refused the create for its limit although the pre-flight saw room: someone took the slot meanwhile. */
function isLimitError(error: unknown): boolean {
  if (!(error instanceof BirdApiError) || error.status !== 422) return false;
  const { code, message } = (error.body ?? {}) as { code?: unknown; message?: unknown };
  return /limit/i.test(`${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`);
}

async function limitRefusal(run: Run, plan: EventPlan, waited: Contention | undefined, tries: number): Promise<string> {
  const { client, inputs } = run;
  let taken: Subscription[] = [];
  try {
    taken = occupants(await client.listAll(), plan.wanted);
  } catch {
    // The message can do without the occupants.
  }
  const request = { ...inputs, now: birdNow(client.lastListDate, Date.now()) };
  if (waited !== undefined) {
    return `Bird refused the create (HTTP 422). ${limitMessage(describeCombination(plan.wanted), taken, shown, notGivenBack(waited, inputs.url, client.maxAttempts, tries))}`;
  }
  // Past the bound in all (tries that followed changes on the list), not max-attempts unchanged lists in a row.
  const bound = LIMIT_ROUNDS_PER_ATTEMPT * client.maxAttempts;
  const spent = tries >= bound ? ` It made ${tries} tries for this event, the most it makes (three times max-attempts ${client.maxAttempts}): the list kept changing, or kept showing room that Bird refused.` : '';
  return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, request, true)}${spent}`;
}
