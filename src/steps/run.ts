// The main step: mask, parse, ensure, output. Dependencies come in so tests can drive it.
import type { BirdClient } from '../bird/client.js';
import type { ConnectOptions } from '../bird/connect.js';
import type { ActionCore } from './core.js';
import { ensureAbsent, ensurePresent, type Outcome } from './ensure.js';
import { errorMessage } from '../bird/errors.js';
import { parseInputs, type ActionInputs } from '../plan/inputs.js';
import { CLEANUP_STATE, type CleanupState } from './state.js';

export interface MainDeps {
  connect: (options: ConnectOptions, log: (message: string) => void) => BirdClient;
  randomKey: () => string;
  writeSummary: (inputs: ActionInputs, outcome: Outcome) => Promise<void>;
  /** Which workflow run this is; only asked for with step debug logging on. */
  describeRun: () => Promise<string>;
}

export async function runMain(core: ActionCore, deps: MainDeps): Promise<void> {
  const masked = new Set<string>();
  const mask = (value: string) => {
    if (value && !masked.has(value)) core.setSecret(value);
    masked.add(value);
  };
  try {
    // Register both secrets before anything at all is printed.
    mask(core.getInput('access-key'));
    mask(core.getInput('signing-key'));
    const inputs = parseInputs((name) => core.getInput(name), (message) => core.warning(message));
    if (core.isDebug()) core.debug(await deps.describeRun());
    const client = deps.connect({ ...inputs, mask }, (message) => core.info(message));

    const outcome =
      inputs.state === 'absent'
        ? await ensureAbsent(client, inputs, { info: (m) => core.info(m) })
        : await ensurePresent(client, inputs, {
            generateKey: () => {
              const key = deps.randomKey();
              mask(key);
              return key;
            },
            info: (m) => core.info(m),
            warning: (m) => core.warning(m),
            onCreated: (id) => {
              if (!inputs.cleanup) return;
              const state: CleanupState = {
                subscriptionId: id,
                apiUrl: inputs.apiUrl.href,
                workspaceId: inputs.workspaceId,
                organizationId: inputs.organizationId,
                maxAttempts: inputs.maxAttempts,
                timeoutMs: inputs.timeoutMs,
              };
              core.saveState(CLEANUP_STATE, JSON.stringify(state));
            },
          });

    // A key read back from Bird is masked before it goes anywhere.
    if (outcome.signingKey) mask(outcome.signingKey);
    core.setOutput('subscription-id', outcome.subscription?.id ?? outcome.deletedIds?.join(',') ?? '');
    core.setOutput('signing-key', outcome.signingKey ?? '');
    core.setOutput('status', outcome.subscription?.status ?? '');
    core.setOutput('result', outcome.result);
    core.info(`Result: ${outcome.result}`);

    try {
      await deps.writeSummary(inputs, outcome);
    } catch (error) {
      core.warning(`Could not write the job summary: ${errorMessage(error)}`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
