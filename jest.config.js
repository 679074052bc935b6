// ESM all the way: ts-jest transpiles (types are checked by `npm run typecheck`), and the
// end-to-end suites run the built dist/ in child processes as GitHub's runner does.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { sourceMap: true } }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // StrykerJS's sandboxes (npm run test:mutation) hold a copy of the project.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  testTimeout: 30000,
};
