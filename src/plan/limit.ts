// Bird's limit of five subscriptions per filter combination (same service, event and filters,
// whatever the URL): who occupies a combination, and what to evict to make room. Pure.
import type { Subscription } from '../bird/types.js';
import { byAge, sameFilters, type Identity } from './match.js';
import type { UrlPattern } from './url-pattern.js';

export const BIRD_COMBINATION_LIMIT = 5;

/**
 * A subscription created this recently is never evicted: it most likely belongs to a deploy that
 * is still running (another pull request's run started a moment earlier), and evicting it would
 * leave that deploy's URL without deliveries although its run reports success.
 */
export const FRESH_MS = 5 * 60 * 1000;

/**
 * Created less than FRESH_MS before `now` (by `createdAt`). Not fresh: one without a readable date,
 * or dated more than FRESH_MS ahead of `now` (no clock is that far off: the date is wrong, and it
 * must not protect the subscription for ever).
 */
export function isFresh(s: Subscription, now: number | undefined): boolean {
  if (now === undefined || typeof s.createdAt !== 'string') return false;
  const created = Date.parse(s.createdAt);
  return !Number.isNaN(created) && Math.abs(now - created) < FRESH_MS;
}

/**
 * "Now" on Bird's clock, which its createdAt is written by: the Date header of its answer to the
 * list. The header has whole seconds, so the time it names is the earliest the answer can have been
 * written: judged from it, a subscription looks at most a second younger, never older (a fresh one is
 * never evicted for the header's rounding). The runner's clock only without a usable header.
 */
export function birdNow(dateHeader: string | undefined, runnerNow: number): number {
  const bird = typeof dateHeader === 'string' ? Date.parse(dateHeader) : NaN;
  // A header further off than any clock Bird keeps (1970, a day away) is not Bird's clock but a
  // broken one (a proxy's, a cache's): judged by it, fresh previews would look old and be evicted.
  return Number.isNaN(bird) || Math.abs(bird - runnerNow) > MAX_CLOCK_SKEW_MS ? runnerNow : bird;
}

/** How far Bird's Date header may be from the runner's clock and still be taken as Bird's clock. */
export const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;

export const WHEN_FULL_MODES = ['fail', 'evict-oldest'] as const;
export type WhenFull = (typeof WHEN_FULL_MODES)[number];

/** Every subscription that counts against the same limit as `wanted`, oldest first. */
export function occupants(all: Subscription[], wanted: Identity): Subscription[] {
  return all
    .filter((s) => s.service === wanted.service && s.event === wanted.event && sameFilters(s.eventFilters, wanted.eventFilters))
    .sort(byAge);
}

export type RoomPlan =
  | { full: false; evict: [] }
  | { full: true; evict: Subscription[]; occupants: Subscription[] }
  | { full: true; evict?: undefined; occupants: Subscription[] };

/**
 * Whether one more subscription fits next to `taken`, and if not, which to evict: with
 * `evict-oldest`, the oldest occupants whose URL matches the pattern, as many as it takes; never
 * one outside it, nor one `evictable` rules out (after a refused create: one this run did not see
 * in its first list, which another run has just created). `evict` is undefined when there is no room
 * and none may go.
 */
export function planRoom(
  taken: Subscription[],
  whenFull: WhenFull,
  pattern: UrlPattern | undefined,
  evictable: (s: Subscription) => boolean = () => true,
): RoomPlan {
  const excess = taken.length - (BIRD_COMBINATION_LIMIT - 1);
  if (excess <= 0) return { full: false, evict: [] };
  if (whenFull !== 'evict-oldest' || !pattern) return { full: true, occupants: taken };
  const ours = taken.filter((s) => pattern.matches(s.url) && evictable(s));
  if (ours.length < excess) return { full: true, occupants: taken };
  return { full: true, evict: ours.slice(0, excess), occupants: taken };
}

/** The one-line refusal, for the pre-flight and for Bird's own 422 alike. */
export function limitMessage(combination: string, taken: Subscription[], show: (text: unknown) => string, hint: string): string {
  const list = taken.map((s) => `${show(s.id)} (${show(s.url)})`).join(', ');
  const occupied = taken.length > 0 ? `; occupied by, oldest first: ${list}` : '';
  return `Bird allows at most ${BIRD_COMBINATION_LIMIT} subscriptions for ${combination} (same service, event and filters, whatever the URL)${occupied}. ${hint}`;
}

/** One preview: a URL and its subscriptions among the step's combinations, each evicted with the others or not at all. */
export interface Preview {
  url: string;
  subscriptions: Subscription[];
}

/**
 * With several events a preview (a URL) is one unit: which previews to evict so that each event in
 * `needs` (event -> how many places it must free) gets them, oldest preview first (by its oldest
 * subscription). Candidates are URLs other than the step's own whose every subscription among the
 * step's combinations matches the pattern and may go (`evictable`); a preview is taken only where it
 * frees a place still needed. Undefined when the previews that may go cannot free enough.
 */
export function previewsToEvict(
  inCombinations: Subscription[],
  needs: Map<string, number>,
  pattern: UrlPattern,
  isOwnUrl: (url: string) => boolean,
  evictable: (s: Subscription) => boolean,
): Preview[] | undefined {
  const byUrl = new Map<string, Subscription[]>();
  for (const s of inCombinations) byUrl.set(s.url, [...(byUrl.get(s.url) ?? []), s]);
  const candidates = [...byUrl.entries()]
    .filter(([url, subs]) => !isOwnUrl(url) && pattern.matches(url) && subs.every(evictable))
    .map(([url, subs]) => ({ url, subscriptions: [...subs].sort(byAge) }))
    .sort((a, b) => byAge(a.subscriptions[0], b.subscriptions[0]));
  const left = new Map(needs);
  const chosen: Preview[] = [];
  for (const preview of candidates) {
    if ([...left.values()].every((n) => n <= 0)) break;
    if (!preview.subscriptions.some((s) => (left.get(s.event) ?? 0) > 0)) continue;
    chosen.push(preview);
    for (const s of preview.subscriptions) if (left.has(s.event)) left.set(s.event, (left.get(s.event) as number) - 1);
  }
  return [...left.values()].every((n) => n <= 0) ? chosen : undefined;
}
