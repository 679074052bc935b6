// What `state: absent` deletes, decided from one list of the workspace. Pure.
import type { Subscription } from '../bird/types.js';
import type { ActionInputs } from './inputs.js';
import { byAge, findMatches, sameFilters, type Identity } from './match.js';
import { normalizeUrl } from './url-pattern.js';

/** What `state: absent` deletes: every match of every event, or, for a sweep, what the pattern covers less keep-urls. */
export function selectForDeletion(all: Subscription[], inputs: ActionInputs): Subscription[] {
  if (!inputs.sweep || !inputs.urlPattern) {
    return inputs.events.flatMap((event) => findMatches(all, identity(inputs, event)));
  }
  const pattern = inputs.urlPattern;
  // Scheme and host compare without case, as url-pattern does.
  const keep = new Set(inputs.keepUrls.map(normalizeUrl));
  return all
    .filter(
      (s) =>
        pattern.matches(s.url) &&
        !keep.has(normalizeUrl(s.url)) &&
        (inputs.service === '' || s.service === inputs.service) &&
        (inputs.events.length === 0 || inputs.events.includes(s.event)) &&
        (inputs.eventFilters === undefined || sameFilters(s.eventFilters, inputs.eventFilters)),
    )
    .sort(byAge);
}

/** The identity one event of the inputs describes. */
export function identity(inputs: ActionInputs, event: string): Identity {
  return { service: inputs.service, event, url: inputs.url, eventFilters: inputs.eventFilters };
}
