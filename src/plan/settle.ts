// Which of several identical subscriptions stays, when runs started together each created one (or
// earlier races left copies). Every run must pick the same one without talking to the others, so the
// rule only reads what every run lists alike: the oldest `createdAt`, ties broken by ID. Pure.
import type { Subscription } from '../bird/types.js';
import { byAge, findMatches, type Identity } from './match.js';

export interface Settlement {
  /** The one that stays: the oldest. */
  keep: Subscription;
  /** Exact copies of it, to delete. */
  remove: Subscription[];
}

/** Of subscriptions that all match one identity, the one to keep and the copies to delete; undefined for none. */
export function survivorOf(matches: Subscription[]): Settlement | undefined {
  if (matches.length === 0) return undefined;
  const [keep, ...remove] = [...matches].sort(byAge);
  return { keep, remove };
}

/** The settlement of `wanted` in a list of the workspace. */
export function settle(all: Subscription[], wanted: Identity): Settlement | undefined {
  return survivorOf(findMatches(all, wanted));
}

/**
 * Of the IDs of subscriptions this run created (and did not delete), those `list` does not show: a
 * settling list must show them all, else it is stale (a list that lags behind writes, or leaves an
 * entry out) and the survivor rule would be applied to less than there is.
 */
export function missingFrom(list: Subscription[], ids: Iterable<string>): string[] {
  const listed = new Set(list.map((s) => s.id.toLowerCase()));
  return [...ids].filter((id) => !listed.has(id.toLowerCase()));
}

/**
 * What a settling list may take a signing key from: subscriptions this run did not create and that
 * were created before its first list (`since`, Bird's clock), so entries that list left out count,
 * while copies made by runs started together (some already re-keyed by their run, some not) never
 * do: every run reads the same old subscriptions, and fresh copies cannot disagree it into failing.
 * One without a readable createdAt counts as old.
 */
export function keySources(list: Subscription[], created: Set<string>, since: number | undefined): Subscription[] {
  return list.filter((s) => {
    if (created.has(s.id)) return false;
    const t = typeof s.createdAt === 'string' ? Date.parse(s.createdAt) : NaN;
    return since === undefined || Number.isNaN(t) || t < since;
  });
}
