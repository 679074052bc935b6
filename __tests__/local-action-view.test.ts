// scripts/local-action.ts's view of @github/local-action's output: the banner goes, the action's
// lines read as on the runner, and a failed action makes the run fail.
import { describe, expect, test } from '@jest/globals';
import { viewLocalAction } from '../scripts/local-action.js';

const rule = '='.repeat(80);
const title = (text: string) => [rule, `${' '.repeat(30)}${text}`, rule, ''];
// local-action 7's output, shortened: a banner, the steps, the outputs table.
const banner = [
  '     _        _   _               ____',
  ...title('Configuration'),
  '┌─────────┬──────────────┬──────────────────┐',
  "│ 0       │ 'Action Path' │ '/work/action'  │",
  '└─────────┴──────────────┴──────────────────┘',
  ...title('Action Metadata'),
  "│ 0       │ 'access-key'  │ 'Bird access key' │",
];
const outputs = [
  ...title('Action Outputs'),
  '┌─────────┬───────────────────┬──────────┐',
  '│ (index) │ Output            │ Value    │',
  '├─────────┼───────────────────┼──────────┤',
  "│ 0       │ 'subscription-id' │ 'b1c2'   │",
  "│ 1       │ 'result'          │ 'created' │",
  '└─────────┴───────────────────┴──────────┘',
];

function view(lines: string[], code: number | null = 0, raw = false) {
  const v = viewLocalAction({ raw });
  const shown = lines.flatMap((line) => v.line(line));
  const end = v.end(code);
  return { shown: [...shown, ...end.lines], failed: end.failed };
}

describe('npm run local-action output', () => {
  test('drops the banner and set-output lines, shows log lines and outputs as the runner would', () => {
    const run = view([
      ...banner,
      ...title('Running Action'),
      '::info::Created subscription b1c2 for sms.outbound',
      '::set-output name=subscription-id::b1c2',
      '::warning::Warning: something to look at',
      '::debug::GET /workspaces/w/webhook-subscriptions → 200 in 3 ms',
      ...title('Running Post Step'),
      '::info::Cleanup: deleted subscription b1c2',
      ...outputs,
    ]);
    expect(run).toEqual({
      shown: [
        '--- Running Action ---',
        'Created subscription b1c2 for sms.outbound',
        'Warning: Warning: something to look at',
        '[debug] GET /workspaces/w/webhook-subscriptions → 200 in 3 ms',
        '--- Running Post Step ---',
        'Cleanup: deleted subscription b1c2',
        '--- Action Outputs ---',
        'subscription-id = b1c2',
        'result = created',
      ],
      failed: false,
    });
  });

  test("replaces local-action's secret-output warning with one line saying why signing-key is missing", () => {
    const { shown } = view([...title('Running Action'), '::warning::Skip output signing-key since it may contain secret.']);
    expect(shown).toEqual(['--- Running Action ---', '(signing-key is set but not shown: local-action drops step outputs that hold a secret; on the runner, later steps read it)']);
  });

  test('fails the run when the action printed ::error:: (setFailed), though local-action exited 0', () => {
    const run = view([...banner, ...title('Running Action'), "::error::Input 'if-exists' must be reuse, create or fail"], 0);
    expect(run).toEqual({ shown: ['--- Running Action ---', "Error: Input 'if-exists' must be reuse, create or fail"], failed: true });
  });

  test('an ::error:: with colours or annotation properties counts too', () => {
    expect(view(['\x1b[31m::error::boom\x1b[39m']).failed).toBe(true);
    expect(view(['::error title=x::boom']).failed).toBe(true);
    expect(view(['::info::an ::error:: inside a message is not one']).failed).toBe(false);
  });

  test('when local-action fails before the action starts, its banner (and why it stopped) is printed', () => {
    const run = view([...banner, 'Error: Cannot find module src/main.ts'], 1);
    expect(run.failed).toBe(true);
    expect(run.shown).toEqual([...banner, 'Error: Cannot find module src/main.ts']);
  });

  test('a non-zero exit of local-action fails the run even after the action started', () => {
    expect(view([...title('Running Action'), '::info::Result: created'], 1).failed).toBe(true);
    expect(view([...title('Running Action'), '::info::Result: created'], null).failed).toBe(true);
  });

  test('--raw prints everything as it came, and still fails on ::error::', () => {
    const lines = [...banner, ...title('Running Action'), '::error::boom'];
    expect(view(lines, 0, true)).toEqual({ shown: lines, failed: true });
  });
});
