// Entry point of the main step (dist/main/index.js).
import * as core from '@actions/core';
import { connect } from './bird/connect.js';
import { runMain } from './steps/run.js';
import { describeRun, writeSummary } from './steps/summary.js';

await runMain(core, {
  connect,
  writeSummary: (inputs, outcome) => writeSummary(core.summary, inputs, outcome),
  // @actions/github is heavy to load and only debug logging needs it.
  describeRun: async () => describeRun((await import('@actions/github')).context),
});
