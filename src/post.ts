// The post step: run() deletes what the main step created with cleanup on. Saved state is read
// through @actions/core only (core.getState in runPost), so local-action's stand-in works too.
// The runner's entry dist/post.js loads this only when there is saved cleanup state.
import * as core from '@actions/core';
import { connect } from './bird/connect.js';
import { runPost } from './steps/cleanup.js';

export function run(): Promise<void> {
  return runPost(core, { connect });
}
