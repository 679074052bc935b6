// Which proxy, if any, carries requests to a given URL: read from the usual environment
// variables the way undici's EnvHttpProxyAgent reads them (lower case first; an https URL falls
// back to the http proxy; NO_PROXY exempts hosts), but decided here so that every message can
// name the proxy and the variable it came from. Pure: no I/O.
import { shown } from '../text.js';

export interface ProxySetting {
  /** The variable the proxy came from, e.g. HTTPS_PROXY. */
  variable: string;
  /** Parsed proxy URL (may hold credentials: never print it; print `where` instead). */
  url: URL;
  /** "host:port", safe to print. */
  where: string;
  /** The password as given in the URL and decoded, for masking; undefined when none. */
  passwords: string[];
}

/** A proxy variable that cannot be used; raised before any request is sent. */
export class ProxyConfigError extends Error {
  override name = 'ProxyConfigError';
}

const HTTPS_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const HTTP_VARIABLES = ['http_proxy', 'HTTP_PROXY'];
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy for `target`, or undefined for a direct connection. Throws ProxyConfigError. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): ProxySetting | undefined {
  const variables = target.protocol === 'https:' ? HTTPS_VARIABLES : HTTP_VARIABLES;
  const variable = variables.find((name) => env[name]?.trim());
  if (!variable) return undefined;
  if (bypassesProxy(target, firstSet(env, ['no_proxy', 'NO_PROXY']) ?? '')) return undefined;
  return parseProxy(variable, (env[variable] ?? '').trim());
}

function firstSet(env: NodeJS.ProcessEnv, names: string[]): string | undefined {
  return names.map((name) => env[name]).find((value) => value !== undefined && value !== '');
}

/** A proxy URL from a variable; a bare host:port (as curl accepts) is taken as http://. */
export function parseProxy(variable: string, value: string): ProxySetting {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !url.hostname || (url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ProxyConfigError(
      `Environment variable ${variable} is not a usable proxy URL ('${withoutCredentials(value)}'): ` +
        'expected http://host:port, or http://user:password@host:port for a proxy that wants credentials',
    );
  }
  // undici decodes the credentials: a raw '%' would fail later with a bare 'URI malformed'.
  if (safeDecode(url.username) === null || safeDecode(url.password) === null) {
    throw new ProxyConfigError(
      `Environment variable ${variable} holds credentials that are not valid percent-encoding; write '%' as %25 (and '@' as %40, ':' as %3A) in the user name and password`,
    );
  }
  const port = url.port || String(DEFAULT_PORTS[url.protocol]);
  const passwords = url.password ? [...new Set([url.password, safeDecode(url.password) ?? url.password])] : [];
  return { variable, url, where: `${url.hostname}:${port}`, passwords };
}

/**
 * Never echo what might be a password: drop everything up to the last '@', and without one,
 * everything after a 'scheme://user:' (a password whose host part is missing).
 */
function withoutCredentials(value: string): string {
  const at = value.lastIndexOf('@');
  if (at >= 0) return shown(`…@${value.slice(at + 1)}`, 200);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  // 'user:secret' where 'host:port' should be: a colon not followed by a port.
  const credentials = /^[^/:]*:(?!\d+(\/|$))/.test(value.slice(scheme.length));
  return shown(credentials ? `${scheme}…` : value, 200);
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * NO_PROXY as undici reads it: entries split on commas or spaces; `*` exempts everything;
 * `host`, `.host` and `*.host` match the host and its subdomains (`*.host` only subdomains);
 * an entry may carry a port (`host:8080`, `[::1]:443`) and then only exempts that port.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[(.+)\]$/, '$1').toLowerCase().replace(/(.)\.$/, '$1');
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const { name, entryPort } = splitEntry(entry);
    if (entryPort && entryPort !== port) continue;
    if (name === '*') return true;
    const wildcard = entry.startsWith('*');
    const base = name.replace(/^\*?\./, '').replace(/(.)\.$/, '$1').toLowerCase();
    if (!wildcard && host === base) return true;
    if (host.endsWith(`.${base}`)) return true;
  }
  return false;
}

function splitEntry(entry: string): { name: string; entryPort: number } {
  const v6 = /^\[(.+)\]:(\d+)$/.exec(entry);
  if (v6) return { name: v6[1], entryPort: Number(v6[2]) };
  const bare = entry.replace(/^\[(.+)\]$/, '$1');
  const hostPort = (bare.match(/:/g) ?? []).length === 1 ? /^(.+):(\d+)$/.exec(bare) : null;
  return hostPort ? { name: hostPort[1], entryPort: Number(hostPort[2]) } : { name: bare, entryPort: 0 };
}
