// Bird's answers checked against its contract before anything uses them. Pure. A value that does
// not fit becomes a one-line problem naming the field ("results[3].createdAt is a number, not a
// string"), so that a hostile or broken answer gives a clear error, never a JavaScript one.
import { isUuid } from './ids.js';
import type { CreateBody, EventFilter, Subscription } from './types.js';
import { sameFilters } from '../plan/match.js';
import { sameUrl } from '../plan/same-url.js';
import { isPlausibleSigningKey } from '../plan/signing-key.js';
import { shown } from '../text.js';

// Bird's statuses are 'active' and 'inactive'; other words are tolerated (Bird may add some), but
// nothing that is not a plain word, since a status is printed and output as it is.
const STATUS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const REQUIRED = ['service', 'event', 'url'] as const;
const OPTIONAL = ['organizationId', 'workspaceId', 'template', 'signingKey', 'statusReason', 'createdAt', 'updatedAt'] as const;

/** The subscription, or what is wrong with it. `where` names it inside a larger body (results[2]). */
export function checkSubscription(value: unknown, where?: string): Subscription | string {
  const name = (field: string) => (where ? `${where}.${field}` : field);
  if (!isObject(value)) return `${where ?? 'the body'} is ${typeName(value)}, not a subscription object`;
  const missing = (['id', ...REQUIRED] as const).filter((k) => value[k] === undefined || value[k] === null || value[k] === '');
  if (missing.length > 0) return `${where ? `${where} is ` : ''}a subscription without ${missing.join(', ')}`;
  if (!isUuid(value.id)) {
    return typeof value.id === 'string' ? `${name('id')} '${shown(value.id, 100)}' is not a UUID` : `${name('id')} is ${typeName(value.id)}, not a UUID`;
  }
  for (const field of REQUIRED) {
    const v = value[field];
    if (typeof v !== 'string') return `${name(field)} is ${typeName(v)}, not a string`;
  }
  const copy: Record<string, unknown> = { ...value };
  for (const field of OPTIONAL) {
    const v = value[field];
    if (v === null) delete copy[field];
    else if (v !== undefined && typeof v !== 'string') return `${name(field)} is ${typeName(v)}, not a string`;
  }
  if (value.status !== undefined && value.status !== null) {
    if (typeof value.status !== 'string') return `${name('status')} is ${typeName(value.status)}, not a string`;
    if (!STATUS.test(value.status)) return `${name('status')} '${shown(value.status, 100)}' is not a status word such as active`;
  } else delete copy.status;
  // A key that could not be a signing key (white space, control characters, a few characters that
  // masking would blank all over the log) is treated as not shown: it is never masked nor output.
  if (typeof copy.signingKey === 'string' && !isPlausibleSigningKey(copy.signingKey)) delete copy.signingKey;
  const filters = value.eventFilters;
  if (filters !== undefined && filters !== null) {
    if (!Array.isArray(filters)) return `${name('eventFilters')} is ${typeName(filters)}, not a list`;
    const bad = filters.findIndex((f) => !isObject(f) || typeof f.key !== 'string' || typeof f.value !== 'string');
    if (bad >= 0) return `${name(`eventFilters[${bad}]`)} is not an object with a string key and value`;
  }
  return copy as unknown as Subscription;
}

/** What is wrong with the answer to a create, if it does not describe what was asked for. */
export function checkCreated(created: Subscription, asked: CreateBody): string | undefined {
  for (const field of REQUIRED) {
    // Scheme and host are case-insensitive: Bird may store the host in lower case.
    if (field === 'url' ? !sameUrl(created.url, asked.url) : created[field] !== asked[field]) {
      return `the created subscription has ${field} '${shown(created[field], 100)}', not the '${shown(asked[field], 100)}' that was asked for`;
    }
  }
  if (!sameFilters(created.eventFilters as EventFilter[] | null | undefined, asked.eventFilters)) {
    return 'the created subscription has other eventFilters than were asked for';
  }
  // Never printed: it is a secret.
  if (created.signingKey && created.signingKey !== asked.signingKey) return 'the created subscription has another signingKey than was sent';
  return undefined;
}

/** What is wrong with the answer to a PATCH, if it describes another subscription than the one updated. */
export function checkUpdated(updated: Subscription, before: Subscription, patch: { url?: string }): string | undefined {
  if (updated.id.toLowerCase() !== before.id.toLowerCase()) return `id ${updated.id} is not the subscription that was updated`;
  for (const field of ['service', 'event'] as const) {
    if (updated[field] !== before[field]) return `the updated subscription has ${field} '${shown(updated[field], 100)}', not '${shown(before[field], 100)}'`;
  }
  const url = patch.url ?? before.url;
  if (!sameUrl(updated.url, url)) return `the updated subscription has url '${shown(updated.url, 100)}', not '${shown(url, 100)}'`;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'missing';
  return `a ${typeof value}`;
}
