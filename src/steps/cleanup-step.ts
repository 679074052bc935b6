// The post step's real work, wired to the toolkit; loaded only when there is something to clean up.
import * as core from '@actions/core';
import { runPost } from './cleanup.js';
import { connect } from '../bird/connect.js';

export function runCleanupStep(): Promise<void> {
  return runPost(core, { connect });
}
