// `npm run test:mutation`: StrykerJS mutates the pure rules (src/plan, src/text.ts) and runs the unit
// suites (jest.mutation.config.js) against each mutant. See CONTRIBUTING.md, "Mutation testing".
// One module: `npm run test:mutation -- --mutate src/plan/limit.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js' },
  // Jest runs the suites as ES modules (ts-jest, useESM), as `npm test` does.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  mutate: ['src/plan/**/*.ts', 'src/text.ts'],
  // ts-jest only transpiles (tsconfig.json's isolatedModules), so a mutant's type errors stop
  // nothing; and Stryker's default '// @ts-nocheck' line would make the generated
  // src/plan/declared-inputs.ts differ from what `npm run docs` renders (undeclared-inputs.test.ts).
  disableTypeChecks: false,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A Jest runner grows slower with every run (its module registries are not all freed); a fresh
  // process every 20 mutants halves a full run.
  maxTestRunnerReuse: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'build', 'coverage', 'reports', '.bench'],
  thresholds: { high: 90, low: 80, break: null },
};
