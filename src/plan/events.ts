// The event names Bird documents per service, so that a misspelt `event` (which Bird accepts and
// which then never fires) is caught with a warning. Pure data and string distance; no I/O.
//
// Where the names come from (docs.bird.com, read 2026-11; see /work/shared/bird-api-notes.md §3):
// - channels: "Webhook subscriptions" table (api/notifications-api/api-reference/webhook-subscriptions):
//   inbound, outbound, interaction per platform, channel created, channel updated; the platforms with
//   `<platform>.inbound` from api/channels-api/message-status-and-interactions (sms, whatsapp, email,
//   line, instagram, facebook, viber, linkedin, tiktok, telegram); voice.inbound / voice.outbound from
//   api/voice-api/voice-webhooks. Apple Business Chat is listed there without its event prefix, so it
//   is not in the table (a subscription to it only gets a warning, never a refusal).
// - conversations: api/conversations-api/api-reference/events (conversation.created/updated/deleted).
// - templates: api/touchpoints-api/api-reference/message-templates/template-webhooks.
// - numbers, payments: Bird documents no event names for them.
// The table decides which names cost nothing: a name (or filter key) it holds is taken as it is; one it
// lacks is asked of Bird once per step (GET available-webhooks, src/steps/check-events.ts), and Bird's
// answer decides. The table alone judges only where Bird cannot be asked or cannot answer (a warning),
// and for state: absent (no lookup there: deleting by a misspelt name deletes nothing).

import { shown } from '../text.js';
import { InputError } from './input-error.js';

const CHANNEL_PLATFORMS = ['sms', 'whatsapp', 'email', 'line', 'instagram', 'facebook', 'viber', 'linkedin', 'tiktok', 'telegram'];

export const KNOWN_EVENTS: Readonly<Record<string, readonly string[] | undefined>> = {
  channels: [
    ...CHANNEL_PLATFORMS.flatMap((p) => [`${p}.inbound`, `${p}.outbound`, `${p}.interaction`]),
    'voice.inbound',
    'voice.outbound',
    'channel.created',
    'channel.updated',
  ],
  conversations: ['conversation.created', 'conversation.updated', 'conversation.deleted'],
  templates: ['template.created', 'template.updated', 'template.deleted'],
  numbers: undefined,
  payments: undefined,
};

/**
 * The filter keys Bird documents per service, taken for every event of the service: channels from
 * the "Webhook subscriptions" table and api/channels-api/message-status-and-interactions (channelId,
 * messageStatus, interactionType, platformId, channelStatus) and api/voice-api/voice-webhooks
 * (status); templates from template-webhooks (platformId). A key here costs no lookup; Bird does not
 * say which event takes which, so a documented key on an event that does not take it is not caught.
 */
export const KNOWN_FILTER_KEYS: Readonly<Record<string, readonly string[] | undefined>> = {
  channels: ['channelId', 'messageStatus', 'interactionType', 'platformId', 'channelStatus', 'status'],
  templates: ['platformId'],
};

/** The events the table holds for `service`; undefined when it documents none or is no service (`toString`). */
export function knownEvents(service: string): readonly string[] | undefined {
  return Object.hasOwn(KNOWN_EVENTS, service) ? KNOWN_EVENTS[service] : undefined;
}

/** The filter keys the table holds for `service`; none for a name that is no service. */
export function knownFilterKeys(service: string): readonly string[] {
  return (Object.hasOwn(KNOWN_FILTER_KEYS, service) ? KNOWN_FILTER_KEYS[service] : undefined) ?? [];
}

/**
 * The spelling in `known` of a name that differs from it only by letter case (`SMS.Outbound` →
 * sms.outbound), or undefined. Bird's names are case-sensitive: such a name is no name Bird has.
 */
export function caseVariantOf(name: string, known: readonly string[]): string | undefined {
  if (known.includes(name)) return undefined;
  const lower = name.toLowerCase();
  return known.find((k) => k.toLowerCase() === lower);
}

/**
 * Refuses (before any request) an event or filter key that is a name of the table in other letter
 * case: Bird would take it as another name, which never fires, and when Bird cannot be asked the
 * lookup could only warn. Filter keys are given as `{ key }` entries of event-filters.
 */
export function refuseCaseVariants(service: string, events: readonly string[], input: 'event' | 'events', filters: readonly { key: string }[]): void {
  for (const event of events) {
    const spelt = caseVariantOf(event, knownEvents(service) ?? []);
    if (spelt !== undefined) {
      throw new InputError(input, `${input === 'events' ? 'lists' : 'is'} '${shown(event, 80)}'; did you mean ${spelt}? Bird's event names are case-sensitive, and a subscription to '${shown(event, 80)}' would never fire`);
    }
  }
  for (const { key } of filters) {
    const spelt = caseVariantOf(key, knownFilterKeys(service));
    if (spelt !== undefined) {
      throw new InputError('event-filters', `has the key '${shown(key, 80)}'; did you mean ${spelt}? Bird's filter keys are case-sensitive, and a subscription filtered by '${shown(key, 80)}' would never fire`);
    }
  }
}

/** What the table cannot vouch for: the events and filter keys to ask Bird about. */
export interface NamesToConfirm {
  events: string[];
  filterKeys: string[];
}

/**
 * Events not in the table for `service`, and filter keys not documented for it; in input order, once
 * each. None for a service Bird does not document: that already has its own warning, and Bird
 * refuses the create itself if it does not know the service.
 */
export function namesToConfirm(service: string, events: readonly string[], filterKeys: readonly string[]): NamesToConfirm {
  if (!Object.hasOwn(KNOWN_EVENTS, service)) return { events: [], filterKeys: [] };
  const known = knownEvents(service) ?? [];
  const keys = knownFilterKeys(service);
  return {
    events: events.filter((e) => !known.includes(e)),
    filterKeys: [...new Set(filterKeys)].filter((k) => !keys.includes(k)),
  };
}

/** Whether anything needs asking; false means no lookup and no extra request. */
export function anyToConfirm(names: NamesToConfirm): boolean {
  return names.events.length > 0 || names.filterKeys.length > 0;
}

/**
 * Why `event` does not fit `service`'s documented events, or undefined when it fits (or Bird documents
 * none for the service). `event` is raw input: the caller shows it through shown().
 */
export function eventMismatch(service: string, event: string): { closest?: string; otherService?: string } | undefined {
  const known = knownEvents(service);
  if (!known || known.includes(event)) return undefined;
  const otherService = Object.keys(KNOWN_EVENTS).find((s) => KNOWN_EVENTS[s]?.includes(event));
  return { closest: closest(event, known), otherService };
}

/** The work closest() did, in cells of the distance table; for tests that bound it. */
export interface SearchCost {
  cells: number;
}

// The most distance-table cells one search computes. Bird's list is untrusted and may hold up to
// 500,000 names (available.ts); a search past this gives the best name found so far, or none.
// A real list (a few dozen names of about 20 characters) needs a few thousand cells.
export const MAX_SEARCH_CELLS = 200_000;

/** The candidate nearest to `word` (case-insensitive edit distance), if it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[], cost: SearchCost = { cells: 0 }): string | undefined {
  const lower = word.toLowerCase();
  // A third of the length, at least 2: catches dropped, doubled and swapped letters, not other words.
  const limit = Math.max(2, Math.floor(lower.length / 3));
  const stop = cost.cells + MAX_SEARCH_CELLS;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // The length difference is a lower bound of the distance: most candidates cost nothing more.
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    if (cost.cells >= stop) break;
    const d = boundedDistance(lower, candidate.toLowerCase(), bestDistance - 1, cost);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}

/**
 * editDistance(a, b) when it is at most `bound`, else bound + 1, computing only the cells within
 * `bound` of the diagonal and stopping at the first row where every cell is past the bound.
 */
export function boundedDistance(a: string, b: string, bound: number, cost: SearchCost = { cells: 0 }): number {
  const over = bound + 1;
  if (Math.abs(a.length - b.length) > bound) return over;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => Math.min(j, over));
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(over);
    row[0] = Math.min(i, over);
    let least = row[0];
    for (let j = Math.max(1, i - bound); j <= Math.min(b.length, i + bound); j++) {
      cost.cells++;
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = Math.min(d, over);
      least = Math.min(least, row[j]);
    }
    if (least > bound) return over;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.
 * The bounded search with a bound no distance of the two can pass: one implementation serves both.
 */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

/**
 * The table's warning for an event it does not hold for `service`, or undefined when it holds it or
 * documents no events for the service. `why` says why Bird's own list could not settle it.
 */
export function unknownEventWarning(service: string, event: string, input: 'event' | 'events', why?: string): string | undefined {
  const mismatch = eventMismatch(service, event);
  if (!mismatch) return undefined;
  const advice = mismatch.otherService
    ? `it is an event of service '${mismatch.otherService}'`
    : mismatch.closest
      ? `did you mean ${mismatch.closest}?`
      : `known ones are ${describeEvents(service)}`;
  return (
    `Input '${input}' ${input === 'events' ? 'lists' : 'is'} '${shown(event, 80)}', which is not an event Bird documents for service '${service}'; ${advice} ` +
    '(a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently)' +
    (why ? `. Bird could not confirm the name: ${why}` : '')
  );
}

function describeEvents(service: string): string {
  if (service === 'channels') return '<platform>.inbound, <platform>.outbound, <platform>.interaction (platform: sms, whatsapp, email, ...), voice.inbound, voice.outbound, channel.created, channel.updated';
  return (knownEvents(service) ?? []).join(', ');
}

/**
 * Whether the step has names to check before it writes: with state: present, any the table cannot
 * vouch for (they are asked of Bird); with state: absent, any the table judges misspelt (a warning
 * only, no lookup: deleting by a misspelt name deletes nothing). False: the check is not even loaded.
 */
export function needsEventCheck(state: string, service: string, events: readonly string[], filterKeys: readonly string[]): boolean {
  if (service === '' || events.length === 0) return false;
  if (state === 'absent') return events.some((event) => eventMismatch(service, event) !== undefined);
  return anyToConfirm(namesToConfirm(service, events, filterKeys));
}
