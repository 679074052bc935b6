// check-receiver, the sending: after the subscriptions are in place, one check per distinct URL,
// sent the way Bird sends deliveries, through the same transport as Bird's requests (proxy, deadline)
// but never with the access key. Loaded only when check-receiver is not off.
import { randomBytes, randomUUID } from 'node:crypto';
import { retryPolicy } from '../bird/connect.js';
import { errorMessage, NetworkError } from '../bird/errors.js';
import { createExchange, type HttpResponse } from '../bird/http.js';
import { parseRetryAfter, withRetries } from '../bird/retry.js';
import type { ActionInputs } from '../plan/inputs.js';
import { buildDelivery, classifyAnswer, forgedKey, receiverUrls, type DeliveryKind, type Verdict } from '../plan/receiver.js';
import { shown } from '../text.js';
import { USER_AGENT } from '../version.js';
import type { Outcome } from './ensure.js';

/** One delivery of a check: what was sent and what came back. */
export interface ReceiverDelivery {
  kind: DeliveryKind;
  url: string;
  event: string;
  requestId: string;
  /** Attempts made (retries of the same delivery included). */
  attempts: number;
  /** The last answer: 'HTTP 401' with the start of its body, or why none came. */
  answer: string;
  passed: boolean;
  message: string;
  /** Why the check of this URL failed, naming the URL; undefined when it passed. */
  failure?: string;
}

export interface ReceiverReport {
  result: 'passed' | 'failed';
  deliveries: ReceiverDelivery[];
  /** One line per failed URL, naming it. */
  failures: string[];
}

export interface CheckDeps {
  info: (message: string) => void;
  warning: (message: string) => void;
  /** Registers a secret (a proxy password) before anything is printed. */
  mask: (secret: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** What the start of an answer's body may show: enough to read a receiver's error, no more. */
const ANSWER_TEXT_LENGTH = 120;

export async function checkReceivers(inputs: ActionInputs, outcome: Outcome, deps: CheckDeps): Promise<ReceiverReport> {
  const report: ReceiverReport = { result: 'passed', deliveries: [], failures: [] };
  const key = outcome.signingKey ?? '';
  const urls = receiverUrls(outcome.items.map((item) => item.subscription?.url ?? inputs.url));
  for (const url of urls) {
    // One transport per URL (its proxy and deadline), shared by that URL's deliveries.
    let line: Line | undefined;
    const lineFor = (): Line => (line ??= createExchange({ target: new URL(url), timeoutMs: inputs.timeoutMs, env: deps.env, mask: deps.mask }));
    const event = outcome.items.find((item) => (item.subscription?.url ?? inputs.url) === url)?.event ?? inputs.events[0] ?? '';
    const kinds: DeliveryKind[] = inputs.checkReceiver === 'signed' ? ['forged', 'signed'] : ['forged'];
    for (const kind of kinds) {
      // The forged one goes first: a receiver that accepts it must not also get a valid one.
      const delivery = await deliver(kind, url, event, kind === 'signed' ? key : forgedKey(key, () => randomBytes(32)), lineFor, inputs, deps);
      report.deliveries.push(delivery);
      if (!delivery.passed) {
        report.failures.push(delivery.failure ?? delivery.message);
        break;
      }
    }
  }
  if (report.failures.length > 0) report.result = 'failed';
  return report;
}

/** A retryable answer, for withRetries: another attempt of the same delivery may pass. */
class RetryableAnswer extends Error {
  readonly retryable = true;
  readonly maybeProcessed = false;
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

type Line = ReturnType<typeof createExchange>;

async function deliver(
  kind: DeliveryKind,
  url: string,
  event: string,
  key: string,
  lineFor: () => Line,
  inputs: ActionInputs,
  deps: CheckDeps,
): Promise<ReceiverDelivery> {
  const requestId = randomUUID();
  // Built once: a retry re-sends the same delivery (same ID and timestamp), as Bird's retries do.
  const delivery = buildDelivery({ kind, url, service: inputs.service, event, key, now: Date.now(), requestId });
  const label = `POST ${shown(url)}`;
  const record: ReceiverDelivery = { kind, url, event, requestId, attempts: 0, answer: '', passed: false, message: '' };
  let verdict: Verdict;
  try {
    // Chosen (and a bad proxy variable refused) before anything is sent, as for Bird.
    const exchange = lineFor();
    const policy = retryPolicy(inputs.maxAttempts, (message) => deps.info(`Receiver check: ${message}`), deps.env);
    verdict = await withRetries(label, policy, async () => {
      record.attempts++;
      let res: HttpResponse;
      try {
        // Exactly Bird's headers and ours: no Authorization, whatever the transport does for Bird.
        res = await exchange({
          method: 'POST',
          url: new URL(url),
          label: shown(url),
          headers: { ...delivery.headers, 'user-agent': USER_AGENT },
          body: delivery.body,
        });
      } catch (error) {
        record.answer = `no answer: ${error instanceof NetworkError ? error.reason : errorMessage(error)}`;
        throw error;
      }
      record.answer = describeAnswer(res, delivery.headers['messagebird-signature'] ?? '');
      const found = classifyAnswer(kind, { status: res.status, location: header(res, 'location') });
      if (found.outcome === 'retry') throw new RetryableAnswer(`${label} failed: ${found.message}`, parseRetryAfter(header(res, 'retry-after')));
      return found;
    });
  } catch (error) {
    // Retries ran out, or a failure no retry fixes (an untrusted certificate, a bad proxy variable).
    const message = errorMessage(error);
    if (!record.answer) record.answer = `not sent: ${message}`;
    verdict = { outcome: 'fail', message };
    // The message names the URL already.
    record.failure = message;
  }
  record.passed = verdict.outcome === 'pass';
  record.message = verdict.message;
  if (!record.passed) record.failure ??= `${shown(url)}: ${verdict.message}`;
  const how = kind === 'forged' ? 'with a forged signature' : "signed with the step's key";
  deps.info(
    `Receiver check: POST ${shown(url)} ${how} (request ID ${requestId}, ${record.attempts === 1 ? '1 attempt' : `${record.attempts} attempts`}): ${record.passed ? 'passed' : 'failed'}, ${verdict.message}`,
  );
  if (verdict.outcome === 'pass' && verdict.note) deps.warning(`Receiver check: ${shown(url)} ${verdict.message}; ${verdict.note}`);
  return record;
}

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function describeAnswer(res: HttpResponse, signature: string): string {
  // A receiver may echo what it was sent; the log and the summary never show a signature.
  const text = (signature ? res.text.split(signature).join('(signature)') : res.text).trim();
  return text ? `HTTP ${res.status}: ${shown(text, ANSWER_TEXT_LENGTH)}` : `HTTP ${res.status}`;
}
