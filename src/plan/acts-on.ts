// Which entries of Bird's list the step acts on, decided from the raw entry before it is checked
// against Bird's contract: those must fit it (a broken answer there stops the run), every other
// entry of the workspace is someone else's and is skipped when it does not fit. Pure.
import type { EventFilter } from '../bird/types.js';
import type { ActionInputs } from './inputs.js';
import { sameFilters } from './match.js';
import { sameUrl } from './same-url.js';

export type ActsOnInputs = Pick<ActionInputs, 'state' | 'service' | 'events' | 'url' | 'eventFilters' | 'urlPattern'>;

/**
 * An entry the step acts on: same URL (host in any case), a URL `url-pattern` matches (eviction,
 * sweeps), or, with `state: present`, one counted against the same limit as a requested event.
 */
export function actsOn(raw: unknown, inputs: ActsOnInputs): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const entry = raw as Record<string, unknown>;
  if (typeof entry.url === 'string') {
    // A sweep has no url: an entry with an empty one is not "the same URL".
    if (inputs.url !== '' && sameUrl(entry.url, inputs.url)) return true;
    if (inputs.urlPattern?.matches(entry.url)) return true;
  }
  if (inputs.state !== 'present' || entry.service !== inputs.service || typeof entry.event !== 'string') return false;
  if (!inputs.events.includes(entry.event)) return false;
  const filters = entry.eventFilters;
  if (filters === undefined || filters === null) return sameFilters(undefined, inputs.eventFilters);
  if (!Array.isArray(filters)) return false;
  // A filter that is not a pair of strings cannot equal one of ours: not the same combination.
  if (!filters.every((f) => typeof f === 'object' && f !== null && typeof f.key === 'string' && typeof f.value === 'string')) return false;
  return sameFilters(filters as EventFilter[], inputs.eventFilters);
}
