// What `state: absent` deletes, decided from one list of the workspace. Pure.
import type { Subscription } from '../bird/types.js';
import type { ActionInputs } from './inputs.js';
import { byAge, findMatches, sameFilters, type Identity } from './match.js';
import { looseUrl } from './same-url.js';
import { shown } from '../text.js';

const MAX_SPELLING_WARNINGS = 5;

export interface DeletionPlan {
  /** Oldest first for a sweep. */
  targets: Subscription[];
  /** About `keep-urls`: an entry kept under another spelling, an entry that keeps nothing. */
  warnings: string[];
}

/** What `state: absent` deletes: every match of every event, or, for a sweep, what the pattern covers less keep-urls. */
export function selectForDeletion(all: Subscription[], inputs: ActionInputs): Subscription[] {
  return planDeletion(all, inputs).targets;
}

export function planDeletion(all: Subscription[], inputs: ActionInputs): DeletionPlan {
  if (!inputs.sweep || !inputs.urlPattern) {
    return { targets: inputs.events.flatMap((event) => findMatches(all, identity(inputs, event))), warnings: [] };
  }
  const pattern = inputs.urlPattern;
  const covered = all.filter((s) => pattern.matches(s.url));
  const narrowed = covered.filter(
    (s) =>
      (inputs.service === '' || s.service === inputs.service) &&
      (inputs.events.length === 0 || inputs.events.includes(s.event)) &&
      (inputs.eventFilters === undefined || sameFilters(s.eventFilters, inputs.eventFilters)),
  );
  // Each URL read loosely once: the first keep-urls entry of each loose spelling names it in warnings.
  const looseKeep = inputs.keepUrls.map(looseUrl);
  const keep = new Map<string, string>();
  looseKeep.forEach((url, i) => {
    if (!keep.has(url)) keep.set(url, inputs.keepUrls[i]);
  });
  const loose = new Map(covered.map((s) => [s, looseUrl(s.url)]));
  const warnings: string[] = [];
  const warned = new Set<string>();
  for (const s of narrowed) {
    const entry = keep.get(loose.get(s) as string);
    // Only an entry spelt exactly as the subscription has it goes without a warning.
    if (entry === undefined || inputs.keepUrls.includes(s.url)) continue;
    const pair = `${entry}\n${s.url}`;
    if (warned.has(pair)) continue;
    warned.add(pair);
    warnings.push(
      `Keeping ${shown(s.url, 200)}: keep-urls lists it as '${shown(entry, 200)}', the same URL spelt differently ` +
        '(trailing slash, letter case, default port or query order); write it as the subscription has it',
    );
  }
  // GitHub shows a step's first few annotations: a script's list spelt differently throughout must
  // not hide the other warnings.
  if (warnings.length > MAX_SPELLING_WARNINGS) {
    const more = warnings.length - MAX_SPELLING_WARNINGS;
    warnings.splice(MAX_SPELLING_WARNINGS, more, `Keeping ${more} more subscription${more === 1 ? '' : 's'} whose keep-urls entr${more === 1 ? 'y is' : 'ies are'} spelt differently from the URL; write them as the subscriptions have them`);
  }
  const coveredUrls = new Set(loose.values());
  for (const [i, entry] of inputs.keepUrls.entries()) {
    if (coveredUrls.has(looseKeep[i])) continue;
    const why = pattern.matches(entry) || pattern.matches(looseKeep[i]) ? 'no subscription that url-pattern matches has this URL' : 'url-pattern does not match it';
    warnings.push(`Input 'keep-urls' lists '${shown(entry, 200)}', which keeps nothing: ${why}; check its spelling`);
  }
  return { targets: narrowed.filter((s) => !keep.has(loose.get(s) as string)).sort(byAge), warnings };
}

/** The identity one event of the inputs describes. */
export function identity(inputs: ActionInputs, event: string): Identity {
  return { service: inputs.service, event, url: inputs.url, eventFilters: inputs.eventFilters };
}
