// Entry point of the post step (dist/post/index.js). The runner runs it after every job that
// used the action, cleanup or not; so when the main step saved nothing to clean up, it ends
// before loading the toolkit and the HTTP client (the runner hands saved state over as STATE_*).
import { CLEANUP_STATE } from './steps/state.js';

if (process.env[`STATE_${CLEANUP_STATE}`]) {
  const { runCleanupStep } = await import('./steps/cleanup-step.js');
  await runCleanupStep();
}
