// Inputs the environment passes that action.yml does not declare. The runner warns about those in
// `with:` before the step starts; outside it (local-action, a script setting INPUT_* by hand)
// nobody does, and a misspelt input is silently ignored. Loaded only outside the runner.
import { DECLARED_INPUTS } from './declared-inputs.js';
import { closest } from './events.js';
import { shown } from '../text.js';

/** The runner's variable for an input: INPUT_ and the name upper-cased, spaces (not dashes) as `_`. */
export const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** One warning per INPUT_* variable that names no declared input, with the nearest declared name. */
export function undeclaredInputs(env: Readonly<Record<string, string | undefined>>, declared: readonly string[] = DECLARED_INPUTS): string[] {
  const known = new Set(declared.map(inputVariable));
  return Object.keys(env)
    .filter((variable) => variable.startsWith('INPUT_') && !known.has(variable))
    .sort()
    .map((variable) => {
      const name = variable.slice('INPUT_'.length).toLowerCase();
      // A declared name spelt in the wrong case: @actions/core reads only the upper-case variable.
      if (declared.includes(name)) return `Input variable ${shown(variable)} is ignored: the step reads ${inputVariable(name)} (upper case), as the runner sets it`;
      const near = closest(name, declared);
      return `Unexpected input '${shown(name)}' (${shown(variable)}): action.yml declares no such input, so the step ignores it${near ? `; did you mean '${near}'?` : ''}`;
    });
}
