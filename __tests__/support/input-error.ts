// The InputError a call throws, for tests that assert which input it names and what it says.
import { InputError } from '../../src/plan/input-error.js';

/** The InputError `fn` throws; any other error is rethrown, and no error at all fails the test. */
export function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}
