// Entry point of the main step (dist/main/index.js).
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { connect } from './connect.js';
import { runMain } from './run.js';
import { writeSummary } from './summary.js';

await runMain(core, {
  connect,
  randomKey: () => randomBytes(32).toString('base64'),
  writeSummary: (inputs, outcome) => writeSummary(core.summary, inputs, outcome),
});
