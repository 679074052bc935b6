// ESM all the way: ts-jest transpiles (types are checked by `npm run typecheck`), and the
// end-to-end suites run the built dist/ in child processes as GitHub's runner does.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Source maps on (tsconfig.json has them off for tsc): failure frames point at the failing line.
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { sourceMap: true } }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // StrykerJS's sandboxes (npm run test:mutation) hold a copy of the project.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  // The end-to-end suites mostly wait (on child processes, Retry-After, deadlines), so two workers
  // overlap those waits even on two cores (Jest's default there is one). A test that hangs fails at
  // 30 s; the slowest take a few seconds, several times that on a busy machine.
  maxWorkers: 2,
  testTimeout: 30000,
};
