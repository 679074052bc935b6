// The main step, as GitHub's action template has it: run() does the step, the entries call it
// (dist/main.js through the shared bundle, or `npm run local-action`).
import * as core from '@actions/core';
import { connect } from './bird/connect.js';
import { runMain } from './steps/run.js';
import { describeRun, writeSummary } from './steps/summary.js';

export function run(): Promise<void> {
  return runMain(core, {
    connect,
    writeSummary: (inputs, outcome) => writeSummary(core.summary, inputs, outcome),
    // @actions/github is heavy to load and only debug logging needs it.
    describeRun: async () => describeRun((await import('@actions/github')).context),
  });
}
