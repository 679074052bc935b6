// End to end, runs of dist/: the `url` of each entry of the `subscriptions` output, the warning about
// inputs action.yml does not declare when the step runs outside the runner, and a too-short seed's
// message, which the seed's own mask must not garble.
import { describe, expect, test } from '@jest/globals';
import { errorLine, runAction, useBird, warningLines } from './support/e2e.js';

const URL_ = 'https://preview-42.shop.example.com/webhooks/bird';
const e2e = useBird({ service: 'channels', event: 'sms.inbound', url: URL_ });
const entries = (run: { outputs: Record<string, string> }) => JSON.parse(run.outputs.subscriptions) as Record<string, unknown>[];

describe('the subscriptions output', () => {
  test('gives each subscription its URL, as Bird holds it', async () => {
    const run = await runAction('main', e2e.inputs({ event: '', events: 'sms.inbound\nsms.outbound' }));

    expect(run.code).toBe(0);
    const [inbound, outbound] = [...e2e.bird.subscriptions.values()].sort((a, b) => a.event.localeCompare(b.event));
    expect(entries(run)).toEqual([
      { event: 'sms.inbound', id: inbound.id, url: URL_, status: 'active', result: 'created' },
      { event: 'sms.outbound', id: outbound.id, url: URL_, status: 'active', result: 'created' },
    ]);
  });

  test('a sweep lists each deleted subscription with its own URL', async () => {
    const a = e2e.seed({ url: 'https://pr-1.preview.shop.example.com/webhooks/bird' });
    const b = e2e.seed({ url: 'https://pr-2.preview.shop.example.com/webhooks/bird' });
    const run = await runAction('main', e2e.inputs({ url: '', state: 'absent', 'url-pattern': 'https://pr-*.preview.shop.example.com/webhooks/bird' }));

    expect(run.code).toBe(0);
    expect(entries(run).map((s) => [s.id, s.url, s.result]).sort()).toEqual(
      [
        [a.id, a.url, 'deleted'],
        [b.id, b.url, 'deleted'],
      ].sort(),
    );
  });

  test('a dry run that would create has null for url, as for id and status', async () => {
    const run = await runAction('main', e2e.inputs({ 'dry-run': 'true' }));

    expect(e2e.calls()).toEqual(['GET ~']);
    expect(entries(run)).toEqual([{ event: 'sms.inbound', id: null, url: null, status: null, result: 'created' }]);
  });
});

describe('inputs action.yml does not declare', () => {
  test('outside the runner (GITHUB_ACTIONS not true) the step warns, naming the nearest input, and goes on', async () => {
    const run = await runAction('main', { ...e2e.inputs(), evnt: 'sms.outbound', colour: 'blue' }, { env: { GITHUB_ACTIONS: '' } });

    expect(run.code).toBe(0);
    expect(warningLines(run)).toEqual([
      "::warning::Unexpected input 'colour' (INPUT_COLOUR): action.yml declares no such input, so the step ignores it",
      "::warning::Unexpected input 'evnt' (INPUT_EVNT): action.yml declares no such input, so the step ignores it; did you mean 'event'?",
    ]);
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect([...e2e.bird.subscriptions.values()].map((s) => s.event)).toEqual(['sms.inbound']);
  });

  test('on the runner (GITHUB_ACTIONS=true) the step leaves that to the runner, which warns before it starts', async () => {
    const run = await runAction('main', { ...e2e.inputs(), evnt: 'sms.outbound' });

    expect(run.code).toBe(0);
    expect(warningLines(run)).toEqual([]);
  });

  test('declared inputs alone give no warning outside the runner', async () => {
    const run = await runAction('main', e2e.inputs(), { env: { GITHUB_ACTIONS: '' } });

    expect(run.code).toBe(0);
    expect(warningLines(run)).toEqual([]);
  });
});

describe('a too-short signing-key-seed', () => {
  // The seed is masked before it is checked; "is shorter than" used to read "is ***er than".
  test("is refused in words the seed 'short' does not garble, before any request", async () => {
    const run = await runAction('main', e2e.inputs({ 'signing-key-seed': 'short' }));

    expect(run.code).toBe(1);
    expect(e2e.calls()).toEqual([]);
    expect(errorLine(run)).toBe("::error::Input 'signing-key-seed' must be at least 16 characters long; generate a random value (openssl rand -base64 32)");
    expect(run.stdout).toContain('::add-mask::short');
  });
});
