// Which existing subscriptions are "the same" as the one requested. Pure.
import type { EventFilter, Subscription } from '../bird/types.js';
import { sameUrl } from './same-url.js';

export interface Identity {
  service: string;
  event: string;
  url: string;
  eventFilters?: EventFilter[] | null;
}

/**
 * Same service, event and URL (exact but for the case of scheme and host, which Bird may store
 * in lower case), and the same multiset of filters in any order.
 * No filters, `null` and `[]` all mean "no filters" to Bird, so they match each other.
 */
export function sameSubscription(existing: Identity, wanted: Identity): boolean {
  return (
    existing.service === wanted.service &&
    existing.event === wanted.event &&
    sameUrl(existing.url, wanted.url) &&
    sameFilters(existing.eventFilters, wanted.eventFilters)
  );
}

export function sameFilters(a: EventFilter[] | null | undefined, b: EventFilter[] | null | undefined): boolean {
  const left = canonical(a);
  const right = canonical(b);
  return left.length === right.length && left.every((entry, i) => entry === right[i]);
}

function canonical(filters: EventFilter[] | null | undefined): string[] {
  // JSON of the pair keeps '=' or ',' inside keys and values from colliding.
  return (filters ?? []).map((f) => JSON.stringify([f.key, f.value])).sort();
}

/** A step's combinations: its service and filters, with any of its events. */
export interface Combinations {
  service: string;
  events: string[];
  eventFilters?: EventFilter[];
}

/** The subscriptions in the step's combinations: its service and filters, any of its events. */
export function inCombinations(all: readonly Subscription[], step: Combinations): Subscription[] {
  return all.filter((s) => s.service === step.service && step.events.includes(s.event) && sameFilters(s.eventFilters, step.eventFilters));
}

/** Matches, oldest first, so that "the" match is stable across runs. */
export function findMatches(all: Subscription[], wanted: Identity): Subscription[] {
  return all
    .filter((s) => sameSubscription(s, wanted))
    .sort(byAge);
}

/**
 * Oldest first by `createdAt` as a point in time (offsets and fractions read as such); one without
 * a readable date sorts last, so it is never taken for the oldest; then by ID, so the order is
 * stable across runs.
 */
export function byAge(a: Subscription, b: Subscription): number {
  const ta = time(a);
  const tb = time(b);
  if (ta !== tb) return ta - tb;
  return String(a.id).localeCompare(String(b.id));
}

function time(s: Subscription): number {
  const t = typeof s.createdAt === 'string' ? Date.parse(s.createdAt) : NaN;
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}
