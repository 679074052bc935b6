// Judges the names the table in events.ts cannot vouch for against what Bird lists for the service
// (GET available-webhooks). Pure: the step (src/steps/check-events.ts) asks Bird and prints.
//
// Bird lists it: fine, nothing said. Bird does not list it: a refusal (the step fails before any
// write). Bird could not be asked, or lists nothing for the service: the table's warning, with why
// Bird could not confirm, and the step goes on — an empty list is read as "cannot confirm", not as
// "nothing exists", so that a lookup Bird answers emptily never blocks a deploy that works today.
import type { AvailableEvent, AvailableService } from '../bird/available.js';
import { shown } from '../text.js';
import { closest, eventMismatch, knownFilterKeys, unknownEventWarning, type NamesToConfirm, type SearchCost } from './events.js';

/** Bird's answer for the service, or why there is none (already one escaped line). */
export type Lookup = { services: AvailableService[] } | { failed: string };

export interface Asked {
  service: string;
  /** Every event of the step, in input order. */
  events: readonly string[];
  eventsInput: 'event' | 'events';
  /** Every filter key of the step: once Bird is asked, its answer judges the table's keys too. */
  filterKeys?: readonly string[];
  /** What the table cannot vouch for (namesToConfirm). */
  toConfirm: NamesToConfirm;
}

export interface Verdict {
  /** One per name Bird does not list; any refusal fails the step before it writes. */
  refusals: string[];
  warnings: string[];
  infos: string[];
  /** Names Bird listed, for one line saying so. */
  confirmed: string[];
}

/** How many of Bird's names a refusal shows when none is near the one asked for. */
const SAMPLE = 8;

/** `cost` counts the work of the "did you mean" searches (tests bound it; see closest()). */
export function judgeNames(asked: Asked, lookup: Lookup, cost: SearchCost = { cells: 0 }): Verdict {
  const verdict: Verdict = { refusals: [], warnings: [], infos: [], confirmed: [] };
  const { service, eventsInput: input } = asked;
  const listed = 'failed' in lookup ? [] : lookup.services.filter((s) => s.service === service).flatMap((s) => s.events);
  const why = 'failed' in lookup ? lookup.failed : listed.length === 0 ? `Bird lists no events for service '${shown(service, 60)}' in this workspace` : undefined;
  const byName = new Map<string, AvailableEvent>();
  for (const event of listed) if (!byName.has(event.name)) byName.set(event.name, event);
  const names = [...byName.keys()];

  for (const event of asked.toConfirm.events) {
    if (why !== undefined) {
      // Where the table has nothing to say either (numbers, payments), this is no worse than before: info.
      const warning = unknownEventWarning(service, event, input, why);
      if (warning) verdict.warnings.push(warning);
      else verdict.infos.push(`Input '${input}' ${input === 'events' ? 'lists' : 'is'} '${shown(event, 80)}', which Bird could not confirm for service '${shown(service, 60)}' (${why}); it is sent as given`);
    } else if (byName.has(event)) {
      verdict.confirmed.push(event);
    } else {
      verdict.refusals.push(notListed(asked, event, names, cost));
    }
  }

  // Once Bird's answer is here, it judges every key where it lists the event's keys (no extra
  // request): a key the table holds may still be one this event does not take.
  const unknownKeys = new Set(asked.toConfirm.filterKeys);
  const keys = why === undefined ? [...new Set([...(asked.filterKeys ?? []), ...unknownKeys])] : [...unknownKeys];
  for (const key of keys) {
    const judged = why === undefined ? judgeKey(key, asked.events, byName, cost) : { unconfirmed: why };
    if ('refusal' in judged) verdict.refusals.push(judged.refusal);
    else if (!unknownKeys.has(key)) continue; // the table vouches for it, and Bird did not say otherwise
    else if ('unconfirmed' in judged) keyUnconfirmed(verdict, service, key, judged.unconfirmed);
    else verdict.confirmed.push(key);
  }
  return verdict;
}

function notListed(asked: Asked, event: string, names: string[], cost: SearchCost): string {
  const other = eventMismatch(asked.service, event)?.otherService;
  const near = closest(event, names, cost);
  const advice = other
    ? `it is an event of service '${other}'`
    : near !== undefined
      ? `did you mean ${shown(near, 80)}?`
      : `Bird lists ${sample(names)}`;
  const verb = asked.eventsInput === 'events' ? 'lists' : 'is';
  return `Input '${asked.eventsInput}' ${verb} '${shown(event, 80)}', which Bird does not list for service '${shown(asked.service, 60)}' in this workspace; ${advice} (a subscription to it would never fire)`;
}

/**
 * A filter key against the events Bird lists with their filter keys: refused when one of them does
 * not take it; confirmed when one takes it; unconfirmed when Bird names no keys for any of them.
 */
function judgeKey(key: string, events: readonly string[], byName: Map<string, AvailableEvent>, cost: SearchCost): { refusal: string } | { unconfirmed: string } | { ok: true } {
  let taken = false;
  for (const event of events) {
    const keys = byName.get(event)?.filterKeys;
    if (!keys || keys.length === 0) continue;
    if (keys.includes(key)) {
      taken = true;
      continue;
    }
    const near = closest(key, keys, cost);
    const advice = near !== undefined ? `did you mean ${shown(near, 80)}?` : `Bird lists ${sample(keys)}`;
    return {
      refusal: `Input 'event-filters' has the key '${shown(key, 80)}', which Bird does not list as a filter key of event '${shown(event, 80)}'; ${advice} (a subscription filtered by it would never fire)`,
    };
  }
  return taken ? { ok: true } : { unconfirmed: `Bird lists no filter keys for ${events.map((e) => `'${shown(e, 80)}'`).join(', ')}` };
}

function keyUnconfirmed(verdict: Verdict, service: string, key: string, why: string): void {
  const near = closest(key, knownFilterKeys(service));
  const head = `Input 'event-filters' has the key '${shown(key, 80)}'`;
  if (near !== undefined) {
    verdict.warnings.push(
      `${head}, which is not a filter key Bird documents for service '${shown(service, 60)}'; did you mean ${near}? ` +
        `(a subscription filtered by an unknown key may never fire). Bird could not confirm the key: ${why}`,
    );
  } else {
    verdict.infos.push(`${head}, which Bird could not confirm (${why}); it is sent as given`);
  }
}

function sample(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shownNames = names.slice(0, SAMPLE).map((n) => shown(n, 60));
  return names.length > SAMPLE ? `${shownNames.join(', ')}, … (${names.length} in all)` : shownNames.join(', ');
}
