// The post step: delete the subscription this run created, when cleanup was asked for.
// Best effort: a failure here is a warning, never a failed job.
import type { BirdClient } from '../bird/client.js';
import type { ConnectOptions } from '../bird/connect.js';
import type { ActionCore } from './core.js';
import { errorMessage } from '../bird/errors.js';
import { CLEANUP_STATE, type CleanupState } from './state.js';

export interface PostDeps {
  connect: (options: ConnectOptions, log: (message: string) => void) => BirdClient;
}

export async function runPost(core: ActionCore, deps: PostDeps): Promise<void> {
  const accessKey = core.getInput('access-key');
  if (accessKey) core.setSecret(accessKey);
  const saved = core.getState(CLEANUP_STATE);
  if (!saved) {
    core.info('Nothing to clean up: this run created no subscription with cleanup enabled');
    return;
  }
  let id = 'unknown';
  try {
    const state = JSON.parse(saved) as CleanupState;
    id = state.subscriptionId;
    const client = deps.connect({ ...state, accessKey, apiUrl: new URL(state.apiUrl), mask: (s) => core.setSecret(s) }, (m) => core.info(m));
    const outcome = await client.remove(id);
    core.info(outcome === 'deleted' ? `Cleanup: deleted subscription ${id}` : `Cleanup: subscription ${id} was already gone`);
  } catch (error) {
    core.warning(`Cleanup of subscription ${id} failed: ${errorMessage(error)}`);
  }
}
