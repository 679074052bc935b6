// `prune`: subscriptions of the step's URL, service and filters whose event the step no longer
// lists. Dropping an event from `events` must not leave its subscription delivering for ever. Pure.
import type { EventFilter, Subscription } from '../bird/types.js';
import { byAge, sameFilters } from './match.js';
import { sameUrl } from './same-url.js';

export interface PruneRequest {
  service: string;
  events: string[];
  url: string;
  eventFilters?: EventFilter[];
}

/** Oldest first: what `prune: true` deletes, and what a notice names without it. */
export function planPrune(existing: Subscription[], request: PruneRequest): Subscription[] {
  return existing
    .filter(
      (s) =>
        s.service === request.service &&
        sameUrl(s.url, request.url) &&
        sameFilters(s.eventFilters, request.eventFilters) &&
        !request.events.includes(s.event),
    )
    .sort(byAge);
}
