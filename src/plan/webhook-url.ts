// Says in words why a `url` fails Bird's URL rule. Whether it fails is decided by the pattern alone
// (BIRD_URL_PATTERN in inputs.ts); this only explains, naming the offending part, so the user never
// has to read a regular expression. Pure; input text is shown through shown().
import { shown } from '../text.js';

const DNS_NAME = "Bird needs a DNS name with a letters-only top-level domain";

/** Why `url` does not match Bird's pattern, as the rest of "Input 'url' ...". Call only for a URL that fails it. */
export function explainUrl(url: string): string {
  const space = /\s/.exec(url);
  if (space) {
    return `contains ${whitespaceName(space[0])} at position ${space.index + 1}; Bird's URL rule allows no whitespace anywhere (write a space in a path as %20)`;
  }
  if (!url.startsWith('https://')) return schemeProblem(url);

  const rest = url.slice('https://'.length);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const separator = end < 0 ? '' : rest[end];
  if (authority.includes('@')) return 'must not contain a user name or password before the host';
  if (authority.startsWith('[')) return `host '${shown(authority.replace(/\](:.*)?$/, ']'))}' is an IP address; ${DNS_NAME}`;

  const colon = authority.lastIndexOf(':');
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const hostProblem = explainHost(host);
  if (hostProblem) return hostProblem;
  if (colon >= 0) {
    const port = authority.slice(colon + 1);
    if (port === '') return `has ':' after host '${shown(host)}' but no port number`;
    if (!/^[0-9]+$/.test(port)) return `port '${shown(port)}' must be digits only`;
  }
  if (separator === '?' || separator === '#') {
    const fixed = `https://${authority}/${rest.slice(end)}`;
    return `needs a '/' between the host and '${separator}': Bird's rule allows a query or fragment only after a path; write '${shown(fixed)}'`;
  }
  return `does not match Bird's URL rule (https://, a DNS host name with a letters-only top-level domain, an optional :port and /path, no whitespace); got '${shown(url)}'`;
}

function schemeProblem(url: string): string {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/*/.exec(url);
  if (!scheme) return `must start with https://; got '${shown(url, 80)}'`;
  if (scheme[1].toLowerCase() === 'https') return `must start with https:// written in lower case and with two slashes; it starts with '${shown(scheme[0])}'`;
  if (scheme[1].toLowerCase() === 'http') return "must start with https://, not http:// (Bird delivers events only over HTTPS)";
  return `must start with https://; it starts with '${shown(scheme[0], 40)}'`;
}

function explainHost(host: string): string | undefined {
  if (host === '') return 'has no host name after https://';
  if (/^[0-9.]+$/.test(host) && host.includes('.')) return `host '${shown(host)}' is an IP address; ${DNS_NAME}`;
  if (host.toLowerCase() === 'localhost') {
    return "host 'localhost' is not accepted: Bird must reach the URL from the internet, so it needs a public DNS name (for a local server, use a tunnel that gives one)";
  }
  const bad = /[^a-zA-Z0-9.-]/.exec(host);
  if (bad) {
    const idn = bad[0].charCodeAt(0) > 0x7f ? ' (write an internationalised name in its xn-- form)' : '';
    return `host '${shown(host)}' contains '${shown(bad[0])}'; Bird allows only letters, digits, '-' and '.' in a host name${idn}`;
  }
  const labels = host.split('.');
  if (labels.length === 1) return `host '${shown(host)}' has no top-level domain such as .com; ${DNS_NAME}`;
  if (labels.some((label) => label === '')) return `host '${shown(host)}' has an empty part between dots (or a dot at its start or end)`;
  const tld = labels[labels.length - 1];
  if (!/^[a-zA-Z]{2,}$/.test(tld)) return `host '${shown(host)}' ends in '${shown(tld)}'; ${DNS_NAME} of two or more letters`;
  return undefined;
}

function whitespaceName(c: string): string {
  if (c === ' ') return 'a space';
  if (c === '\t') return 'a tab';
  if (c === '\n' || c === '\r') return 'a line break';
  return `a whitespace character (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
}
