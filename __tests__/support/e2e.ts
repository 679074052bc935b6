// The shared fixture of the end-to-end suites: one Bird-compatible server per test, the inputs a
// step needs to reach it, and readers for what the server saw and what the step printed. A suite
// reads as its scenario alone:
//
//   const e2e = useBird({ exposeSigningKeys: false });
//   test('...', async () => {
//     const run = await runAction('main', e2e.inputs({ url: URL_ }));
//     expect(e2e.calls()).toEqual(['GET ~', 'POST ~']);
//   });
import { afterEach, beforeEach } from '@jest/globals';
import { BirdServer, type BirdServerOptions, type StoredSubscription } from '../../testbed/bird-server.js';
import type { ActionRun } from '../../testbed/run-action.js';

export { leaks, maskLine, runAction, type ActionRun } from '../../testbed/run-action.js';
export { BirdServer, type StoredSubscription } from '../../testbed/bird-server.js';

export const DEFAULT_URL = 'https://preview-42.shop.example.com/webhooks/bird';

export interface BirdFixture {
  /** The server of the running test (a new one for each test). */
  readonly bird: BirdServer;
  /** Inputs that reach the server: access key, workspace, api-url, and the defaults given to useBird. */
  inputs: (extra?: Record<string, string>) => Record<string, string>;
  /** Requests from index `from` on, as `METHOD ~/rest` (`~` is the collection path); ` (fault)` marks a fault's answer when asked. */
  calls: (from?: number, options?: { faults?: boolean }) => string[];
  /** Stores a subscription with the defaults' service and event unless given. */
  seed: (fields?: Partial<StoredSubscription>) => StoredSubscription;
}

/**
 * Starts a server before each test and closes it after. `defaults` are the step inputs besides the
 * connection (service, event, url, ...); `options` configure the server.
 */
export function useBird(
  defaults: Record<string, string> = { service: 'channels', event: 'sms.outbound', url: DEFAULT_URL },
  options: BirdServerOptions = {},
): BirdFixture {
  let server: BirdServer | undefined;
  beforeEach(async () => {
    server = await BirdServer.start(options);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const current = (): BirdServer => {
    if (!server) throw new Error('useBird: no server outside a test');
    return server;
  };
  return {
    get bird() {
      return current();
    },
    inputs: (extra = {}) => {
      const bird = current();
      return { 'access-key': bird.accessKey, 'workspace-id': bird.workspaceId, 'api-url': bird.url, ...defaults, ...extra };
    },
    calls: (from = 0, { faults = false } = {}) =>
      current()
        .requests.slice(from)
        .map((r) => `${r.method} ${r.path.replace(/^.*webhook-subscriptions/, '~')}${faults && r.faulted ? ' (fault)' : ''}`),
    seed: (fields = {}) => current().seed({ service: defaults.service ?? 'channels', event: defaults.event ?? 'sms.outbound', url: defaults.url ?? DEFAULT_URL, ...fields }),
  };
}

/** stdout as the runner reads it: lines split on CRLF, CR and LF. */
export function runnerLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/);
}

/** The first `::error::` line of a run, or ''. */
export const errorLine = (run: Pick<ActionRun, 'stdout'>): string => runnerLines(run.stdout).find((l) => l.startsWith('::error::')) ?? '';

/** Every `::warning::` line of a run. */
export const warningLines = (run: Pick<ActionRun, 'stdout'>): string[] => runnerLines(run.stdout).filter((l) => l.startsWith('::warning::'));
