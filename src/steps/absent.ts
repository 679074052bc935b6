// `state: absent`: deletes the subscription named by subscription-id, or every match of the
// step's events (or, with sweep, of url-pattern outside keep-urls); a dry run only lists.
import type { BirdClient } from '../bird/client.js';
import type { Subscription } from '../bird/types.js';
import { identity, planDeletion } from '../plan/absent.js';
import type { ActionInputs } from '../plan/inputs.js';
import { describeIdentity } from '../plan/present.js';
import { shown } from '../text.js';
import { firstFailure, partialFailure, type EnsureDeps, type ItemOutcome, type Outcome } from './outcome.js';
import { inOrder } from './parallel.js';

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
