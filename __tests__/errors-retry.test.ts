import { describe, expect, jest, test } from '@jest/globals';
import { BirdApiError, describeBody, errorMessage, formatApiError, NetworkError } from '../src/bird/errors.js';
import { classifyNetworkError } from '../src/bird/http.js';
import { backoffDelay, parseRetryAfter, withRetries, type RetryPolicy } from '../src/bird/retry.js';

describe('error formatting', () => {
  test('status, code, message and each detail, on one line', () => {
    const body = { code: 'InvalidPayload', message: 'One or more fields\nare malformed', details: { '.body.url': ['does not match pattern'], '.body.event': ['is required', 'must be a string'] } };
    expect(formatApiError(422, 'POST', '/workspaces/w/webhook-subscriptions', body)).toBe(
      'Bird answered HTTP 422 to POST /workspaces/w/webhook-subscriptions: InvalidPayload: One or more fields are malformed (.body.url: does not match pattern; .body.event: is required, must be a string)',
    );
  });

  test('a hint follows as a sentence', () => {
    expect(formatApiError(401, 'GET', '/p', { code: 'Unauthorized', message: 'Bad key.' }, 'Check access-key')).toBe('Bird answered HTTP 401 to GET /p: Unauthorized: Bad key. Check access-key');
  });

  test('bodies that are empty or not JSON', () => {
    expect(formatApiError(502, 'GET', '/p', undefined)).toBe('Bird answered HTTP 502 to GET /p');
    expect(describeBody('<html>Bad gateway</html>')).toBe('response body is not JSON');
    expect(describeBody({ details: { '.query.limit': 'too big' } })).toBe('.query.limit: too big');
  });

  test('retryability by status', () => {
    expect(new BirdApiError(429, 'POST', '/p', undefined)).toMatchObject({ retryable: true, maybeProcessed: false });
    expect(new BirdApiError(503, 'POST', '/p', undefined)).toMatchObject({ retryable: true, maybeProcessed: true });
    expect(new BirdApiError(422, 'POST', '/p', undefined).retryable).toBe(false);
  });

  test('errorMessage drops stacks and newlines', () => {
    expect(errorMessage(new Error('a\n  b'))).toBe('a b');
    expect(errorMessage('plain')).toBe('plain');
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10000, maxRetryAfterMs: 30000 };

  test('full jitter under an exponential, capped ceiling', () => {
    expect(backoffDelay(1, { ...policy, random: () => 0.999999 })).toBe(1000);
    expect(backoffDelay(2, { ...policy, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay(3, { ...policy, random: () => 0.999999 })).toBe(4000);
    expect(backoffDelay(9, { ...policy, random: () => 0.999999 })).toBe(10000);
    expect(backoffDelay(1, { ...policy, random: () => 0 })).toBe(0);
  });

  test('Retry-After is honoured up to its cap', () => {
    expect(backoffDelay(1, { ...policy, random: () => 0 }, 5000)).toBe(5000);
    expect(backoffDelay(1, { ...policy, random: () => 0 }, 3_600_000)).toBe(30000);
  });

  test('Retry-After as seconds or HTTP date', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('withRetries', () => {
  function makePolicy(maxAttempts: number) {
    const logs: string[] = [];
    const sleeps: number[] = [];
    const policy: RetryPolicy = {
      maxAttempts,
      baseDelayMs: 1000,
      maxDelayMs: 10000,
      maxRetryAfterMs: 30000,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
      log: (m) => void logs.push(m),
    };
    return { policy, logs, sleeps };
  }

  test('retries retryable failures, logging reason and wait', async () => {
    const { policy, logs, sleeps } = makePolicy(4);
    let calls = 0;
    const result = await withRetries('GET /p', policy, async () => {
      calls++;
      if (calls < 3) throw new BirdApiError(503, 'GET', '/p', { code: 'Unavailable', message: 'busy' });
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(sleeps).toEqual([500, 1000]);
    expect(logs).toEqual([
      'Bird answered HTTP 503 to GET /p: Unavailable: busy; retrying in 0.5 s (attempt 2 of 4)',
      'Bird answered HTTP 503 to GET /p: Unavailable: busy; retrying in 1.0 s (attempt 3 of 4)',
    ]);
  });

  test('does not retry other errors', async () => {
    const { policy, sleeps } = makePolicy(4);
    const attempt = jest.fn(async () => {
      throw new BirdApiError(422, 'GET', '/p', undefined);
    });
    await expect(withRetries('GET /p', policy, attempt)).rejects.toThrow('HTTP 422');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([]);
  });

  test('says what was tried when attempts run out', async () => {
    const { policy } = makePolicy(3);
    await expect(
      withRetries('GET /p', policy, async () => {
        throw new NetworkError('GET', '/p', 'ECONNREFUSED', false);
      }),
    ).rejects.toThrow(new Error('GET /p failed after 3 attempts; last error: ECONNREFUSED'));
  });

  test('names the request once when attempts run out on an HTTP status', async () => {
    const { policy } = makePolicy(2);
    await expect(
      withRetries('GET /p', policy, async () => {
        throw new BirdApiError(503, 'GET', '/p', { code: 'Unavailable', message: 'busy' });
      }),
    ).rejects.toThrow(new Error('GET /p failed after 2 attempts; last error: Bird answered HTTP 503: Unavailable: busy'));
  });

  test('after a failure that may have taken effect, recover runs before the next attempt and its find wins', async () => {
    const { policy } = makePolicy(4);
    const order: string[] = [];
    const result = await withRetries(
      'POST /p',
      policy,
      async () => {
        order.push('attempt');
        throw new NetworkError('POST', '/p', 'socket hang up', true);
      },
      async () => {
        order.push('recover');
        return order.length > 3 ? 'found' : undefined;
      },
    );
    expect(result).toBe('found');
    expect(order).toEqual(['attempt', 'recover', 'attempt', 'recover']);
  });

  test('recover is not run after failures that certainly did nothing (429, refused)', async () => {
    const { policy } = makePolicy(2);
    const recover = jest.fn(async () => 'found');
    await expect(
      withRetries(
        'POST /p',
        policy,
        async () => {
          throw new BirdApiError(429, 'POST', '/p', undefined);
        },
        recover,
      ),
    ).rejects.toThrow('failed after 2 attempts');
    expect(recover).not.toHaveBeenCalled();
  });

  test('recover also runs after the last attempt, so a lost create is not left unknown', async () => {
    const { policy, logs } = makePolicy(1);
    const result = await withRetries(
      'POST /p',
      policy,
      async () => {
        throw new BirdApiError(500, 'POST', '/p', undefined);
      },
      async () => 'found',
    );
    expect(result).toBe('found');
    expect(logs[0]).toMatch(/checking in 0\.5 s whether it took effect/);
  });
});

describe('network error classification', () => {
  const wrap = (code: string, message: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });

  test('refused and DNS failures were never sent: retry, and re-posting is safe', () => {
    expect(classifyNetworkError(wrap('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'))).toEqual({
      reason: 'connect ECONNREFUSED 127.0.0.1:9',
      maybeProcessed: false,
      retryable: true,
    });
    expect(classifyNetworkError(wrap('ENOTFOUND', 'getaddrinfo ENOTFOUND api.bird.com'))).toMatchObject({ maybeProcessed: false, retryable: true });
  });

  test('a reset may come after Bird did the work', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    expect(classifyNetworkError(reset)).toEqual({ reason: 'read ECONNRESET', maybeProcessed: true, retryable: true });
  });

  test('an untrusted certificate is not retried and says what to do', () => {
    const problem = classifyNetworkError(wrap('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'));
    expect(problem.retryable).toBe(false);
    expect(problem.maybeProcessed).toBe(false);
    expect(problem.reason).toBe('TLS certificate not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate');
    expect(classifyNetworkError(wrap('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")).retryable).toBe(false);
  });

  test('a NetworkError that cannot heal is not retried', async () => {
    let calls = 0;
    const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, random: () => 0, sleep: async () => {}, log: () => {} };
    await expect(
      withRetries('GET /p', policy, async () => {
        calls++;
        throw new NetworkError('GET', '/p', 'TLS certificate not trusted', false, false);
      }),
    ).rejects.toThrow('GET /p failed: TLS certificate not trusted');
    expect(calls).toBe(1);
  });
});
