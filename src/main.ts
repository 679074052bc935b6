// Entry point of the main step (dist/main/index.js).
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { connect } from './connect.js';
import { runMain } from './run.js';
import { describeRun, writeSummary } from './summary.js';

await runMain(core, {
  connect,
  randomKey: () => randomBytes(32).toString('base64'),
  writeSummary: (inputs, outcome) => writeSummary(core.summary, inputs, outcome),
  // @actions/github is heavy to load and only debug logging needs it.
  describeRun: async () => describeRun((await import('@actions/github')).context),
});
