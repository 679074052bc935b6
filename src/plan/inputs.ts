// Parses and validates the step's inputs. Pure: no I/O, no logging; every problem is an
// InputError that names the input, raised before any request is sent.
import type { EventFilter } from '../bird/types.js';
import { closest, eventMismatch, KNOWN_EVENTS } from './events.js';
import { explainUrl } from './webhook-url.js';
import { shown } from '../text.js';

export const KNOWN_SERVICES = ['channels', 'numbers', 'payments', 'conversations', 'templates'];
export const IF_EXISTS_MODES = ['reuse', 'create', 'fail'] as const;
export const STATES = ['present', 'absent'] as const;
export const DEFAULT_API_URL = 'https://api.bird.com';

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

  const accessKey = required(read, 'access-key', EMPTY_ACCESS_KEY);
  if (/\s/.test(accessKey)) {
    throw new InputError('access-key', 'contains whitespace; paste the access key exactly as Bird showed it');
  }

  const workspaceId = uuid('workspace-id', required(read, 'workspace-id'));
  const orgRaw = optional(read('organization-id'));
  const organizationId = orgRaw === undefined ? undefined : uuid('organization-id', orgRaw);

  const service = describe ? required(read, 'service') : read('service').trim();
  // Bird's service enum is closed: anything else is a 422, so it is refused before any request.
  if (service && !KNOWN_SERVICES.includes(service)) {
    const near = closest(service, KNOWN_SERVICES);
    throw new InputError(
      'service',
      `must be one of ${KNOWN_SERVICES.join(', ')}; got '${shown(service, 60)}'${near ? ` (did you mean ${near}?)` : ''}`,
    );
  }
  const event = describe ? required(read, 'event') : read('event');
  if (service && event) warnOnUnknownEvent(service, event, warn);
  const url = describe ? required(read, 'url') : read('url');
  if (url && !BIRD_URL_PATTERN.test(url)) throw new InputError('url', explainUrl(url));

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
    maxAttempts: positiveInteger(read, 'max-attempts', 4),
    timeoutMs: positiveNumber(read, 'timeout-seconds', 30) * 1000,
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

// The usual reasons a secret reads as empty; nothing about the secret itself is printed.
export const EMPTY_ACCESS_KEY =
  "is empty: the secret it is set from has no value in this run. Usual causes: a pull request from a fork (GitHub passes no secrets to it), " +
  'a Dependabot run (it sees only Dependabot secrets: add the secret there too), or a misspelt secret name (an unknown secret reads as empty)';

/** A warning (never a refusal: Bird may add events) when `event` is not one Bird documents for `service`. */
function warnOnUnknownEvent(service: string, event: string, warn: (message: string) => void): void {
  const mismatch = eventMismatch(service, event);
  if (!mismatch) return;
  const advice = mismatch.otherService
    ? `it is an event of service '${mismatch.otherService}'`
    : mismatch.closest
      ? `did you mean ${mismatch.closest}?`
      : `known ones are ${describeEvents(service)}`;
  warn(
    `Input 'event' is '${shown(event, 80)}', which is not an event Bird documents for service '${service}'; ${advice} ` +
      '(a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently)',
  );
}

function describeEvents(service: string): string {
  if (service === 'channels') return '<platform>.inbound, <platform>.outbound, <platform>.interaction (platform: sms, whatsapp, email, ...), voice.inbound, voice.outbound, channel.created, channel.updated';
  return (KNOWN_EVENTS[service] ?? []).join(', ');
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

function required(read: InputReader, name: string, whenEmpty = 'is required and was empty'): string {
  const value = optional(read(name));
  if (value === undefined) throw new InputError(name, whenEmpty);
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

function positiveInteger(read: InputReader, name: string, fallback: number): number {
  const value = optional(read(name));
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InputError(name, `must be a positive whole number; got '${value}'`);
  return Number(value);
}

function positiveNumber(read: InputReader, name: string, fallback: number): number {
  const value = optional(read(name));
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new InputError(name, `must be a positive number of seconds; got '${value}'`);
  return n;
}
