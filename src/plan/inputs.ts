// Parses and validates the step's inputs. Pure: no I/O, no logging; every problem is an
// InputError that names the input, raised before any request is sent.
import type { EventFilter } from '../bird/types.js';

export const KNOWN_SERVICES = ['channels', 'numbers', 'payments', 'conversations', 'templates'];
export const IF_EXISTS_MODES = ['reuse', 'create', 'fail'] as const;
export const STATES = ['present', 'absent'] as const;
export const DEFAULT_API_URL = 'https://api.bird.com';
export const MAX_ATTEMPTS = 10;
export const MAX_TIMEOUT_SECONDS = 600;

export type IfExists = (typeof IF_EXISTS_MODES)[number];
export type State = (typeof STATES)[number];

export interface ActionInputs {
  accessKey: string;
  workspaceId: string;
  organizationId?: string;
  service: string;
  event: string;
  url: string;
  /** As given; undefined means "generate one" (or, when reusing, "keep the stored one"). */
  signingKey?: string;
  /** undefined when the input is empty: no filters. */
  eventFilters?: EventFilter[];
  template?: string;
  apiUrl: URL;
  ifExists: IfExists;
  state: State;
  subscriptionId?: string;
  cleanup: boolean;
  maxAttempts: number;
  timeoutMs: number;
}

export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string,
  ) {
    super(`Input '${input}' ${detail}`);
    this.name = 'InputError';
  }
}

/** Reads one input by its action.yml name; '' when unset. */
export type InputReader = (name: string) => string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Bird's Url schema (the OpenAPI copy that allows a port).
export const BIRD_URL_PATTERN = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(:[0-9]+)?(\/[^\s]*)?$/;

export function parseInputs(read: InputReader, warn: (message: string) => void = () => {}): ActionInputs {
  const state = oneOf(read, 'state', STATES, 'present');
  const subscriptionId = optional(read('subscription-id'));
  if (subscriptionId !== undefined) uuid('subscription-id', subscriptionId);
  if (subscriptionId !== undefined && state === 'present') {
    throw new InputError('subscription-id', "is only used with 'state: absent'; remove it or set state to absent");
  }
  // Deleting by ID needs no description of the subscription.
  const describe = !(state === 'absent' && subscriptionId !== undefined);

  const accessKey = required(read, 'access-key');
  if (/\s/.test(accessKey)) {
    throw new InputError('access-key', 'contains whitespace; paste the access key exactly as Bird showed it');
  }

  const workspaceId = uuid('workspace-id', required(read, 'workspace-id'));
  const orgRaw = optional(read('organization-id'));
  const organizationId = orgRaw === undefined ? undefined : uuid('organization-id', orgRaw);

  const service = describe ? required(read, 'service') : read('service');
  if (service && !KNOWN_SERVICES.includes(service)) {
    warn(`Input 'service' is '${service}', which is not one of ${KNOWN_SERVICES.join(', ')}; sending it anyway (Bird decides).`);
  }
  const event = describe ? required(read, 'event') : read('event');
  const url = describe ? required(read, 'url') : read('url');
  if (url && !BIRD_URL_PATTERN.test(url)) {
    throw new InputError(
      'url',
      `must be an https:// URL with a DNS host name (no IP address, localhost or spaces), matching Bird's pattern ${BIRD_URL_PATTERN.source}; got '${url}'`,
    );
  }

  const signingKey = optional(read('signing-key'));
  if (signingKey !== undefined && /\s/.test(signingKey)) {
    throw new InputError('signing-key', 'contains whitespace');
  }

  return {
    accessKey,
    workspaceId,
    organizationId,
    service,
    event,
    url,
    signingKey,
    eventFilters: parseEventFilters(read('event-filters')),
    template: optional(read('template')),
    apiUrl: parseApiUrl(optional(read('api-url')) ?? DEFAULT_API_URL),
    ifExists: oneOf(read, 'if-exists', IF_EXISTS_MODES, 'reuse'),
    state,
    subscriptionId,
    cleanup: parseBoolean(read, 'cleanup', false),
    maxAttempts: positiveInteger(read, 'max-attempts', 4, MAX_ATTEMPTS),
    timeoutMs: timeoutMs(read, 'timeout-seconds', 30, MAX_TIMEOUT_SECONDS),
  };
}

/** One `key=value` a line, split at the first '='; blank lines are skipped. */
export function parseEventFilters(text: string): EventFilter[] | undefined {
  const filters: EventFilter[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const at = line.indexOf('=');
    const where = `line ${index + 1} ('${line.trim()}')`;
    if (at < 0) throw new InputError('event-filters', `${where} is not of the form key=value`);
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (key === '') throw new InputError('event-filters', `${where} has an empty key`);
    if (value === '') throw new InputError('event-filters', `${where} has an empty value`);
    filters.push({ key, value });
  });
  return filters.length > 0 ? filters : undefined;
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

function required(read: InputReader, name: string): string {
  const value = optional(read(name));
  if (value === undefined) throw new InputError(name, 'is required and was empty');
  return value;
}

function uuid(name: string, value: string): string {
  if (!UUID.test(value)) throw new InputError(name, `must be a UUID such as b4e02c85-c6d2-4b15-8885-e09671799c61; got '${value}'`);
  return value.toLowerCase();
}

function oneOf<T extends string>(read: InputReader, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(read(name)) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `must be one of ${allowed.join(', ')}; got '${value}'`);
  }
  return value as T;
}

function parseBoolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = optional(read(name));
  if (value === undefined) return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
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
