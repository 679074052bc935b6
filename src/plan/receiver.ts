// check-receiver, the pure part: the delivery a check sends (body, headers, Bird's signature) and
// what the receiver's answer means, judged by its status line alone (pass, fail, inconclusive,
// warn or retry, with the message). No I/O; the sending is src/steps/check-receiver.ts.
import { createHash, createHmac } from 'node:crypto';
import { shown } from '../text.js';

/**
 * Which delivery: signed with a wrong key (a receiver must refuse it), with the step's key (it must
 * accept it), or with the step's key and a timestamp as old as Bird's last retries (it should accept it).
 */
export type DeliveryKind = 'forged' | 'signed' | 'retry';

/**
 * How long Bird retries a failed delivery, keeping its first timestamp: "for a period of 8 hours"
 * (docs.bird.com, Retries). One practitioner reports about 24 hours; the check uses the documented period.
 */
export const BIRD_RETRY_PERIOD_MS = 8 * 60 * 60 * 1000;

/** Names the sender in the payload, so that receivers can recognise a check. */
export const CHECK_SENDER = 'bird-webhook-subscription-action';

export interface DeliveryInput {
  kind: DeliveryKind;
  /** The subscription's URL exactly as Bird holds it: Bird signs that text. */
  url: string;
  service: string;
  event: string;
  /** The key the delivery is signed with: the step's key, or a wrong one for `forged`. */
  key: string;
  /** When the delivery is sent, ms since the epoch (a `retry` is timestamped BIRD_RETRY_PERIOD_MS earlier). */
  now: number;
  /** messagebird-request-id: a new UUID per delivery (kept across its retries, as Bird does). */
  requestId: string;
}

export interface Delivery {
  /** The raw body, as sent and as signed. */
  body: string;
  headers: Record<string, string>;
}

/**
 * Bird's signature (docs/verifying-deliveries.md): base64 HMAC-SHA256, keyed with the signing
 * key's text, over `timestamp\nurl\n` followed by the 32 raw bytes of the body's SHA-256.
 */
export function birdSignature(key: string, timestamp: string, url: string, rawBody: string | Buffer): string {
  const bodyHash = createHash('sha256').update(rawBody).digest();
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`), bodyHash]))
    .digest('base64');
}

/** What each check's payload asks of the receiver. */
const CHECK_MESSAGES: Record<DeliveryKind, string> = {
  forged: 'A receiver check, not an event: its signature is deliberately wrong. Refuse it (401) without acting on it.',
  signed: 'A receiver check, not an event: signed with the subscription key. Accept it (2xx) and take no action.',
  retry:
    "A receiver check, not an event: a retry check, signed with the subscription key and timestamped 8 hours back, as Bird's retries keep their first timestamp. Accept it (2xx) and take no action.",
};

/** The check's body: Bird's envelope, with a payload that says it is a check and how to answer it. */
export function checkBody(input: Pick<DeliveryInput, 'kind' | 'service' | 'event' | 'now'>): string {
  return JSON.stringify({
    service: input.service,
    event: input.event,
    payload: {
      receiverCheck: input.kind,
      sentBy: CHECK_SENDER,
      sentAt: new Date(input.now).toISOString(),
      message: CHECK_MESSAGES[input.kind],
    },
  });
}

/** The whole delivery, headers as Bird sends them; never an Authorization header. */
export function buildDelivery(input: DeliveryInput): Delivery {
  const body = checkBody(input);
  // Unix seconds, as Bird's timestamps are; a retry keeps the timestamp of a first attempt 8 hours back.
  const signedAt = input.kind === 'retry' ? input.now - BIRD_RETRY_PERIOD_MS : input.now;
  const timestamp = String(Math.floor(signedAt / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'messagebird-signature': birdSignature(input.key, timestamp, input.url, body),
      'messagebird-request-timestamp': timestamp,
      'messagebird-request-id': input.requestId,
    },
  };
}

/** A wrong key for `forged`: random bytes as base64, never the step's key. */
export function forgedKey(stepKey: string, random: () => Buffer): string {
  for (;;) {
    const key = random().toString('base64');
    if (key !== stepKey) return key;
  }
}

/** The distinct URLs of a step's subscriptions, in order: one check each, however many events share one. */
export function receiverUrls(urls: string[]): string[] {
  return [...new Set(urls.filter((url) => url !== ''))];
}

export interface Answer {
  status: number;
  /** The Location header of a redirect, when there is one. */
  location?: string;
}

export type Verdict =
  /** note: passed, but the answer was not the one asked for (a 4xx other than 401/403 to a signed delivery). */
  | { outcome: 'pass'; message: string; note?: string }
  | { outcome: 'fail'; message: string }
  /** The answers cannot show whether signatures are checked; fix: how to make them show it. */
  | { outcome: 'inconclusive'; message: string; fix: string }
  /** The retry check only: worth a warning, never a failure. */
  | { outcome: 'warn'; message: string }
  /** Worth another attempt within the step's bounds; after the last one the check fails. */
  | { outcome: 'retry'; message: string };

/** 401 or 403: the answers that say "your signature is wrong", the only refusal that proves a check. */
export const refusesSignature = (status: number): boolean => status === 401 || status === 403;

const isSuccess = (status: number): boolean => status >= 200 && status <= 299;

/** Where the retry check's warnings point: how old a timestamp the receiver must accept. */
export const RETRY_FIX = "let the receiver accept timestamps more than 8 hours old (the verification function in this action's docs allows 24 hours)";

/**
 * A delivery signed with the step's key refused at one spelling of a URL while another spelling
 * passed: the receiver verifies over the URL it knows, Bird signs over the subscription's.
 */
export function spellingRefusal(passedUrl: string, status: number): string {
  return (
    `the receiver refused a delivery signed with the step's key (HTTP ${status}) at this spelling of the URL, but accepted it at '${shown(passedUrl, 200)}': ` +
    `Bird signs each delivery over the URL as the subscription spells it, so deliveries to this subscription would be refused too; give its subscriptions one spelling (the url input)`
  );
}

/**
 * What the receiver's answer to one delivery means, by its status line alone. Every kind: 404/405
 * fail (wrong URL or method), a redirect fails (not followed), 408, 429 and 5xx are retried.
 * `forged`: 401/403 pass, a 2xx fails, another 4xx is inconclusive (a receiver that validates the
 * payload before the signature answers so too). `signed`, judged with the forged delivery's status:
 * after a 401/403, a 2xx passes, a 401/403 fails (the keys differ) and another 4xx passes with a
 * note; after another 4xx, only a 2xx passes (the answers differ by signature alone) and any 4xx is
 * inconclusive. `retry` (after a signed 2xx): a 2xx passes, anything else is a warning.
 */
export function classifyAnswer(kind: DeliveryKind, answer: Answer, forgedStatus = 401): Verdict {
  const { status } = answer;
  const http = `HTTP ${status}`;
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return { outcome: 'retry', message: `the receiver answered ${http}` };
  if (kind === 'retry') return classifyRetryCheck(status);
  if (status === 404) return { outcome: 'fail', message: `the receiver answered ${http} Not Found: no receiver at this URL; check the path` };
  if (status === 405) return { outcome: 'fail', message: `the receiver answered ${http} Method Not Allowed: this URL does not take POST; check the path` };
  if (status >= 300 && status <= 399) {
    const to = answer.location ? ` to '${shown(answer.location, 200)}'` : '';
    return { outcome: 'fail', message: `the receiver answered ${http}, a redirect${to}, which is not followed: give the subscription the URL that answers itself` };
  }
  if (isSuccess(status)) {
    if (kind === 'forged') return { outcome: 'fail', message: `the receiver accepted a delivery with a forged signature (${http}): it must check messagebird-signature before acting` };
    return refusesSignature(forgedStatus)
      ? { outcome: 'pass', message: `accepted the delivery signed with the step's key (${http})` }
      : { outcome: 'pass', message: `accepted the delivery signed with the step's key (${http}) after refusing the forged one (HTTP ${forgedStatus}): the answers differ by signature alone` };
  }
  if (status >= 400 && status <= 499) return kind === 'forged' ? classifyForgedRefusal(status) : classifySignedRefusal(status, forgedStatus);
  return { outcome: 'fail', message: `the receiver answered ${http}, which is not an HTTP answer a delivery can get` };
}

function classifyForgedRefusal(status: number): Verdict {
  if (refusesSignature(status)) return { outcome: 'pass', message: `refused the delivery with a forged signature (HTTP ${status})` };
  return {
    outcome: 'inconclusive',
    message: `refused the delivery with a forged signature with HTTP ${status}, not 401 or 403: a receiver that validates the payload before the signature, or never checks it, answers so too, so this does not show that signatures are checked`,
    fix: 'to make the check conclusive, answer 401 to a bad signature, or use check-receiver: signed',
  };
}

function classifySignedRefusal(status: number, forgedStatus: number): Verdict {
  const http = `HTTP ${status}`;
  if (!refusesSignature(forgedStatus)) {
    const keys = refusesSignature(status) ? " (or its key differs from this step's signing key)" : '';
    return {
      outcome: 'inconclusive',
      message: `the receiver answered both deliveries alike, refusing the one with a forged signature (HTTP ${forgedStatus}) and the one signed with the step's key (${http}), and may not check signatures${keys}`,
      fix: 'make it answer 401 to a bad signature, or 2xx to a check signed with its key (payload.receiverCheck), without acting on it',
    };
  }
  if (refusesSignature(status)) {
    return { outcome: 'fail', message: `the receiver's key differs from this step's signing key: it refused a delivery signed with that key (${http})` };
  }
  return {
    outcome: 'pass',
    message: `refused the delivery signed with the step's key with ${http}, not 401 or 403: taken as refusing the check's content after verifying its signature`,
    note: `answer 2xx to a check (payload.receiverCheck) to pass without this warning`,
  };
}

/** The retry check comes after the receiver accepted a fresh signed delivery: only the timestamp differs. */
function classifyRetryCheck(status: number): Verdict {
  const http = `HTTP ${status}`;
  if (isSuccess(status)) return { outcome: 'pass', message: `accepted a delivery signed with the step's key and timestamped 8 hours back, as Bird's retries are (${http})` };
  if (refusesSignature(status)) {
    return {
      outcome: 'warn',
      message: `refused a delivery signed with the step's key but timestamped 8 hours back (${http}): Bird's retries keep their first timestamp, so after an outage its retried deliveries would be refused and lost; ${RETRY_FIX}`,
    };
  }
  return {
    outcome: 'warn',
    message: `answered ${http} to a delivery signed with the step's key and timestamped 8 hours back, after accepting a fresh one: Bird's retried deliveries, which keep their first timestamp, may be refused; ${RETRY_FIX}`,
  };
}
