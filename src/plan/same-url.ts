// When two spellings name the same receiving URL. Pure.
//
// Two strengths: `sameUrl` is what matching, adoption and the key rule use (scheme and host are
// case-insensitive, everything else exact, since Bird stores and signs the URL as given); `looseUrl`
// is what `keep-urls` uses, where a list built by a script must not lose a live subscription to
// a trailing slash, letter case, a default port or the order of query parameters.

/** A URL with scheme and host in lower case (they are case-insensitive), the rest as it is. */
export function normalizeUrl(url: string): string {
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/]*)(.*)$/s.exec(url);
  return parts ? `${parts[1].toLowerCase()}${parts[2].toLowerCase()}${parts[3]}` : url;
}

/** The same URL up to the case of scheme and host. */
export function sameUrl(a: string, b: string): boolean {
  return typeof a === 'string' && typeof b === 'string' && normalizeUrl(a) === normalizeUrl(b);
}

/**
 * A comparison key under which spellings of one URL agree: all in lower case, without a default
 * port, without trailing slashes on the path, query parameters sorted; the fragment dropped.
 */
export function looseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim().toLowerCase().replace(/\/+$/, '');
  }
  parsed.searchParams.sort();
  const query = parsed.search === '' ? '' : `?${parsed.searchParams.toString()}`;
  // URL already drops a default port (:443 for https) and lower-cases scheme and host.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${query}`.toLowerCase();
}
