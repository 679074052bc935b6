// Outside the runner the step warns about INPUT_* variables action.yml does not declare, as the
// runner does for `with:`; the declared names come from action.yml through `npm run docs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { renderDeclaredInputs } from '../scripts/action-docs.js';
import { DECLARED_INPUTS } from '../src/plan/declared-inputs.js';
import { inputVariable, undeclaredInputs } from '../src/plan/undeclared-inputs.js';
import { ROOT } from '../testbed/run-action.js';

const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');

describe('declared inputs', () => {
  test('src/plan/declared-inputs.ts is what npm run docs renders from action.yml', () => {
    expect(readFileSync(join(ROOT, 'src', 'plan', 'declared-inputs.ts'), 'utf8')).toBe(renderDeclaredInputs(actionYml));
    expect(DECLARED_INPUTS).toEqual(Object.keys((parse(actionYml) as { inputs: Record<string, unknown> }).inputs));
  });
});

describe('undeclared inputs', () => {
  const every = Object.fromEntries(DECLARED_INPUTS.map((name) => [inputVariable(name), 'x']));

  test('every declared input, as the runner names its variable, passes without a word; other variables are not inputs', () => {
    expect(inputVariable('access-key')).toBe('INPUT_ACCESS-KEY');
    expect(inputVariable('a name')).toBe('INPUT_A_NAME');
    expect(undeclaredInputs({ ...every, PATH: '/bin', GITHUB_ACTIONS: '', STATE_cleanup: '{}', MY_INPUT_X: 'x' })).toEqual([]);
  });

  test('a misspelt input is named with its variable and the declared name nearest to it', () => {
    expect(undeclaredInputs({ ...every, INPUT_EVNT: 'sms.inbound' })).toEqual([
      "Unexpected input 'evnt' (INPUT_EVNT): action.yml declares no such input, so the step ignores it; did you mean 'event'?",
    ]);
    expect(undeclaredInputs({ 'INPUT_SIGNING-KEY-SEDE': 'x' })).toEqual([
      "Unexpected input 'signing-key-sede' (INPUT_SIGNING-KEY-SEDE): action.yml declares no such input, so the step ignores it; did you mean 'signing-key-seed'?",
    ]);
  });

  test('an input far from every declared one gets no suggestion; several are listed in order', () => {
    expect(undeclaredInputs({ INPUT_TOKEN: 'x', INPUT_COLOUR: 'y' })).toEqual([
      "Unexpected input 'colour' (INPUT_COLOUR): action.yml declares no such input, so the step ignores it",
      "Unexpected input 'token' (INPUT_TOKEN): action.yml declares no such input, so the step ignores it",
    ]);
  });

  test('a declared name in the wrong case says which variable the step reads', () => {
    expect(undeclaredInputs({ 'INPUT_access-key': 'x' })).toEqual(['Input variable INPUT_access-key is ignored: the step reads INPUT_ACCESS-KEY (upper case), as the runner sets it']);
  });

  test('a variable name is outside text: shown escaped, on one line', () => {
    const [message] = undeclaredInputs({ 'INPUT_X\n::error::forged': 'x' });
    expect(message).not.toContain('\n');
    expect(message).toContain('INPUT_X\\n::error::forged');
  });
});
