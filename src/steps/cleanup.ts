// The post step: delete the subscriptions this run created, when cleanup was asked for.
// Best effort: a failure here is a warning, never a failed job. Only the IDs come from saved
// state; the API URL, workspace, key and retry settings come from the step's own inputs (the
// runner gives the post step the same `with:` values), validated as in the main step.
import type { BirdClient } from '../bird/client.js';
import type { ConnectOptions } from '../bird/connect.js';
import type { ActionCore } from './core.js';
import { errorMessage } from '../bird/errors.js';
import { isTrue, parseConnection, type ConnectionInputs } from '../plan/inputs.js';
import { CLEANUP_STATE, parseCleanupState } from './state.js';
import { debugLog, maskSecrets } from './secrets.js';
import { inOrder } from './parallel.js';

export interface PostDeps {
  connect: (options: ConnectOptions, log: (message: string) => void) => BirdClient;
}

export async function runPost(core: ActionCore, deps: PostDeps): Promise<void> {
  // Every secret the step was given, registered before anything is printed (an error body from
  // Bird could echo any of them).
  const mask = maskSecrets(core);
  const saved = core.getState(CLEANUP_STATE);
  if (!saved) {
    core.info('Nothing to clean up: this run created no subscription with cleanup enabled');
    return;
  }
  let ids: string[];
  try {
    ids = parseCleanupState(saved);
  } catch (error) {
    core.warning(`Cleanup skipped: the saved cleanup state was ignored because ${errorMessage(error)}; nothing was deleted`);
    return;
  }
  const what = `subscription${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`;
  // The state alone never deletes anything: the step must have been asked to clean up.
  if (!isTrue(core.getInput('cleanup'))) {
    core.warning(`Cleanup skipped: state asks to delete ${what}, but input 'cleanup' is not true; nothing was deleted`);
    return;
  }
  let connection: ConnectionInputs;
  try {
    connection = parseConnection((name) => core.getInput(name));
  } catch (error) {
    core.warning(`Cleanup of ${what} skipped: ${errorMessage(error)}`);
    return;
  }
  const client = deps.connect({ ...connection, debug: debugLog(core), mask }, (m) => core.info(m));
  // A few deletes at a time; each prints its line (or warning) in the order of the saved IDs.
  // A failed delete is a warning, and the others go on.
  await inOrder<void, { text: string; warning?: boolean }>(
    ids.map((id) => async (log) => {
      try {
        const outcome = await client.remove(id);
        log({ text: outcome === 'deleted' ? `Cleanup: deleted subscription ${id}` : `Cleanup: subscription ${id} was already gone` });
      } catch (error) {
        log({ text: `Cleanup of subscription ${id} failed: ${errorMessage(error)}`, warning: true });
      }
    }),
    (line) => (line.warning ? core.warning(line.text) : core.info(line.text)),
  );
}
