// Whole previews deploying together at Bird's limit: when there is nothing left to evict, which of
// the previews holding part of their events gives its places back. Every run computes the same
// answer from the same list, so exactly one run yields where one has to. Pure.
import type { EventFilter, Subscription } from '../bird/types.js';
import { isFresh } from './limit.js';
import { inCombinations } from './match.js';
import { normalizeUrl, sameUrl } from './same-url.js';
import type { UrlPattern } from './url-pattern.js';
import { shown } from '../text.js';

export interface ContentionRequest {
  service: string;
  events: string[];
  eventFilters?: EventFilter[];
  /** This run's URL. */
  url: string;
  urlPattern?: UrlPattern;
  /** The time now on Bird's clock (ms): only previews whose every subscription is younger than FRESH_MS contend. */
  now?: number;
}

/** A preview deploying now that holds some but not all of the step's events. */
export interface Contender {
  /** Scheme and host in lower case (plan/same-url.ts normalizeUrl). */
  url: string;
  /** Its oldest subscription among the step's combinations: the contenders' order. */
  since: string;
  /** The step's events it holds. */
  events: string[];
}

export interface Contention {
  /** The rule applies: several events and a url-pattern. Without it, a refused run yields as it always did. */
  applies: boolean;
  /**
   * True: this run's preview is the youngest contender, or holds none of the step's events, or
   * holds part of them without contending while no preview contends (it fails as it always did):
   * it gives its places back.
   */
  yields: boolean;
  /** This run's URL holds no subscription in the step's combinations on the list. */
  holdsNone: boolean;
  /** Every contender, oldest first (this run's own among them when it holds part of its events). */
  contenders: Contender[];
}

/**
 * The incomplete contending previews, oldest first: URLs matching `url-pattern` (this run's own
 * among them) that hold some but not all of the step's events (same service and filters) and whose
 * every such subscription is fresh (plan/limit.ts isFresh: most likely a deploy still running).
 * Ordered by the createdAt of their oldest subscription, ties by URL, so that whole-second dates
 * still give one order that every run computes alike. Without `url-pattern` or with one event
 * there are none: no preview holds part of its events but this run's own, which then yields as
 * before this rule.
 */
export function contenders(list: Subscription[], request: ContentionRequest): Contender[] {
  const pattern = request.urlPattern;
  if (!pattern || request.events.length < 2) return [];
  const byUrl = new Map<string, Subscription[]>();
  for (const s of inCombinations(list, request)) {
    // One preview under one spelling, whichever case Bird stores its scheme and host in.
    const url = normalizeUrl(s.url);
    if (!pattern.matches(s.url)) continue;
    byUrl.set(url, [...(byUrl.get(url) ?? []), s]);
  }
  const found: (Contender & { at: number })[] = [];
  for (const [url, subs] of byUrl) {
    const events = request.events.filter((e) => subs.some((s) => s.event === e));
    if (events.length === request.events.length || !subs.every((s) => isFresh(s, request.now))) continue;
    const at = Math.min(...subs.map((s) => Date.parse(s.createdAt as string)));
    found.push({ url, since: new Date(at).toISOString(), events, at });
  }
  return found
    .sort((a, b) => a.at - b.at || compareText(a.url, b.url))
    .map(({ url, since, events }) => ({ url, since, events }));
}

/**
 * Bird refused a create for its limit and, on the fresh list, there is nothing this run may evict:
 * does this run give its places back (it is the youngest contender, or holds none of its events),
 * or wait for a younger one to give back its own? A preview that holds part of its events but is
 * no contender (some of them older than FRESH_MS: not a deploy of these minutes) counts as older
 * than every contender: it waits while there are any, and fails as before when there are none.
 */
export function decideContention(list: Subscription[], request: ContentionRequest): Contention {
  const all = contenders(list, request);
  const own = all.findIndex((c) => sameUrl(c.url, request.url));
  const holdsNone = !inCombinations(list, request).some((s) => sameUrl(s.url, request.url));
  const yields = own === -1 ? holdsNone || all.length === 0 : own === all.length - 1;
  return { applies: request.events.length > 1 && request.urlPattern !== undefined, yields, holdsNone, contenders: all };
}

/**
 * How many tries after a refusal for the limit a step makes in all, as a multiple of max-attempts:
 * tries that follow a change on the list (an eviction, a preview deploying together that completed
 * or gave its places back), that wait for a younger preview to give back, or that follow a list
 * showing room Bird had just refused (a list behind Bird) do not count against max-attempts, but
 * against this bound (steps/create.ts).
 */
export const LIMIT_ROUNDS_PER_ATTEMPT = 3;

/** Code-unit order, the same on every runner whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The sentence a run that yields adds to the limit message; empty where the rule does not apply
 * (one event, no url-pattern) or this run's preview holds part of its events without contending
 * (some of them old): the limit message as before says it all.
 */
export function yieldSentence(contention: Contention, ownUrl: string): string {
  if (!contention.applies) return '';
  const others = contention.contenders.filter((c) => !sameUrl(c.url, ownUrl));
  const list = others.map((c) => shown(c.url)).join(', ');
  const own = shown(ownUrl);
  if (others.length === contention.contenders.length) {
    if (!contention.holdsNone) return '';
    if (others.length === 0) {
      return `This preview (${own}) holds none of these events yet, and no other preview deploying together holds only part of its own, so none gives places back; re-run it once the deploys holding these places are done, or delete some.`;
    }
    return `This preview (${own}) holds none of these events yet, so it counts as the youngest of the ${others.length + 1} previews deploying together that need these places (the others, oldest first: ${list}) and yields them its places; re-run it once they are done.`;
  }
  return `This preview (${own}) was the youngest of the ${others.length + 1} previews deploying together that hold part of their events (the others, oldest first: ${list}), so it yields them its places; re-run it once they are done.`;
}

/** The log line of a run that waits for a younger contender to give its places back. */
export function waitingLine(combination: string, contention: Contention, ownUrl: string): string {
  const others = contention.contenders.filter((c) => !sameUrl(c.url, ownUrl)).length;
  return `Bird's limit of five is reached for ${combination}; ${others} other ${others === 1 ? 'preview' : 'previews'} deploying now ${others === 1 ? 'holds' : 'hold'} part of ${others === 1 ? 'its' : 'their'} events and the youngest of them gives its places back: trying again`;
}

/**
 * Why a run that waited for a younger contender fails when its tries run out: `tries` is how many
 * it made for this event in all, its bound three times max-attempts (steps/create.ts).
 */
export function notGivenBack(waited: Contention, ownUrl: string, maxAttempts: number, tries: number): string {
  const others = waited.contenders.filter((c) => !sameUrl(c.url, ownUrl));
  const youngest = others[others.length - 1];
  const whom =
    others.length === 1
      ? 'the other preview deploying together that holds part of its events'
      : `the youngest of the ${others.length} other previews deploying together that hold part of their events`;
  return `This preview (${shown(ownUrl)}) waited for ${whom}${youngest ? ` (${shown(youngest.url)})` : ''} to give its places back, and it had not after ${tries} tries for this event (at most ${LIMIT_ROUNDS_PER_ATTEMPT * maxAttempts}: three times max-attempts ${maxAttempts}); re-run this step once the others are done, or raise max-attempts.`;
}
