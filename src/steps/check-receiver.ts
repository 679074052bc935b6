// check-receiver, the sending: after the subscriptions are in place, one check per distinct URL,
// sent the way Bird sends deliveries, through the same transport as Bird's requests (proxy, deadline)
// but never with the access key. Loaded only when check-receiver is not off.
import { randomBytes, randomUUID } from 'node:crypto';
import { retryPolicy } from '../bird/connect.js';
import { errorMessage, NetworkError } from '../bird/errors.js';
import { createExchange, type HttpResponse } from '../bird/http.js';
import { parseRetryAfter, withRetries } from '../bird/retry.js';
import type { ActionInputs } from '../plan/inputs.js';
import { buildDelivery, classifyAnswer, forgedKey, receiverUrls, refusesSignature, spellingRefusal, type DeliveryKind, type Verdict } from '../plan/receiver.js';
import { looseUrl } from '../plan/same-url.js';
import { shown } from '../text.js';
import { USER_AGENT } from '../version.js';
import type { Outcome } from './ensure.js';

/** What one delivery showed: `warned` only for the retry check, which never fails the step. */
export type DeliveryResult = 'passed' | 'failed' | 'inconclusive' | 'warned';

/** One delivery of a check: what was sent and what came back. */
export interface ReceiverDelivery {
  kind: DeliveryKind;
  url: string;
  event: string;
  requestId: string;
  /** How it was sent ('with a forged signature', ...), as the log and the job summary say it. */
  how: string;
  /** Attempts made (retries of the same delivery included). */
  attempts: number;
  /** The last answer: 'HTTP 401' with the start of its body, or why none came. */
  answer: string;
  /** The last answer's status, when one came. */
  status?: number;
  result: DeliveryResult;
  message: string;
  /** Why the check of this URL failed (or, in `signed` mode, was inconclusive), naming the URL. */
  failure?: string;
}

export interface ReceiverReport {
  /** failed if any URL failed; else inconclusive if any could not be judged; else passed. */
  result: 'passed' | 'inconclusive' | 'failed';
  deliveries: ReceiverDelivery[];
  /** One line per URL that fails the step, naming it (an inconclusive one only in `signed` mode). */
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
/** What is read of an answer's body (the status line is the answer): room for the excerpt and an echoed signature. */
const ANSWER_READ_BYTES = 4096;

export async function checkReceivers(inputs: ActionInputs, outcome: Outcome, deps: CheckDeps): Promise<ReceiverReport> {
  const report: ReceiverReport = { result: 'passed', deliveries: [], failures: [] };
  const key = outcome.signingKey ?? '';
  const urls = receiverUrls(outcome.items.map((item) => item.subscription?.url ?? inputs.url));
  let inconclusive = false;
  for (const url of urls) {
    // One transport per URL (its proxy and deadline), shared by that URL's deliveries.
    let line: Line | undefined;
    const lineFor = (): Line => (line ??= createExchange({ target: new URL(url), timeoutMs: inputs.timeoutMs, env: deps.env, mask: deps.mask }));
    const event = outcome.items.find((item) => (item.subscription?.url ?? inputs.url) === url)?.event ?? inputs.events[0] ?? '';
    const send = async (kind: DeliveryKind, forgedStatus?: number) => {
      const delivery = await deliver(kind, url, event, kind === 'forged' ? forgedKey(key, () => randomBytes(32)) : key, lineFor, inputs, deps, forgedStatus);
      report.deliveries.push(delivery);
      return delivery;
    };
    // The forged one goes first: a receiver that accepts it must not also get a valid one.
    const forged = await send('forged');
    if (forged.result === 'failed') {
      report.failures.push(forged.failure ?? forged.message);
      continue;
    }
    if (inputs.checkReceiver !== 'signed') {
      inconclusive ||= forged.result === 'inconclusive';
      continue;
    }
    const signed = await send('signed', forged.status);
    if (signed.result !== 'passed') {
      inconclusive ||= signed.result === 'inconclusive';
      report.failures.push(signed.failure ?? signed.message);
      continue;
    }
    // Bird's retries: only once a fresh signed delivery was accepted, so only the timestamp differs.
    if (signed.status !== undefined && signed.status >= 200 && signed.status <= 299) await send('retry');
    else deps.info(`Receiver check: retry check not sent to ${shown(url)}: the delivery signed with the step's key was not accepted with a 2xx`);
  }
  explainSpellings(report);
  const failed = report.deliveries.some((delivery) => delivery.result === 'failed');
  report.result = failed ? 'failed' : inconclusive ? 'inconclusive' : 'passed';
  return report;
}

/**
 * Bird signs each delivery over the URL as its subscription spells it. Where one spelling of a URL
 * passed the signed check and another spelling was refused, the key is not what differs: say so.
 */
function explainSpellings(report: ReceiverReport): void {
  for (const refused of report.deliveries) {
    if (refused.kind !== 'signed' || refused.result !== 'failed' || refused.status === undefined || !refusesSignature(refused.status)) continue;
    const twin = report.deliveries.find((d) => d.kind === 'signed' && d.result === 'passed' && d.url !== refused.url && looseUrl(d.url) === looseUrl(refused.url));
    if (!twin) continue;
    const message = spellingRefusal(twin.url, refused.status);
    const at = report.failures.indexOf(refused.failure ?? '');
    refused.message = message;
    refused.failure = `${shown(refused.url)}: ${message}`;
    if (at >= 0) report.failures[at] = refused.failure;
  }
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
  forgedStatus?: number,
): Promise<ReceiverDelivery> {
  const requestId = randomUUID();
  // Built once: a retry re-sends the same delivery (same ID and timestamp), as Bird's retries do.
  const delivery = buildDelivery({ kind, url, service: inputs.service, event, key, now: Date.now(), requestId });
  const label = `POST ${shown(url)}`;
  const record: ReceiverDelivery = { kind, url, event, requestId, how: SENT_HOW[kind], attempts: 0, answer: '', result: 'failed', message: '' };
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
          excerptBytes: ANSWER_READ_BYTES,
        });
      } catch (error) {
        record.answer = `no answer: ${error instanceof NetworkError ? error.reason : errorMessage(error)}`;
        throw error;
      }
      record.answer = describeAnswer(res, delivery.headers['messagebird-signature'] ?? '');
      record.status = res.status;
      const found = classifyAnswer(kind, { status: res.status, location: header(res, 'location') }, forgedStatus);
      if (found.outcome === 'retry') throw new RetryableAnswer(`${label} failed: ${found.message}`, parseRetryAfter(header(res, 'retry-after')));
      return found;
    });
  } catch (error) {
    // Retries ran out, or a failure no retry fixes (an untrusted certificate, a bad proxy variable).
    const message = errorMessage(error);
    if (!record.answer) record.answer = `not sent: ${message}`;
    // The message names the URL already.
    if (kind === 'retry') verdict = { outcome: 'warn', message: `could not tell whether Bird's retried deliveries get through: ${message}` };
    else {
      verdict = { outcome: 'fail', message };
      record.failure = message;
    }
  }
  record.result = RESULTS[verdict.outcome];
  // In signed mode an inconclusive forged answer is not the end: the signed one decides.
  const decidedLater = kind === 'forged' && inputs.checkReceiver === 'signed';
  record.message = verdict.outcome === 'inconclusive' ? `${verdict.message}; ${decidedLater ? 'the answer to the signed delivery decides' : verdict.fix}` : verdict.message;
  if (record.result === 'failed' || record.result === 'inconclusive') record.failure ??= `${shown(url)}: ${record.message}`;
  deps.info(
    `Receiver check: POST ${shown(url)} ${SENT_HOW[kind]} (request ID ${requestId}, ${record.attempts === 1 ? '1 attempt' : `${record.attempts} attempts`}): ${record.result}, ${verdict.message}`,
  );
  // Said as a warning: what passed with a note, what could not be judged in forged mode (signed mode
  // fails on it), and the retry check's refusals.
  if (verdict.outcome === 'pass' && verdict.note) deps.warning(`Receiver check: ${shown(url)} ${verdict.message}; ${verdict.note}`);
  if (verdict.outcome === 'warn') deps.warning(`Receiver check: ${shown(url)}: ${verdict.message}`);
  if (verdict.outcome === 'inconclusive' && kind === 'forged' && !decidedLater) {
    deps.warning(`Receiver check inconclusive: ${shown(url)} ${record.message}`);
  }
  return record;
}

const RESULTS: Record<Exclude<Verdict['outcome'], 'retry'>, DeliveryResult> = { pass: 'passed', fail: 'failed', inconclusive: 'inconclusive', warn: 'warned' };

/** How each kind was sent, as the log and the job summary say it. */
const SENT_HOW: Record<DeliveryKind, string> = {
  forged: 'with a forged signature',
  signed: "signed with the step's key",
  retry: "signed with the step's key, timestamped 8 hours back (retry check)",
};

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function describeAnswer(res: HttpResponse, signature: string): string {
  // A receiver may echo what it was sent; the log and the summary never show a signature.
  // Also as a URL or JSON string would carry it.
  let text = res.text;
  if (signature) for (const form of new Set([signature, encodeURIComponent(signature), signature.replaceAll('/', '\\/')])) text = text.split(form).join('(signature)');
  text = text.trim();
  return text ? `HTTP ${res.status}: ${shown(text, ANSWER_TEXT_LENGTH)}` : `HTTP ${res.status}`;
}
