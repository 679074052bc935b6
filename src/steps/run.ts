// The main step: mask, parse, ensure, output. Dependencies come in so tests can drive it.
import type { BirdClient } from '../bird/client.js';
import type { ConnectOptions } from '../bird/connect.js';
import type { ActionCore } from './core.js';
import { ensureAbsent, ensurePresent, PartialFailure, type Outcome } from './ensure.js';
import type { ReceiverReport } from './check-receiver.js';
import type { DeliveriesReport } from './check-deliveries.js';
import type { SummaryOutcome } from './summary.js';
import { ActionError, errorMessage } from '../bird/errors.js';
import { parseInputs, type ActionInputs } from '../plan/inputs.js';
import { deriveSigningKey } from '../plan/signing-key.js';
import { actsOn } from '../plan/acts-on.js';
import { debugLog, maskSecrets } from './secrets.js';
import { CLEANUP_STATE, type CleanupState } from './state.js';

export interface MainDeps {
  connect: (options: ConnectOptions, log: (message: string) => void) => BirdClient;
  writeSummary: (inputs: ActionInputs, outcome: SummaryOutcome) => Promise<void>;
  /** Which workflow run this is; only asked for with step debug logging on. */
  describeRun: () => Promise<string>;
}

export async function runMain(core: ActionCore, deps: MainDeps): Promise<void> {
  // Every secret input is registered before anything at all is printed.
  const mask = maskSecrets(core);
  try {
    // The runner warns about inputs action.yml does not declare; outside it (local-action, tests) the step does.
    if (process.env.GITHUB_ACTIONS !== 'true') for (const m of (await import('../plan/undeclared-inputs.js')).undeclaredInputs(process.env)) core.warning(m);
    const inputs = parseInputs((name) => core.getInput(name), (message) => core.warning(message));
    // Without signing-key the key is derived (before any request: an over-long URL is an input
    // error), and masked before anything about a subscription is printed.
    const derivedKey =
      inputs.state === 'present' && inputs.signingKey === undefined ? deriveSigningKey(inputs.signingKeySeed ?? inputs.accessKey, inputs) : '';
    mask(derivedKey);
    if (core.isDebug()) core.debug(await deps.describeRun());
    // Entries of the list the step does not act on may break Bird's contract without stopping it.
    const client = deps.connect({ ...inputs, debug: debugLog(core), mask, mustFit: (entry) => actsOn(entry, inputs) }, (message) => core.info(message));
    const created: string[] = [];

    let outcome: Outcome;
    try {
      outcome =
        inputs.state === 'absent'
          ? await ensureAbsent(client, inputs, { info: (m) => core.info(m), warning: (m) => core.warning(m) })
          : await ensurePresent(client, inputs, {
              derivedKey,
              mask,
              info: (m) => core.info(m),
              warning: (m) => core.warning(m),
              notice: (m) => core.notice(m),
              onCreated: (id) => {
                created.push(id);
                if (inputs.cleanup) core.saveState(CLEANUP_STATE, JSON.stringify(cleanupState(created)));
              },
              // A run started together keeps an older copy: ours is gone, and the post step must
              // not delete the copy every run now uses. The last saved value is the one the post step reads.
              onRemoved: (id) => {
                const at = created.indexOf(id);
                if (at < 0) return;
                created.splice(at, 1);
                if (inputs.cleanup) core.saveState(CLEANUP_STATE, created.length > 0 ? JSON.stringify(cleanupState(created)) : '');
              },
            });
    } catch (error) {
      // Part of a set was done: hand that over before failing, so later steps and a re-run see it.
      if (error instanceof PartialFailure) {
        writeOutputs(core, error.outcome, mask);
        core.setOutput('receiver', 'off');
        core.setOutput('deliveries', '[]');
        await summarize(core, deps, inputs, error.outcome);
      }
      throw error;
    }

    writeOutputs(core, outcome, mask);
    core.info(outcome.dryRun ? `Result: ${outcome.result} (dry run: nothing was changed)` : `Result: ${outcome.result}`);
    const receiver = await checkReceiver(core, inputs, outcome, mask);
    const deliveries = await checkDeliveryLogs(core, client, inputs, outcome);
    await summarize(core, deps, inputs, { ...outcome, receiver, deliveries });
    const failures: string[] = [];
    if (receiver?.result === 'failed') {
      failures.push(`check-receiver: ${receiver.failures.join('; ')}. The subscriptions stay in place (result: ${outcome.result}); fix the receiver and re-run`);
    }
    if (deliveries?.mode === 'fail' && deliveries.problems.length > 0) failures.push(`check-deliveries: ${deliveries.problems.join('; ')}`);
    if (failures.length > 0) throw new ActionError(failures.join('. '));
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

/** check-receiver once the subscriptions are in place; its code is loaded only when it sends something. */
async function checkReceiver(core: ActionCore, inputs: ActionInputs, outcome: Outcome, mask: (secret: string) => void): Promise<ReceiverReport | undefined> {
  if (inputs.checkReceiver === 'off' || inputs.state !== 'present' || outcome.dryRun) {
    if (inputs.checkReceiver !== 'off') core.info(`Receiver check: nothing sent (${outcome.dryRun ? 'dry run' : 'state: absent'})`);
    core.setOutput('receiver', 'off');
    return undefined;
  }
  const { checkReceivers } = await import('./check-receiver.js');
  const report = await checkReceivers(inputs, outcome, { info: (m) => core.info(m), warning: (m) => core.warning(m), mask });
  core.setOutput('receiver', report.result);
  return report;
}

/** check-deliveries: Bird's delivery logs of the kept subscriptions; its code is loaded only when it reads them. */
async function checkDeliveryLogs(core: ActionCore, client: BirdClient, inputs: ActionInputs, outcome: Outcome): Promise<DeliveriesReport | undefined> {
  if (inputs.checkDeliveries === 'off' || inputs.state !== 'present') {
    if (inputs.checkDeliveries !== 'off') core.info('Deliveries: no log read (state: absent)');
    core.setOutput('deliveries', '[]');
    return undefined;
  }
  const { checkDeliveries, deliveriesOutput } = await import('./check-deliveries.js');
  const report = await checkDeliveries(client, inputs, outcome, { info: (m) => core.info(m), warning: (m) => core.warning(m) });
  core.setOutput('deliveries', deliveriesOutput(report));
  return report;
}

async function summarize(core: ActionCore, deps: MainDeps, inputs: ActionInputs, outcome: SummaryOutcome): Promise<void> {
  try {
    await deps.writeSummary(inputs, outcome);
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

/** Outputs of the set; IDs are UUIDs checked by the client, so every output is one line. */
function writeOutputs(core: ActionCore, outcome: Outcome, mask: (secret: string) => void): void {
  const items = outcome.items;
  // A key read back from Bird is masked before it goes anywhere; a dry run outputs nothing secret.
  const signingKey = outcome.dryRun ? '' : (outcome.signingKey ?? '');
  mask(signingKey);
  // One place per item, in the order of events, even where a dry run has no ID yet.
  core.setOutput('subscription-id', items.map((i) => i.id ?? '').join(','));
  core.setOutput('signing-key', signingKey);
  core.setOutput('status', items.some((i) => i.result === 'deleted') ? '' : items.map((i) => i.subscription?.status ?? '').join(','));
  core.setOutput('result', outcome.result);
  core.setOutput('evicted', outcome.evicted.map((s) => s.id).join(','));
  core.setOutput(
    'subscriptions',
    JSON.stringify([...items, ...(outcome.pruned ?? [])].map((i) => ({ event: i.event, id: i.id ?? null, url: i.subscription?.url ?? null, status: i.subscription?.status ?? null, result: i.result }))),
  );
}

function cleanupState(ids: string[]): CleanupState {
  // Only the IDs: the post step takes everything else from its own inputs.
  return { subscriptionIds: [...ids] };
}
