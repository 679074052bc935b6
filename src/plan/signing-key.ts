// The signing key used when `signing-key` is not given: derived, not random, so every re-run
// computes the same key for a receiving endpoint whether or not Bird shows keys. Pure.
//
// HKDF-SHA256 (RFC 5869): the access key (or `signing-key-seed`) is the input keying material;
// the salt names this action's scheme and version, so the output is unrelated to any other use of
// the same secret; info is the receiving endpoint. The organization ID is left out on purpose: it
// only selects Bird's other path form, and both forms must give the same key.
import { hkdfSync } from 'node:crypto';
import { InputError } from './input-error.js';
import { normalizeUrl } from './same-url.js';
import { isPrintableAscii } from '../text.js';

/** Changing this changes every derived key: bump the version only for a deliberate new scheme. */
export const SIGNING_KEY_SCHEME = 'bird-webhook-subscription-action/signing-key/v1';
export const SIGNING_KEY_BYTES = 32;
/** node's hkdfSync refuses a longer info. */
export const MAX_INFO_BYTES = 1024;

/**
 * What can be a signing key, given or shown by Bird: printable, no white space, and long enough
 * that masking it does not blank ordinary words all over the log.
 */
export const MIN_SIGNING_KEY_LENGTH = 8;
export function isPlausibleSigningKey(key: string): boolean {
  // Printable ASCII without a space passes at once: the Unicode class costs ~0.5 ms on first use (text.ts).
  return key.length >= MIN_SIGNING_KEY_LENGTH && ((isPrintableAscii(key) && !key.includes(' ')) || !/[\s\p{C}]/u.test(key));
}

export interface Endpoint {
  workspaceId: string;
  /** As given; scheme and host count without case (Bird may store the host in lower case), the rest exactly. */
  url: string;
}

/**
 * The HKDF info for an endpoint. A UUID has no newline, so the two parts cannot run into each other.
 * Scheme and host in lower case: one receiving URL, however its host is spelt, gets one key.
 */
export function endpointInfo(endpoint: Endpoint): string {
  return `${endpoint.workspaceId.toLowerCase()}\n${normalizeUrl(endpoint.url)}`;
}

/** 32 bytes, base64. `secret` is the access key or `signing-key-seed`. */
export function deriveSigningKey(secret: string, endpoint: Endpoint): string {
  const info = Buffer.from(endpointInfo(endpoint), 'utf8');
  if (info.length > MAX_INFO_BYTES) {
    throw new InputError('url', `is too long to derive a signing key from (at most ${MAX_INFO_BYTES - 37} bytes); give 'signing-key' instead`);
  }
  return Buffer.from(hkdfSync('sha256', secret, SIGNING_KEY_SCHEME, info, SIGNING_KEY_BYTES)).toString('base64');
}
