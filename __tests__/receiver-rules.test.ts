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
    [400, 'pass', 'pass'],
    [499, 'pass', 'pass'],
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
  const message = (kind: 'forged' | 'signed') => JSON.parse(checkBody({ kind, service: 'channels', event: 'sms.inbound', now: 0 })).payload.message;
  test('forged: refuse it', () => {
    expect(message('forged')).toBe('A receiver check, not an event: its signature is deliberately wrong. Refuse it (401) without acting on it.');
  });
  test('signed: accept it', () => {
    expect(message('signed')).toBe('A receiver check, not an event: signed with the subscription key. Accept it (2xx) and take no action.');
  });
});
