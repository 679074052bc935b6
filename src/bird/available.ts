// Bird's list of what a workspace can subscribe to (GET …/available-webhooks), checked as untrusted:
// the documented shape or nothing. An answer that does not fit is one Bird "could not confirm" with,
// never a crash and never a partial list (a dropped entry could be the very event asked about).
import { shown } from '../text.js';

export interface AvailableEvent {
  name: string;
  /** Absent (or null) when Bird does not say which filter keys the event takes. */
  filterKeys?: string[];
}

export interface AvailableService {
  service: string;
  events: AvailableEvent[];
}

// Far above anything Bird documents (five services, a few dozen events each), far below what would
// make the matching slow; beyond them the answer is not taken.
export const MAX_SERVICES = 100;
export const MAX_EVENTS_PER_SERVICE = 5000;
export const MAX_FILTER_KEYS = 200;
export const MAX_NAME_LENGTH = 200;

/** The answer as documented, or what is wrong with it (safe to show: outside text goes through shown()). */
export function checkAvailable(body: unknown): AvailableService[] | string {
  if (!isObject(body)) return `a body that is ${kind(body)}, not an object`;
  const results = body.results;
  if (!Array.isArray(results)) return 'a body without a results list';
  if (results.length > MAX_SERVICES) return `${results.length} services (more than ${MAX_SERVICES})`;
  const services: AvailableService[] = [];
  for (const [i, entry] of results.entries()) {
    const where = `results[${i}]`;
    if (!isObject(entry)) return `${where} is ${kind(entry)}, not an object`;
    if (!isName(entry.service)) return `${where}.service is not a name`;
    if (!Array.isArray(entry.events)) return `${where}.events is not a list`;
    if (entry.events.length > MAX_EVENTS_PER_SERVICE) return `${where}.events has ${entry.events.length} entries (more than ${MAX_EVENTS_PER_SERVICE})`;
    const events: AvailableEvent[] = [];
    for (const [j, event] of (entry.events as unknown[]).entries()) {
      const at = `${where}.events[${j}]`;
      if (!isObject(event)) return `${at} is ${kind(event)}, not an object`;
      if (!isName(event.name)) return `${at}.name is not a name`;
      const keys = event.filterKeys;
      if (keys === undefined || keys === null) {
        events.push({ name: event.name });
        continue;
      }
      if (!Array.isArray(keys) || keys.length > MAX_FILTER_KEYS || !keys.every(isName)) return `${at}.filterKeys is not a list of names`;
      events.push({ name: event.name, filterKeys: keys });
    }
    services.push({ service: entry.service, events });
  }
  return services;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_NAME_LENGTH;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return shown(typeof value, 20);
}
