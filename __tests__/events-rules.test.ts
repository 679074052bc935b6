// Rules of the event-name table and the typo distance (src/plan/events.ts) that no other unit test
// pins (issue 22).
import { describe, expect, test } from '@jest/globals';
import { closest, editDistance, eventMismatch, KNOWN_EVENTS } from '../src/plan/events.js';

describe('editDistance (optimal string alignment)', () => {
  test.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['ab', 'abc', 1],
    ['kitten', 'sitting', 3],
  ])('%j to %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('an adjacent swap costs 1, not 2', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('sms.outbound', 'sms.outbuond')).toBe(1);
    expect(editDistance('abcd', 'badc')).toBe(2);
    expect(editDistance('xab', 'xba')).toBe(1);
    expect(editDistance('abx', 'bax')).toBe(1);
  });

  test('only adjacent letters swap, and a swapped pair is not edited again (OSA, not Damerau)', () => {
    expect(editDistance('acb', 'bca')).toBe(2);
    expect(editDistance('ca', 'abc')).toBe(3);
  });
});

describe('closest', () => {
  test('the nearest candidate within a third of the length (at least 2), case-insensitively', () => {
    expect(closest('SMS.OUTBOND', ['sms.inbound', 'sms.outbound'])).toBe('sms.outbound');
    // 12 letters: up to 4 edits.
    expect(closest('abcdefghijkl', ['abcdefghwxyz'])).toBe('abcdefghwxyz');
    expect(closest('abcdefghijkl', ['abcdefgvwxyz'])).toBeUndefined();
    // 3 letters: up to 2 edits.
    expect(closest('abc', ['xyc'])).toBe('xyc');
    expect(closest('abc', ['xyz'])).toBeUndefined();
  });

  test('the first of equally near candidates wins', () => {
    expect(closest('abcd', ['abce', 'abcf'])).toBe('abce');
    expect(closest('abcd', ['abxx', 'abcf'])).toBe('abcf');
  });

  test('nothing near enough: undefined', () => {
    expect(closest('message.sent', ['sms.inbound', 'conversation.created'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});

describe('the documented events', () => {
  test('every channel platform has inbound, outbound and interaction', () => {
    const platforms = ['sms', 'whatsapp', 'email', 'line', 'instagram', 'facebook', 'viber', 'linkedin', 'tiktok', 'telegram'];
    const expected = [...platforms.flatMap((p) => [`${p}.inbound`, `${p}.outbound`, `${p}.interaction`]), 'voice.inbound', 'voice.outbound', 'channel.created', 'channel.updated'];
    expect(KNOWN_EVENTS.channels).toEqual(expected);
    expect(KNOWN_EVENTS.conversations).toEqual(['conversation.created', 'conversation.updated', 'conversation.deleted']);
    expect(KNOWN_EVENTS.templates).toEqual(['template.created', 'template.updated', 'template.deleted']);
    expect(KNOWN_EVENTS.numbers).toBeUndefined();
    expect(KNOWN_EVENTS.payments).toBeUndefined();
  });

  test('eventMismatch: none for a known event or a service without documented events', () => {
    expect(eventMismatch('channels', 'telegram.interaction')).toBeUndefined();
    expect(eventMismatch('numbers', 'anything')).toBeUndefined();
    expect(eventMismatch('unknown-service', 'anything')).toBeUndefined();
  });

  test('eventMismatch: the closest name and the service the event belongs to', () => {
    expect(eventMismatch('templates', 'conversation.created')).toEqual({ closest: undefined, otherService: 'conversations' });
    expect(eventMismatch('channels', 'sms.outbond')).toEqual({ closest: 'sms.outbound', otherService: undefined });
    expect(eventMismatch('conversations', 'template.created')).toEqual({ closest: undefined, otherService: 'templates' });
    expect(eventMismatch('conversations', 'conversation.create')).toEqual({ closest: 'conversation.created', otherService: undefined });
  });
});
