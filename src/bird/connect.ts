// Builds the BirdClient for a run: transport, retry policy and path scope from the inputs.
import { BirdClient } from './client.js';
import { basePathOf, createTransport } from './http.js';
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_MAX_RETRY_AFTER_MS, type RetryPolicy } from './retry.js';
import { USER_AGENT } from '../version.js';

export interface ConnectOptions {
  apiUrl: URL;
  accessKey: string;
  workspaceId: string;
  organizationId?: string;
  maxAttempts: number;
  timeoutMs: number;
  /** Step debug logging (core.debug when core.isDebug()); undefined keeps requests untraced. */
  debug?: (message: string) => void;
  /** Registers a secret found while connecting (a proxy password) before anything is printed. */
  mask?: (secret: string) => void;
  /** Which list entries must fit Bird's contract (see ClientOptions); undefined: all. */
  mustFit?: (entry: unknown) => boolean;
}

// Test hook, deliberately not an input: end-to-end tests shrink the backoff to keep the suite fast.
const BASE_DELAY_VARIABLE = 'BIRD_ACTION_TEST_RETRY_BASE_MS';

export function connect(options: ConnectOptions, log: (message: string) => void, env: NodeJS.ProcessEnv = process.env): BirdClient {
  const send = createTransport({
    baseUrl: options.apiUrl,
    accessKey: options.accessKey,
    userAgent: `${USER_AGENT} node/${process.versions.node}`,
    timeoutMs: options.timeoutMs,
    env,
    mask: options.mask,
  });
  const policy = retryPolicy(options.maxAttempts, log, env);
  const basePath = basePathOf(options.apiUrl);
  return new BirdClient(send, policy, { workspaceId: options.workspaceId, organizationId: options.organizationId }, {
    basePath: basePath || undefined,
    // Only whether it looks like a platform key reaches the client, never the key.
    platformKey: options.accessKey.startsWith('bk_'),
    debug: options.debug,
    mustFit: options.mustFit,
  });
}

/** The step's retry bounds (`max-attempts`, the backoff), for Bird and for a receiver check alike. */
export function retryPolicy(maxAttempts: number, log: (message: string) => void, env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const override = env[BASE_DELAY_VARIABLE];
  return {
    maxAttempts,
    baseDelayMs: override && Number(override) >= 0 ? Number(override) : DEFAULT_BASE_DELAY_MS,
    maxDelayMs: DEFAULT_MAX_DELAY_MS,
    maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
    random: Math.random,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        // An aborted wait clears its timer, so the process does not stay alive for it at exit.
        const stop = () => (clearTimeout(timer), resolve());
        const timer = setTimeout(() => (signal?.removeEventListener('abort', stop), resolve()), ms);
        signal?.addEventListener('abort', stop, { once: true });
      }),
    log,
  };
}
