// Brings the workspace to the requested state: the subscription present (created, reused or
// converged) or absent. All I/O goes through the BirdClient.
import type { BirdClient } from '../bird/client.js';
import { ActionError } from '../bird/errors.js';
import type { ActionInputs } from '../plan/inputs.js';
import { findMatches, type Identity } from '../plan/match.js';
import { planConverge } from '../plan/converge.js';
import type { CreateBody, Result, Subscription } from '../bird/types.js';

export interface Outcome {
  result: Result;
  subscription?: Subscription;
  /** The key the subscription has after the step. */
  signingKey?: string;
  deletedIds?: string[];
}

export interface EnsureDeps {
  /** The key derived for this endpoint (signing-key.ts), already registered as a secret; used without `signing-key`. */
  derivedKey: string;
  info: (message: string) => void;
  warning: (message: string) => void;
  /** Called as soon as this run owns a new subscription, before anything else can fail. */
  onCreated: (id: string) => void;
}

export function identityOf(inputs: ActionInputs): Identity {
  return { service: inputs.service, event: inputs.event, url: inputs.url, eventFilters: inputs.eventFilters };
}

export async function ensurePresent(client: BirdClient, inputs: ActionInputs, deps: EnsureDeps): Promise<Outcome> {
  const wanted = identityOf(inputs);
  const existing = await client.listAll();
  const matches = findMatches(existing, wanted);

  if (matches.length > 0 && inputs.ifExists === 'fail') {
    throw new ActionError(
      `A matching subscription already exists (${matches.map((s) => s.id).join(', ')}) for ${describe(wanted)}, and if-exists is 'fail'`,
    );
  }
  if (matches.length > 0 && inputs.ifExists === 'reuse') {
    const [target, ...others] = matches;
    if (others.length > 0) {
      deps.warning(
        `${matches.length} subscriptions match ${describe(wanted)}; reusing the oldest, ${target.id}, and leaving ${others.map((s) => s.id).join(', ')} alone`,
      );
    }
    deps.info(`Found matching subscription ${target.id} (status ${target.status ?? 'unknown'})`);
    // A derived key does not replace a key Bird shows; a given one does.
    const given = inputs.signingKey !== undefined;
    return converge(client, target, inputs.signingKey ?? deps.derivedKey, given, inputs, deps, 'unchanged');
  }

  const signingKey = inputs.signingKey ?? deps.derivedKey;
  const body: CreateBody = { service: inputs.service, event: inputs.event, url: inputs.url, signingKey };
  if (inputs.eventFilters) body.eventFilters = inputs.eventFilters;
  if (inputs.template !== undefined) body.template = inputs.template;

  const known = new Set(existing.map((s) => s.id));
  const { subscription, adopted } = await client.create(body, async () => {
    // Ours is a match that was not there before; a visible key that differs is someone else's.
    const fresh = findMatches(await client.listAll(), wanted).filter(
      (s) => !known.has(s.id) && (s.signingKey === undefined || s.signingKey === '' || s.signingKey === signingKey),
    );
    if (fresh.length > 0) deps.info(`The create went through after all: adopting subscription ${fresh[0].id}`);
    return fresh[0];
  });
  deps.onCreated(subscription.id);
  if (!adopted) {
    deps.info(`Created subscription ${subscription.id}`);
    return { result: 'created', subscription, signingKey: subscription.signingKey || signingKey };
  }
  // Make sure the adopted one has the key we output, whatever the list showed.
  return converge(client, subscription, signingKey, true, inputs, deps, 'created');
}

async function converge(
  client: BirdClient,
  target: Subscription,
  signingKey: string,
  replaceShownKey: boolean,
  inputs: ActionInputs,
  deps: EnsureDeps,
  resultIfUnchanged: Result,
): Promise<Outcome> {
  const plan = planConverge(target, { signingKey, replaceShownKey, template: inputs.template });
  if (!plan.patch) return { result: resultIfUnchanged, subscription: target, signingKey: plan.signingKey };
  if (plan.reassertsKey) {
    deps.info(`Re-asserting the signing key of subscription ${target.id}: Bird does not show keys, so setting it is the only way to know it`);
  }
  const changed = Object.keys(plan.patch).filter((field) => !(plan.reassertsKey && field === 'signingKey'));
  if (changed.length > 0) deps.info(`Updating subscription ${target.id}: ${changed.join(', ')}`);
  const updated = await client.update(target.id, plan.patch);
  // Re-asserting a hidden key sends the value an earlier run with the same inputs already set.
  const result = resultIfUnchanged === 'created' || !plan.changes ? resultIfUnchanged : 'updated';
  return { result, subscription: updated, signingKey: plan.signingKey };
}

export async function ensureAbsent(client: BirdClient, inputs: ActionInputs, deps: Pick<EnsureDeps, 'info'>): Promise<Outcome> {
  if (inputs.subscriptionId !== undefined) {
    const outcome = await client.remove(inputs.subscriptionId);
    deps.info(outcome === 'deleted' ? `Deleted subscription ${inputs.subscriptionId}` : `Subscription ${inputs.subscriptionId} does not exist`);
    return outcome === 'deleted' ? { result: 'deleted', deletedIds: [inputs.subscriptionId] } : { result: 'not-found' };
  }
  const wanted = identityOf(inputs);
  const matches = findMatches(await client.listAll(), wanted);
  const deletedIds: string[] = [];
  for (const match of matches) {
    if ((await client.remove(match.id)) === 'deleted') {
      deletedIds.push(match.id);
      deps.info(`Deleted subscription ${match.id}`);
    }
  }
  if (deletedIds.length === 0) {
    deps.info(`No subscription matches ${describe(wanted)}; nothing to delete`);
    return { result: 'not-found' };
  }
  return { result: 'deleted', deletedIds };
}

function describe(wanted: Identity): string {
  const filters = wanted.eventFilters?.length ? ` with filters ${wanted.eventFilters.map((f) => `${f.key}=${f.value}`).join(', ')}` : '';
  return `${wanted.service} ${wanted.event} -> ${wanted.url}${filters}`;
}
