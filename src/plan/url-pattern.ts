// `url-pattern`: a glob naming the receiving URLs a workflow owns, so that eviction and sweeps
// can never touch anybody else's subscription. Pure.
import { InputError } from './input-error.js';

export interface UrlPattern {
  /** As the user wrote it, for messages. */
  text: string;
  matches: (url: string) => boolean;
}

const INPUT = 'url-pattern';

/**
 * `*` matches any run of characters except `/`, `**` any run at all, everything else is literal;
 * the whole URL must match. In the host, `*` stops at characters that end a host name (`:`, `@`,
 * `?`, `#`, `\`) and `**` is refused, so a wildcard cannot carry the match to another host; and the
 * host must end in two literal labels, so a typo cannot reach other people's domains.
 */
export function parseUrlPattern(text: string): UrlPattern {
  if (!text.startsWith('https://')) throw new InputError(INPUT, `must start with https://; got '${text}'`);
  const rest = text.slice('https://'.length);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  if (/\s/.test(text)) throw new InputError(INPUT, 'must not contain spaces');
  if (authority.includes('**')) {
    throw new InputError(INPUT, `must not use '**' in the host ('${authority}'); '**' may only stand in the path`);
  }
  const host = authority.replace(/:(\d+|\*)$/, '');
  const labels = host.split('.');
  const literal = labels.slice(-2).every((label) => /^[A-Za-z0-9-]+$/.test(label));
  if (labels.length < 2 || !literal || !/^[A-Za-z]{2,}$/.test(labels[labels.length - 1])) {
    throw new InputError(
      INPUT,
      `must name its host down to at least two literal labels such as 'preview.example.com' or '*.example.com' ('${host}' could match hosts of other organisations)`,
    );
  }
  const source = `^https://${glob(authority, '[^/:@?#\\\\]*', undefined)}${glob(path, '[^/]*', '.*')}$`;
  const regex = new RegExp(source);
  return { text, matches: (url: string) => typeof url === 'string' && regex.test(url) };
}

function glob(part: string, star: string, doubleStar: string | undefined): string {
  let out = '';
  for (let i = 0; i < part.length; i++) {
    if (part[i] !== '*') {
      out += part[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (part[i + 1] === '*' && doubleStar !== undefined) {
      out += doubleStar;
      i++;
    } else {
      out += star;
    }
  }
  return out;
}
