// `url-pattern`: a glob naming the receiving URLs a workflow owns, so that eviction and sweeps
// can never touch anybody else's subscription. Pure.
import { InputError } from './input-error.js';
import { normalizeUrl } from './same-url.js';

export interface UrlPattern {
  /** As the user wrote it, for messages. */
  text: string;
  matches: (url: string) => boolean;
}

const INPUT = 'url-pattern';

/**
 * `*` matches any run of characters except `/`, `**` any run at all, everything else is literal;
 * the whole URL must match. In the host, `*` matches one or more letters, digits or `-` within one
 * label (never a `.`, an empty label or any other character), as in a TLS certificate, and `**` is refused, so
 * `*.example.com` never reaches `eu.api.example.com`; and the host must end in two literal labels,
 * so a typo cannot reach other people's domains.
 */
export function parseUrlPattern(text: string): UrlPattern {
  if (!/^https:\/\//i.test(text)) throw new InputError(INPUT, `must start with https://; got '${text}'`);
  const rest = text.slice('https://'.length);
  const slash = rest.indexOf('/');
  // Scheme and host are case-insensitive: both sides are compared in lower case.
  const authority = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : rest.slice(slash);
  if (/\s/.test(text)) throw new InputError(INPUT, 'must not contain spaces');
  if (authority.includes('**')) {
    throw new InputError(
      INPUT,
      `must not use '**' in the host ('${authority}'): in the host '*' matches within one label, so write one '*' per label ('*.example.com', 'pr-*.preview.example.com'); '**' may only stand in the path`,
    );
  }
  const portMatch = /:(\d+|\*)$/.exec(authority);
  const host = portMatch ? authority.slice(0, portMatch.index) : authority;
  // Bird accepts only letters, digits and '-' in a host label: a pattern holding anything else
  // (a userinfo '@', a '_', a ':' that is not the port) could never match, and is a mistake.
  if (!/^[a-z0-9.*-]*$/.test(host)) {
    throw new InputError(INPUT, `may hold only letters, digits, '-', '.' and '*' in the host, as Bird's URLs do; got '${host}'`);
  }
  const labels = host.split('.');
  // Below a suffix that many unrelated owners share (vercel.app, co.uk), one more label is needed.
  let needed = 2;
  const shared = sharedSuffixes();
  for (let i = 0; i < labels.length; i++) {
    if (shared.has(labels.slice(i).join('.'))) needed = Math.max(needed, labels.length - i + 1);
  }
  const literal = labels.length >= needed && labels.slice(-needed).every((label) => /^[a-z0-9-]+$/.test(label));
  if (!literal || !/^[a-z]{2,}$/.test(labels[labels.length - 1])) {
    const example = needed > 2 ? `'my-team.${labels.slice(1 - needed).join('.')}'` : "'preview.example.com' or '*.example.com'";
    throw new InputError(
      INPUT,
      `must name its host down to at least ${needed} literal labels such as ${example} ('${host}' could match hosts of other organisations)`,
    );
  }
  // In the host, `*` stands for one or more of the characters a host label may hold (Bird's URL
  // rule: letters, digits, '-'): never a dot, nor an empty label, nor a percent-encoded character.
  // A `*` port is digits only.
  const port = portMatch?.[1];
  const portRegex = port === undefined ? '' : port === '*' ? ':\\d+' : `:${port}`;
  const regex = new RegExp(`^https://${glob(host, '[a-z0-9-]+', undefined)}${portRegex}${glob(path, '[^/]*', '.*')}$`);
  return {
    text,
    matches: (url: string) => typeof url === 'string' && regex.test(normalizeUrl(url)),
  };
}

// Domains under which anybody can get a host name: hosting platforms whose preview URLs are
// exactly what this input is for, and common two-label country suffixes. Built per call (a pattern is
// parsed once per run), not at load: mutation testing then runs only the tests that parse a pattern
// against each entry, instead of every unit test (see CONTRIBUTING.md, "Mutation testing").
const sharedSuffixes = (): ReadonlySet<string> => new Set([
  'vercel.app', 'netlify.app', 'github.io', 'gitlab.io', 'herokuapp.com', 'pages.dev', 'workers.dev', 'web.app',
  'firebaseapp.com', 'appspot.com', 'run.app', 'azurewebsites.net', 'azurestaticapps.net', 'cloudfront.net',
  'amplifyapp.com', 'onrender.com', 'fly.dev', 'railway.app', 'deno.dev', 'ngrok.io', 'ngrok.app', 'ngrok-free.app',
  'app.github.dev', 'githubpreview.dev', 'trycloudflare.com', 'loca.lt', 'surge.sh', 'glitch.me', 'repl.co', 'codesandbox.io',
  'a.run.app', 'up.railway.app', 'cloudfunctions.net', 'azurecontainerapps.io', 'eu.ngrok.io', 'ngrok.dev',
  's3.amazonaws.com', 'elasticbeanstalk.com', 'blob.core.windows.net', 'web.core.windows.net', 'on.aws',
  'co.uk', 'org.uk', 'ac.uk', 'com.au', 'net.au', 'co.nz', 'co.jp', 'co.za', 'co.in', 'com.br', 'com.mx', 'com.cn', 'com.tr', 'com.sg',
]);

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
