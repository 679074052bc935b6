// The unit suites only, for `npm run test:mutation` (stryker.config.mjs): the end-to-end suites and
// the project/demo/entries checks run the built dist/, which Stryker's mutants never reach (and which
// Stryker's sandbox does not hold).
import base from './jest.config.js';

export default {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$', '/__tests__/(demo|entries|project)\\.test\\.ts$'],
};
