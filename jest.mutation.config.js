// The unit suites only, for `npm run test:mutation` (stryker.config.mjs): the end-to-end suites and
// the project/demo/entries checks run the built dist/, which Stryker's mutants never reach (and which
// Stryker's sandbox does not hold); mutation-sequencer tests this tooling, not the rules.
import base from './jest.config.js';

export default {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$', '/__tests__/(demo|entries|project|mutation-sequencer)\\.test\\.ts$'],
  // Runs only the files that hold the tests a mutant needs (scripts/mutation-sequencer.ts).
  testSequencer: '<rootDir>/scripts/mutation-sequencer.ts',
};
