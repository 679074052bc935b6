// The test sequencer of `npm run test:mutation` (jest.mutation.config.js): it leaves out the test
// files that hold none of the tests a mutant needs, which Jest cannot do on its own.
//
// Why: StrykerJS runs a mutant with `--findRelatedTests <mutated file>` and a `--testNamePattern`
// naming the tests that reach it. Jest still loads every related file (13 for src/plan/limit.ts),
// and each costs about 40 ms before its first test, mostly compiling `expect` into a fresh context:
// that, not the tests, was most of a 30-minute run. Test names are known only once a file has run,
// so a run with no pattern and no active mutant (Stryker's first, whole run) records which file
// holds which names, in the sandbox, where both workers read it. A file the record does not know is
// always run, so the filter can only leave out files in which no test could match.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type JestSequencer from '@jest/test-sequencer';

// Required, not imported: the package's types describe its CommonJS entry, whose `default` is the class.
const { default: Sequencer } = createRequire(import.meta.url)('@jest/test-sequencer') as typeof JestSequencer;
type Tests = Parameters<InstanceType<typeof Sequencer>['sort']>[0];
type Results = Parameters<InstanceType<typeof Sequencer>['cacheResults']>[1];
type Options = ConstructorParameters<typeof Sequencer>[0];
/** Test file path → the full names of its tests, as Jest matches them against a pattern. */
export type NamesByFile = Record<string, string[]>;

const RECORD = 'jest-test-names.json';
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

/** The tests whose file holds a name matching `pattern` (as Jest matches it), or is not in the record. */
export function filesToRun<T extends { path: string }>(tests: T[], pattern: string | undefined, record: NamesByFile | undefined): T[] {
  if (!pattern || !record) return tests;
  const wanted = new RegExp(pattern, 'i');
  return tests.filter((test) => {
    const names = record[test.path];
    return names === undefined || names.some((name) => wanted.test(name));
  });
}

/** Each test file of a finished run, with the full names of its tests. */
export function namesOf(results: { testResults: { testFilePath: string; testResults: { fullName: string }[] }[] }): NamesByFile {
  const record: NamesByFile = {};
  for (const file of results.testResults) record[file.testFilePath] = file.testResults.map((test) => test.fullName);
  return record;
}

export default class MutationSequencer extends Sequencer {
  readonly #pattern: string | undefined;
  readonly #record: string;

  constructor(options: Options) {
    super(options);
    this.#pattern = options.globalConfig.testNamePattern;
    this.#record = path.join(options.globalConfig.rootDir, RECORD);
  }

  override sort(tests: Tests): ReturnType<InstanceType<typeof Sequencer>['sort']> {
    // Only in a mutant's run: a record left by an earlier run (`--inPlace`) must never hide a test
    // renamed since from a `jest -t` by hand.
    if (process.env[ACTIVE_MUTANT] === undefined) return super.sort(tests);
    return super.sort(filesToRun(tests, this.#pattern, this.#read()));
  }

  override cacheResults(tests: Tests, results: Results): void {
    super.cacheResults(tests, results);
    // Only a whole run of a file, on the code as written, says every name it holds.
    if (this.#pattern || process.env[ACTIVE_MUTANT] !== undefined || results.numRuntimeErrorTestSuites > 0) return;
    fs.writeFileSync(this.#record, JSON.stringify({ ...this.#read(), ...namesOf(results) }));
  }

  #read(): NamesByFile | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.#record, 'utf8')) as NamesByFile;
    } catch {
      return undefined;
    }
  }
}
