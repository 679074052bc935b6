// check-receiver, the pure part: the delivery a check sends (body, headers, Bird's signature) and
// what the receiver's answer means (pass, fail or retry, with the message). No I/O; the sending is
// src/steps/check-receiver.ts.
import { createHash, createHmac } from 'node:crypto';
import { shown } from '../text.js';

/** Which delivery: signed with a wrong key (a receiver must refuse it) or with the step's key (it must accept it). */
export type DeliveryKind = 'forged' | 'signed';

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
  /** When the delivery is sent, ms since the epoch. */
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

/** The check's body: Bird's envelope, with a payload that says it is a check and how to answer it. */
export function checkBody(input: Pick<DeliveryInput, 'kind' | 'service' | 'event' | 'now'>): string {
  return JSON.stringify({
    service: input.service,
    event: input.event,
    payload: {
      receiverCheck: input.kind,
      sentBy: CHECK_SENDER,
      sentAt: new Date(input.now).toISOString(),
      message:
        input.kind === 'forged'
          ? 'A receiver check, not an event: its signature is deliberately wrong. Refuse it (401) without acting on it.'
          : 'A receiver check, not an event: signed with the subscription key. Accept it (2xx) and take no action.',
    },
  });
}

/** The whole delivery, headers as Bird sends them; never an Authorization header. */
export function buildDelivery(input: DeliveryInput): Delivery {
  const body = checkBody(input);
  // Unix seconds, as Bird's timestamps are.
  const timestamp = String(Math.floor(input.now / 1000));
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
  /** Worth another attempt within the step's bounds; after the last one the check fails. */
  | { outcome: 'retry'; message: string };

/**
 * What the receiver's answer to one delivery means. Both kinds: 404/405 fail (wrong URL or
 * method), a redirect fails (not followed), 408, 429 and 5xx are retried. `forged` passes on any
 * other 4xx and fails on 2xx; `signed` passes on 2xx, fails on 401/403, and takes any other 4xx
 * as a pass (the receiver refused the check's content, not its signature), with a note.
 */
export function classifyAnswer(kind: DeliveryKind, answer: Answer): Verdict {
  const { status } = answer;
  const http = `HTTP ${status}`;
  if (status === 404) return { outcome: 'fail', message: `the receiver answered ${http} Not Found: no receiver at this URL; check the path` };
  if (status === 405) return { outcome: 'fail', message: `the receiver answered ${http} Method Not Allowed: this URL does not take POST; check the path` };
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return { outcome: 'retry', message: `the receiver answered ${http}` };
  if (status >= 300 && status <= 399) {
    const to = answer.location ? ` to '${shown(answer.location, 200)}'` : '';
    return { outcome: 'fail', message: `the receiver answered ${http}, a redirect${to}, which is not followed: give the subscription the URL that answers itself` };
  }
  if (status >= 200 && status <= 299) {
    return kind === 'forged'
      ? { outcome: 'fail', message: `the receiver accepted a delivery with a forged signature (${http}): it must check messagebird-signature before acting` }
      : { outcome: 'pass', message: `accepted the delivery signed with the step's key (${http})` };
  }
  if (status >= 400 && status <= 499) {
    if (kind === 'forged') return { outcome: 'pass', message: `refused the delivery with a forged signature (${http})` };
    if (status === 401 || status === 403) {
      return { outcome: 'fail', message: `the receiver's key differs from this step's signing key: it refused a delivery signed with that key (${http})` };
    }
    return {
      outcome: 'pass',
      message: `refused the delivery signed with the step's key with ${http}, not 401 or 403: taken as refusing the check's content after verifying its signature`,
      note: `answer 2xx to a check (payload.receiverCheck) to pass without this warning`,
    };
  }
  return { outcome: 'fail', message: `the receiver answered ${http}, which is not an HTTP answer a delivery can get` };
}
