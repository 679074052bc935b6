// What check-receiver makes of each answer (src/plan/receiver.ts, classifyAnswer; issue 22, phase 2):
// the exact boundaries of each status range and the message the user reads; and what a check says.
import { describe, expect, test } from '@jest/globals';
import { checkBody, classifyAnswer } from '../src/plan/receiver.js';

describe('the boundaries of each range, for both kinds', () => {
  test.each([
    [200, 'pass', 'fail'],
    [299, 'pass', 'fail'],
    [300, 'fail', 'fail'],
    [399, 'fail', 'fail'],
    [400, 'pass', 'inconclusive'],
    [499, 'pass', 'inconclusive'],
    [500, 'retry', 'retry'],
    [599, 'retry', 'retry'],
    [600, 'fail', 'fail'],
    [199, 'fail', 'fail'],
    [100, 'fail', 'fail'],
  ])('HTTP %i: signed %s, forged %s', (status, signed, forged) => {
    expect(classifyAnswer('signed', { status }).outcome).toBe(signed);
    expect(classifyAnswer('forged', { status }).outcome).toBe(forged);
  });
});

describe('what each answer says', () => {
  test('a 5xx is retried, naming the status', () => {
    expect(classifyAnswer('signed', { status: 503 })).toEqual({ outcome: 'retry', message: 'the receiver answered HTTP 503' });
  });
  test('a redirect without a Location names no target', () => {
    expect(classifyAnswer('signed', { status: 302 })).toEqual({
      outcome: 'fail',
      message: 'the receiver answered HTTP 302, a redirect, which is not followed: give the subscription the URL that answers itself',
    });
  });
  test.each([300, 399])('HTTP %i is a redirect too', (status) => {
    expect(classifyAnswer('signed', { status }).message).toBe(
      `the receiver answered HTTP ${status}, a redirect, which is not followed: give the subscription the URL that answers itself`,
    );
  });
  test('a signed delivery accepted', () => {
    expect(classifyAnswer('signed', { status: 204 })).toEqual({ outcome: 'pass', message: "accepted the delivery signed with the step's key (HTTP 204)" });
  });
  test('a forged delivery refused', () => {
    expect(classifyAnswer('forged', { status: 401 })).toEqual({ outcome: 'pass', message: 'refused the delivery with a forged signature (HTTP 401)' });
    expect(classifyAnswer('forged', { status: 403 })).toEqual({ outcome: 'pass', message: 'refused the delivery with a forged signature (HTTP 403)' });
  });
  test('a forged delivery refused with another 4xx cannot be judged, and says how to make it judgeable', () => {
    expect(classifyAnswer('forged', { status: 400 })).toEqual({
      outcome: 'inconclusive',
      message:
        'refused the delivery with a forged signature with HTTP 400, not 401 or 403: a receiver that validates the payload before the signature, or never checks it, answers so too, so this does not show that signatures are checked',
      fix: 'to make the check conclusive, answer 401 to a bad signature, or use check-receiver: signed',
    });
  });
  test('after a forged delivery refused with another 4xx, a signed 2xx passes: the answers differ by signature alone', () => {
    expect(classifyAnswer('signed', { status: 200 }, 400)).toEqual({
      outcome: 'pass',
      message: "accepted the delivery signed with the step's key (HTTP 200) after refusing the forged one (HTTP 400): the answers differ by signature alone",
    });
  });
  test('after a forged delivery refused with another 4xx, a signed 4xx is inconclusive: both answered alike', () => {
    const fix = 'make it answer 401 to a bad signature, or 2xx to a check signed with its key (payload.receiverCheck), without acting on it';
    expect(classifyAnswer('signed', { status: 400 }, 400)).toEqual({
      outcome: 'inconclusive',
      message:
        "the receiver answered both deliveries alike, refusing the one with a forged signature (HTTP 400) and the one signed with the step's key (HTTP 400), and may not check signatures",
      fix,
    });
    expect(classifyAnswer('signed', { status: 401 }, 422)).toEqual({
      outcome: 'inconclusive',
      message:
        "the receiver answered both deliveries alike, refusing the one with a forged signature (HTTP 422) and the one signed with the step's key (HTTP 401), and may not check signatures (or its key differs from this step's signing key)",
      fix,
    });
  });
  test('the retry check: a 2xx passes; a 401/403 warns that Bird’s retries would be refused, with the fix', () => {
    expect(classifyAnswer('retry', { status: 204 })).toEqual({
      outcome: 'pass',
      message: "accepted a delivery signed with the step's key and timestamped 8 hours back, as Bird's retries are (HTTP 204)",
    });
    expect(classifyAnswer('retry', { status: 401 })).toEqual({
      outcome: 'warn',
      message:
        "refused a delivery signed with the step's key but timestamped 8 hours back (HTTP 401): Bird's retries keep their first timestamp, so after an outage its retried deliveries would be refused and lost; let the receiver accept timestamps more than 8 hours old (the verification function in this action's docs allows 24 hours)",
    });
    expect(classifyAnswer('retry', { status: 400 })).toEqual({
      outcome: 'warn',
      message:
        "answered HTTP 400 to a delivery signed with the step's key and timestamped 8 hours back, after accepting a fresh one: Bird's retried deliveries, which keep their first timestamp, may be refused; let the receiver accept timestamps more than 8 hours old (the verification function in this action's docs allows 24 hours)",
    });
  });
  test('a signed delivery refused with a 4xx other than 401/403 passes with a note', () => {
    expect(classifyAnswer('signed', { status: 422 })).toEqual({
      outcome: 'pass',
      message: "refused the delivery signed with the step's key with HTTP 422, not 401 or 403: taken as refusing the check's content after verifying its signature",
      note: 'answer 2xx to a check (payload.receiverCheck) to pass without this warning',
    });
  });
  test('a status no delivery can get fails, naming it', () => {
    expect(classifyAnswer('signed', { status: 600 })).toEqual({
      outcome: 'fail',
      message: 'the receiver answered HTTP 600, which is not an HTTP answer a delivery can get',
    });
  });
});

describe('the check’s payload tells the receiver what to answer', () => {
  const message = (kind: 'forged' | 'signed' | 'retry') => JSON.parse(checkBody({ kind, service: 'channels', event: 'sms.inbound', now: 0 })).payload.message;
  test('forged: refuse it', () => {
    expect(message('forged')).toBe('A receiver check, not an event: its signature is deliberately wrong. Refuse it (401) without acting on it.');
  });
  test('signed: accept it', () => {
    expect(message('signed')).toBe('A receiver check, not an event: signed with the subscription key. Accept it (2xx) and take no action.');
  });
  test('retry: says it is a retry check; accept it', () => {
    expect(message('retry')).toBe(
      "A receiver check, not an event: a retry check, signed with the subscription key and timestamped 8 hours back, as Bird's retries keep their first timestamp. Accept it (2xx) and take no action.",
    );
  });
});
