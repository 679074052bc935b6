// What `state: present` will do for each requested event, decided from one list of the workspace
// before anything is written, so that a refusal (if-exists: fail, a full combination) costs no write. Pure.
import { ActionError } from '../bird/errors.js';
import type { EventFilter, Subscription } from '../bird/types.js';
import { shown } from '../text.js';
import type { IfExists } from './inputs.js';
import { contenders } from './contention.js';
import { BIRD_COMBINATION_LIMIT, FRESH_MS, isFresh, limitMessage, occupants, planRoom, previewsToEvict, type WhenFull } from './limit.js';
import { findMatches, inCombinations, type Identity } from './match.js';
import { normalizeUrl, sameUrl } from './same-url.js';
import type { UrlPattern } from './url-pattern.js';

export interface PresentRequest {
  service: string;
  events: string[];
  url: string;
  eventFilters?: EventFilter[];
  ifExists: IfExists;
  whenFull: WhenFull;
  urlPattern?: UrlPattern;
  /** The time now (ms): occupants created within FRESH_MS of it are never evicted. Undefined: no such rule. */
  now?: number;
}

export interface EventPlan {
  event: string;
  wanted: Identity;
  /** The oldest match, reused; undefined means a create. */
  target?: Subscription;
  /** Further matches: exact copies of the target, deleted with if-exists: reuse (healing an earlier race). */
  others: Subscription[];
  /** Subscriptions deleted first to make room under Bird's limit (creates only). */
  evict: Subscription[];
}

export function planPresent(existing: Subscription[], request: PresentRequest): EventPlan[] {
  return wholePreviews(existing, request, planEach(existing, request), (s) => !isFresh(s, request.now));
}

function planEach(existing: Subscription[], request: PresentRequest): EventPlan[] {
  return request.events.map((event) => {
    const wanted: Identity = { service: request.service, event, url: request.url, eventFilters: request.eventFilters };
    const matches = findMatches(existing, wanted);
    if (matches.length > 0 && request.ifExists === 'fail') {
      throw new ActionError(
        `A matching subscription already exists (${matches.map((s) => shown(s.id)).join(', ')}) for ${describeIdentity(wanted)}, and if-exists is 'fail'`,
      );
    }
    if (matches.length > 0 && request.ifExists === 'reuse') {
      const [target, ...others] = matches;
      return { event, wanted, target, others, evict: [] };
    }
    const room = planRoom(occupants(existing, wanted), request.whenFull, request.urlPattern, (s) => !isFresh(s, request.now));
    if (room.evict === undefined) throw new ActionError(fullMessage(wanted, room.occupants, request));
    return { event, wanted, others: [], evict: room.evict };
  });
}

/**
 * With several events and `evict-oldest`, a preview (a URL) is one unit: the evictions are chosen
 * by URL across all the step's events (plan/limit.ts previewsToEvict), and each event's plan
 * deletes that preview's subscription of its event, so no preview is left with part of its events.
 */
function wholePreviews(existing: Subscription[], request: PresentRequest, plans: EventPlan[], evictable: (s: Subscription) => boolean): EventPlan[] {
  if (request.events.length < 2 || !request.urlPattern || plans.every((p) => p.evict.length === 0)) return plans;
  const needs = new Map<string, number>();
  for (const plan of plans) if (plan.evict.length > 0) needs.set(plan.event, occupants(existing, plan.wanted).length - (BIRD_COMBINATION_LIMIT - 1));
  const previews = previewsToEvict(inCombinations(existing, request), needs, request.urlPattern, (url) => sameUrl(url, request.url), evictable);
  if (!previews) {
    const short = plans.find((p) => needs.has(p.event)) as EventPlan;
    throw new ActionError(
      limitMessage(
        describeCombination(short.wanted),
        occupants(existing, short.wanted),
        shown,
        `With several events a preview is evicted whole (all its subscriptions of ${request.events.map((e) => shown(e)).join(', ')}) or not at all, and the previews matching url-pattern '${shown(request.urlPattern.text)}' that may go (none created less than ${FRESH_MS / 60000} minutes ago) cannot make room for every event, so none was evicted; delete some or widen url-pattern.`,
      ),
    );
  }
  return plans.map((plan) => ({ ...plan, evict: previews.flatMap((p) => p.subscriptions.filter((s) => s.event === plan.event)) }));
}

/**
 * Bird refused a create for its limit although the plan saw room: another run took the slot. From a
 * fresh list, plan that event again: reuse a match that has appeared meanwhile (if-exists: reuse),
 * else make room again, evicting only what `evictable` allows (the subscriptions in this run's
 * first list); a string is the refusal.
 */
export function replanAfterRefusal(
  now: Subscription[],
  plan: EventPlan,
  request: PresentRequest,
  evictable: (s: Subscription) => boolean,
): EventPlan | string {
  const matches = findMatches(now, plan.wanted);
  if (matches.length > 0 && request.ifExists === 'reuse') return { ...plan, target: matches[0], others: [], evict: [] };
  const taken = occupants(now, plan.wanted);
  const may = (s: Subscription) => evictable(s) && !isFresh(s, request.now);
  const room = planRoom(taken, request.whenFull, request.urlPattern, may);
  if (room.evict === undefined) return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, request, true)}`;
  const again = { ...plan, target: undefined, others: [], evict: room.evict };
  if (request.events.length < 2 || room.evict.length === 0) return again;
  // A whole preview again: its subscriptions of every event of the step go with it.
  const own = taken.length - (BIRD_COMBINATION_LIMIT - 1);
  const toEvict = (places: number) =>
    previewsToEvict(inCombinations(now, request), new Map([[plan.event, places]]), request.urlPattern as UrlPattern, (url) => sameUrl(url, request.url), may);
  // Previews deploying together that lack this event need a place too: where old previews can make
  // room for all of them, every run that sees them evicts the same oldest ones at once, rather than
  // one preview a round (plan/contention.ts). Else room for this run alone. Only previews that
  // gained a subscription since this run's first list (not `evictable`) count: one that holds
  // fewer events on purpose and is not deploying now needs no place.
  const moved = new Set(inCombinations(now, request).filter((s) => !evictable(s)).map((s) => normalizeUrl(s.url)));
  const lacking = contenders(now, request).filter((c) => !sameUrl(c.url, request.url) && !c.events.includes(plan.event) && moved.has(c.url)).length;
  const previews = toEvict(own + lacking) ?? toEvict(own);
  if (!previews) return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, request, true)}`;
  return { ...again, evict: previews.flatMap((p) => p.subscriptions) };
}

/** Why a create cannot go through: the occupants, and what the user can do about it. */
export function fullMessage(
  wanted: Identity,
  taken: Subscription[],
  request: Pick<PresentRequest, 'whenFull' | 'urlPattern' | 'now'>,
  /** Bird refused although the pre-flight saw room: another run took a slot meanwhile. */
  race = false,
): string {
  const pattern = request.whenFull === 'evict-oldest' ? request.urlPattern : undefined;
  let hint = 'Delete one that is no longer needed, or let this step evict the oldest of its own with url-pattern and when-full: evict-oldest.';
  // Occupants the pattern covers, and how many of them are too recent to evict (limit.ts FRESH_MS).
  const matching = taken.filter((s) => pattern?.matches(s.url) === true);
  const fresh = matching.filter((s) => isFresh(s, request.now)).length;
  if (race) {
    hint = `Another run took a slot after this step looked; re-run the step${pattern ? ' to make room again' : ''}.`;
    if (fresh > 0) {
      hint += ` ${fresh} of the occupants matching url-pattern ${fresh === 1 ? 'was' : 'were'} created less than ${FRESH_MS / 60000} minutes ago, most likely by deploys still running, and ${fresh === 1 ? 'is' : 'are'} never evicted: re-run once those deploys are done.`;
    }
  } else if (pattern) {
    const ours = matching.length - fresh;
    const excess = taken.length - (BIRD_COMBINATION_LIMIT - 1);
    const recent =
      fresh > 0
        ? ` (${fresh} more ${fresh === 1 ? 'matches but was' : 'match but were'} created less than ${FRESH_MS / 60000} minutes ago, most likely by a deploy still running, and ${fresh === 1 ? 'is' : 'are'} never evicted)`
        : '';
    hint =
      matching.length === 0
        ? `None of them matches url-pattern '${shown(pattern.text)}', so none was evicted; delete one or widen url-pattern.`
        : `Only ${ours} of them ${ours === 1 ? 'matches' : 'match'} url-pattern '${shown(pattern.text)}' and may be evicted${recent}, fewer than the ${excess} that would have to go, so none was evicted; delete some${
            // A wider pattern helps only where some occupants lie outside it.
            matching.length < taken.length ? ' or widen url-pattern' : ''
          }${fresh > 0 ? ', or re-run once those deploys are done' : ''}.`;
  }
  return limitMessage(describeCombination(wanted), taken, shown, hint);
}

export function describeCombination(wanted: Omit<Identity, 'url'>): string {
  const filters = wanted.eventFilters?.length ? `filters ${describeFilters(wanted.eventFilters)}` : 'no filters';
  return `${shown(wanted.service)} ${shown(wanted.event)} with ${filters}`;
}

export function describeIdentity(wanted: Identity): string {
  const filters = wanted.eventFilters?.length ? ` with filters ${describeFilters(wanted.eventFilters)}` : '';
  return `${shown(wanted.service)} ${shown(wanted.event)} -> ${shown(wanted.url)}${filters}`;
}

function describeFilters(filters: EventFilter[]): string {
  return filters.map((f) => `${shown(f.key)}=${shown(f.value)}`).join(', ');
}
