// Parses and validates the step's inputs. Pure: no I/O, no logging; every problem is an
// InputError that names the input, raised before any request is sent.
import { isUuid } from '../bird/ids.js';
import type { EventFilter } from '../bird/types.js';
import { InputError } from './input-error.js';
import { WHEN_FULL_MODES, type WhenFull } from './limit.js';
import { parseUrlPattern, type UrlPattern } from './url-pattern.js';
import { closest, editDistance, refuseCaseVariants } from './events.js';
import { eventEntryProblem, filterKeyProblem, shownName } from './name-rules.js';
import { explainUrl } from './webhook-url.js';
import { isPlausibleSigningKey, MIN_SIGNING_KEY_LENGTH } from './signing-key.js';
import { shown } from '../text.js';
import { CHECK_DELIVERIES_MODES, parseWindow, type CheckDeliveries, type DeliveryWindow } from './deliveries.js';

export { InputError };

export const KNOWN_SERVICES = ['channels', 'numbers', 'payments', 'conversations', 'templates'];
export const IF_EXISTS_MODES = ['reuse', 'create', 'fail'] as const;
export const STATES = ['present', 'absent'] as const;
/** What check-receiver sends after a deploy (src/plan/receiver.ts). */
export const CHECK_RECEIVER_MODES = ['off', 'forged', 'signed'] as const;
export const DEFAULT_API_URL = 'https://api.bird.com';
export const MAX_EVENTS = 50;
export const MAX_ATTEMPTS = 10;
export const MAX_TIMEOUT_SECONDS = 600;

export type IfExists = (typeof IF_EXISTS_MODES)[number];
export type State = (typeof STATES)[number];
export type CheckReceiver = (typeof CHECK_RECEIVER_MODES)[number];

export interface ActionInputs {
  accessKey: string;
  workspaceId: string;
  organizationId?: string;
  service: string;
  /** From `event` or `events`, in the order given; empty only where none is needed (deleting by ID, a sweep). */
  events: string[];
  /** Which input the events came from, for messages about them; 'event' when not given. */
  eventsInput?: 'event' | 'events';
  url: string;
  /** As given; undefined means "derive one" (signing-key.ts), and keep a key Bird shows. */
  signingKey?: string;
  /** Replaces the access key as the secret the key is derived from; undefined: use the access key. */
  signingKeySeed?: string;
  /** undefined when the input is empty: no filters. */
  eventFilters?: EventFilter[];
  template?: string;
  apiUrl: URL;
  ifExists: IfExists;
  state: State;
  subscriptionId?: string;
  /** The URLs this workflow owns; bounds eviction and sweeps. */
  urlPattern?: UrlPattern;
  whenFull: WhenFull;
  /** `state: absent` with `url-pattern` and no `url`: delete everything the pattern matches but these. */
  sweep: boolean;
  keepUrls: string[];
  /** Only GET requests; report what would happen. */
  dryRun: boolean;
  /** `state: present`: delete subscriptions of the URL, service and filters whose event is not requested. */
  prune: boolean;
  cleanup: boolean;
  /** After `state: present` (not a dry run): deliveries sent to the receiver to prove it verifies signatures. */
  checkReceiver: CheckReceiver;
  /** After the step (dry run included, `state: present` only): read Bird's delivery logs; `off` reads nothing. */
  checkDeliveries: CheckDeliveries;
  /** How far back check-deliveries looks (src/plan/deliveries.ts). */
  deliveriesWindow: DeliveryWindow;
  maxAttempts: number;
  timeoutMs: number;
}

/** Reads one input by its action.yml name; '' when unset. */
export type InputReader = (name: string) => string;

// Bird's Url schema (the OpenAPI copy that allows a port).
export const BIRD_URL_PATTERN = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(:[0-9]+)?(\/[^\s]*)?$/;

export function parseInputs(read: InputReader, warn: (message: string) => void = () => {}): ActionInputs {
  const state = oneOf(read, 'state', STATES, 'present');
  const subscriptionIdRaw = optional(read('subscription-id'));
  // Lower-cased like the other UUID inputs, so the request path and the log show one spelling.
  const subscriptionId = subscriptionIdRaw === undefined ? undefined : uuid('subscription-id', subscriptionIdRaw);
  if (subscriptionId !== undefined && state === 'present') {
    throw new InputError('subscription-id', "is only used with 'state: absent'; remove it or set state to absent");
  }
  const patternText = optional(read('url-pattern'));
  const urlPattern = patternText === undefined ? undefined : parseUrlPattern(patternText);
  const url = optional(read('url')) ?? '';
  // A sweep deletes by pattern; deleting by ID needs no description either.
  const sweep = state === 'absent' && subscriptionId === undefined && urlPattern !== undefined && url === '';
  const describe = !(state === 'absent' && subscriptionId !== undefined) && !sweep;

  const { accessKey, workspaceId, organizationId, apiUrl, maxAttempts, timeoutMs } = parseConnection(read);

  const service = describe ? required(read, 'service') : read('service').trim();
  // Only a warning: Bird's list of services has grown before, and Bird itself decides (a 422 with
  // its details reaches the user as any other refusal).
  if (service) warnOnUnknownService(service, warn);
  const events = parseEvents(read('event'), read('events'), describe);
  // Whether an event is one Bird has is asked of Bird (src/steps/check-events.ts), not judged here.
  const eventsInput = optional(read('events')) === undefined ? 'event' : 'events';
  if (describe && url === '') throw new InputError('url', 'is required and was empty');
  if (url && !BIRD_URL_PATTERN.test(url)) throw new InputError('url', explainUrl(url));
  if (url && urlPattern && !urlPattern.matches(url)) {
    throw new InputError('url', `'${url}' does not match url-pattern '${urlPattern.text}'; the pattern must cover the URL this step manages`);
  }
  const whenFull = oneOf(read, 'when-full', WHEN_FULL_MODES, 'fail');
  if (whenFull === 'evict-oldest' && !urlPattern) {
    throw new InputError('when-full', "'evict-oldest' needs url-pattern, so that only subscriptions of this workflow can be evicted");
  }
  const keepUrls = lines(read('keep-urls'));
  if (keepUrls.length > 0 && !sweep) {
    throw new InputError('keep-urls', "is only used by a sweep: 'state: absent' with url-pattern and without url or subscription-id");
  }
  // Whether each entry keeps something is told by the sweep, which sees the list (absent.ts).

  const signingKey = optional(read('signing-key'));
  // The same rule as for a key Bird shows, so that a key given once is recognised when shown later.
  if (signingKey !== undefined && !isPlausibleSigningKey(signingKey)) {
    throw new InputError('signing-key', `must be at least ${MIN_SIGNING_KEY_LENGTH} printable characters without white space`);
  }
  const signingKeySeed = parseSigningKeySeed(read('signing-key-seed'));
  if (signingKey !== undefined && signingKeySeed !== undefined) {
    warn("Input 'signing-key-seed' is ignored: 'signing-key' is given, and a given key is used as it is");
  }

  const prune = parseBoolean(read, 'prune', false);
  if (prune && state !== 'present') {
    throw new InputError('prune', "is only used with 'state: present' (it deletes the subscriptions of the URL whose event is no longer listed)");
  }

  const eventFilters = parseEventFilters(read('event-filters'));
  // A known name in other letter case is refused here, before any request, even if Bird cannot be asked.
  if (state === 'present') refuseCaseVariants(service, events, eventsInput, eventFilters ?? []);

  return {
    accessKey,
    workspaceId,
    organizationId,
    service,
    events,
    eventsInput,
    url,
    signingKey,
    signingKeySeed,
    eventFilters,
    template: optional(read('template')),
    apiUrl,
    ifExists: oneOf(read, 'if-exists', IF_EXISTS_MODES, 'reuse'),
    state,
    subscriptionId,
    urlPattern,
    whenFull,
    sweep,
    keepUrls,
    dryRun: parseBoolean(read, 'dry-run', false),
    prune,
    cleanup: parseBoolean(read, 'cleanup', false),
    checkReceiver: oneOf(read, 'check-receiver', CHECK_RECEIVER_MODES, 'off'),
    checkDeliveries: oneOf(read, 'check-deliveries', CHECK_DELIVERIES_MODES, 'off'),
    deliveriesWindow: parseWindow(read('deliveries-window')),
    maxAttempts,
    timeoutMs,
  };
}

/** What it takes to talk to Bird; all the post step needs from its inputs. */
export type ConnectionInputs = Pick<ActionInputs, 'accessKey' | 'workspaceId' | 'organizationId' | 'apiUrl' | 'maxAttempts' | 'timeoutMs'>;

/** The connection inputs, validated the same way for the main and the post step. */
export function parseConnection(read: InputReader): ConnectionInputs {
  const accessKey = parseAccessKey(required(read, 'access-key', EMPTY_ACCESS_KEY));
  const workspaceId = uuid('workspace-id', required(read, 'workspace-id'));
  const orgRaw = optional(read('organization-id'));
  const organizationId = orgRaw === undefined ? undefined : uuid('organization-id', orgRaw);
  return {
    accessKey,
    workspaceId,
    organizationId,
    apiUrl: parseApiUrl(optional(read('api-url')) ?? DEFAULT_API_URL),
    maxAttempts: positiveInteger(read, 'max-attempts', 4, MAX_ATTEMPTS),
    timeoutMs: timeoutMs(read, 'timeout-seconds', 30, MAX_TIMEOUT_SECONDS),
  };
}

/**
 * `event` (one) or `events` (one a line): exactly one of the two where the step needs events; a
 * sweep may narrow by either or neither. Blank lines are skipped; a repeated event is refused.
 */
export function parseEvents(eventText: string, eventsText: string, needed: boolean): string[] {
  const single = optional(eventText);
  // `event: |` with several lines reads as one name with line breaks in it; say where they go.
  if (single !== undefined && /[\r\n]/.test(single)) {
    const count = single.split(/\r?\n|\r/).filter((line) => line.trim() !== '').length;
    throw new InputError('event', `('${shown(single, 80)}') has ${count} lines, and 'event' takes one event; list several under 'events: |', one event a line`);
  }
  // Entries, not lines: the runner trims the input, so leading blank lines are gone before this.
  const events = lines(eventsText);
  if (single !== undefined && events.length > 0) {
    throw new InputError('events', "cannot be combined with 'event'; list every event under 'events', or give just one as 'event'");
  }
  if (single !== undefined) events.push(single);
  if (needed && events.length === 0) throw new InputError('event', "is required and was empty (or give several under 'events')");
  // One step's cleanup state holds at most 100 IDs; a receiver with more events than this is unusual.
  if (events.length > MAX_EVENTS) throw new InputError('events', `lists ${events.length} events; at most ${MAX_EVENTS} fit one step`);
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const name = single !== undefined ? 'event' : 'events';
    const problem = eventEntryProblem(event, name, name === 'events' ? `entry ${index + 1} ` : '');
    if (problem) throw new InputError(name, problem);
    if (seen.has(event)) throw new InputError(name, `lists '${shown(event, 80)}' twice (entry ${index + 1})`);
    seen.add(event);
  });
  return events;
}

/** Non-blank lines, trimmed. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export const MIN_SEED_LENGTH = 16;

/** Never sent anywhere, but kept printable like the other secrets; the value is never echoed. */
export function parseSigningKeySeed(text: string): string | undefined {
  const seed = optional(text);
  if (seed === undefined) return undefined;
  if (/[\s\p{C}]/u.test(seed)) {
    throw new InputError('signing-key-seed', 'contains whitespace or a control character; use printable characters only');
  }
  // Anyone who guesses the seed can compute the signing keys. The seed is masked before this runs,
  // and the runner masks it too, so the message avoids words a short placeholder seed could be
  // ("is shorter than" read "is ***er than" for the seed 'short').
  if ([...seed].length < MIN_SEED_LENGTH) {
    throw new InputError('signing-key-seed', `must be at least ${MIN_SEED_LENGTH} characters long; generate a random value (openssl rand -base64 32)`);
  }
  return seed;
}

/**
 * The key travels in the Authorization header, so only visible ASCII will do: a pasted
 * zero-width space, BOM, control or non-Latin character would fail every attempt. The message
 * never shows the key nor the character (both are secret).
 */
export function parseAccessKey(accessKey: string): string {
  if (/\s/.test(accessKey)) {
    throw new InputError('access-key', 'contains whitespace; paste the access key exactly as Bird showed it');
  }
  const bad = accessKey.search(/[^\x21-\x7e]/);
  if (bad >= 0) {
    throw new InputError(
      'access-key',
      `contains a character that cannot be sent in an HTTP header (an invisible, control or non-ASCII character, at position ${bad + 1}); paste the access key exactly as Bird showed it`,
    );
  }
  return accessKey;
}

/**
 * One `key=value` a line, split at the first '='; blank lines are skipped. Entries are counted, not
 * lines: the runner trims the input, so leading blank lines are gone before this.
 */
export function parseEventFilters(text: string): EventFilter[] | undefined {
  const filters: EventFilter[] = [];
  lines(text).forEach((line, index) => {
    const at = line.indexOf('=');
    const where = `entry ${index + 1} ('${shownName(line)}')`;
    if (at < 0) throw new InputError('event-filters', `${where} is not of the form key=value`);
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (key === '') throw new InputError('event-filters', `${where} has an empty key`);
    if (value === '') throw new InputError('event-filters', `${where} has an empty value`);
    const problem = filterKeyProblem(key, where);
    if (problem) throw new InputError('event-filters', problem);
    filters.push({ key, value });
  });
  return filters.length > 0 ? filters : undefined;
}

// The usual reasons a secret reads as empty; nothing about the secret itself is printed.
export const EMPTY_ACCESS_KEY =
  "is empty: the secret it is set from has no value in this run. Usual causes: a pull request from a fork (GitHub passes no secrets to it), " +
  'a Dependabot run (it sees only Dependabot secrets: add the secret there too), or a misspelt secret name (an unknown secret reads as empty)';

/** A warning naming the nearest known service when `service` is not one Bird documents. */
function warnOnUnknownService(service: string, warn: (message: string) => void): void {
  if (KNOWN_SERVICES.includes(service)) return;
  const near = closest(service, KNOWN_SERVICES) ?? nearest(service, KNOWN_SERVICES);
  warn(
    `Input 'service' is '${shown(service, 60)}', which is not a service Bird documents (${KNOWN_SERVICES.join(', ')}); did you mean ${near}? ` +
      'It is sent as given and Bird decides (ignore this if Bird added the service recently)',
  );
}

/** The candidate with the smallest edit distance, however far. */
function nearest(word: string, candidates: readonly string[]): string {
  const lower = word.toLowerCase();
  return candidates.reduce((best, c) => (editDistance(lower, c) < editDistance(lower, best) ? c : best));
}

/** HTTPS anywhere; plain HTTP only to a loopback host, so the access key never crosses a network in clear text. */
export function parseApiUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('api-url', `is not a URL: '${text}'`);
  }
  if (url.username || url.password) throw new InputError('api-url', 'must not contain credentials');
  if (url.search || url.hash) throw new InputError('api-url', 'must not contain a query or fragment');
  // A path starting with '//' (or holding a backslash) would be read as another host when request
  // paths are joined to it: the access key would go there.
  if (/^\/\/|\\/.test(url.pathname) || /\\/.test(text)) throw new InputError('api-url', "must not have a path that starts with '//' or contains a backslash");
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  throw new InputError(
    'api-url',
    `must use https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1); got '${url.origin}'`,
  );
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function required(read: InputReader, name: string, whenEmpty = 'is required and was empty'): string {
  const value = optional(read(name));
  if (value === undefined) throw new InputError(name, whenEmpty);
  return value;
}

function uuid(name: string, value: string): string {
  if (!isUuid(value)) throw new InputError(name, `must be a UUID such as b4e02c85-c6d2-4b15-8885-e09671799c61; got '${value}'`);
  return value.toLowerCase();
}

function oneOf<T extends string>(read: InputReader, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(read(name)) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `must be one of ${allowed.join(', ')}; got '${value}'`);
  }
  return value as T;
}

/** The spellings of true that boolean inputs accept. */
export function isTrue(value: string): boolean {
  return /^(true|yes|on|1)$/i.test(value.trim());
}

function parseBoolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = optional(read(name));
  if (value === undefined) return fallback;
  if (isTrue(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new InputError(name, `must be true or false; got '${value}'`);
}

function positiveInteger(read: InputReader, name: string, fallback: number, max: number): number {
  const value = optional(read(name));
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InputError(name, `must be a positive whole number; got '${value}'`);
  if (Number(value) > max) throw new InputError(name, `must be at most ${max}; got '${value}'`);
  return Number(value);
}

/** Seconds as a positive decimal, in whole milliseconds (timers take integers), at most `max`. */
function timeoutMs(read: InputReader, name: string, fallback: number, max: number): number {
  const value = optional(read(name));
  if (value === undefined) return fallback * 1000;
  const ms = Math.round(Number(value) * 1000);
  if (!/^\d*\.?\d+$/.test(value) || !(ms >= 1)) throw new InputError(name, `must be a positive number of seconds (at least 0.001); got '${value}'`);
  if (ms > max * 1000) throw new InputError(name, `must be at most ${max} seconds; got '${value}'`);
  return ms;
}
