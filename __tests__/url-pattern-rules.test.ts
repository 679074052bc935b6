// Rules of `url-pattern` (src/plan/url-pattern.ts) that no other unit test pins (issue 22, phase 2):
// which hosts a pattern may name, ports, the scheme, and what `**` spans in the path.
import { describe, expect, test } from '@jest/globals';
import { parseUrlPattern } from '../src/plan/url-pattern.js';

const refused = (text: string) => () => parseUrlPattern(text);

describe('shared suffixes need one literal label more than they have', () => {
  // Every entry of SHARED_SUFFIXES: anybody can get a host under these, so '*.<suffix>' would reach
  // other people's receivers. Written out here so that dropping one from the table fails a test.
  const SUFFIXES = [
    'vercel.app', 'netlify.app', 'github.io', 'gitlab.io', 'herokuapp.com', 'pages.dev', 'workers.dev', 'web.app',
    'firebaseapp.com', 'appspot.com', 'run.app', 'azurewebsites.net', 'azurestaticapps.net', 'cloudfront.net',
    'amplifyapp.com', 'onrender.com', 'fly.dev', 'railway.app', 'deno.dev', 'ngrok.io', 'ngrok.app', 'ngrok-free.app',
    'app.github.dev', 'githubpreview.dev', 'trycloudflare.com', 'loca.lt', 'surge.sh', 'glitch.me', 'repl.co', 'codesandbox.io',
    'a.run.app', 'up.railway.app', 'cloudfunctions.net', 'azurecontainerapps.io', 'eu.ngrok.io', 'ngrok.dev',
    's3.amazonaws.com', 'elasticbeanstalk.com', 'blob.core.windows.net', 'web.core.windows.net', 'on.aws',
    'co.uk', 'org.uk', 'ac.uk', 'com.au', 'net.au', 'co.nz', 'co.jp', 'co.za', 'co.in', 'com.br', 'com.mx', 'com.cn', 'com.tr', 'com.sg',
  ];

  test.each(SUFFIXES)('*.%s is refused, naming the labels it needs; my-team.%s is accepted', (suffix) => {
    const needed = suffix.split('.').length + 1;
    expect(refused(`https://*.${suffix}/**`)).toThrow(
      `Input 'url-pattern' must name its host down to at least ${needed} literal labels such as 'my-team.${suffix}' ('*.${suffix}' could match hosts of other organisations)`,
    );
    const pattern = parseUrlPattern(`https://my-team.${suffix}/**`);
    expect(pattern.matches(`https://my-team.${suffix}/hook`)).toBe(true);
    expect(pattern.matches(`https://other-team.${suffix}/hook`)).toBe(false);
  });

  test('a shared suffix on its own is refused', () => {
    expect(refused('https://vercel.app/**')).toThrow("at least 3 literal labels such as 'my-team.vercel.app'");
  });
});

describe('the host', () => {
  test('a two-label host is enough outside the shared suffixes', () => {
    expect(parseUrlPattern('https://example.com/**').matches('https://example.com/hook')).toBe(true);
  });

  test('a host with too few literal labels is refused with the generic example', () => {
    expect(refused('https://*.com/**')).toThrow(
      "Input 'url-pattern' must name its host down to at least 2 literal labels such as 'preview.example.com' or '*.example.com' ('*.com' could match hosts of other organisations)",
    );
  });

  test('a star glued to a literal label does not make it literal: *example.com would reach attacker-example.com', () => {
    expect(refused('https://x.*example.com/**')).toThrow('at least 2 literal labels');
    expect(refused('https://*example.com/**')).toThrow('at least 2 literal labels');
  });

  test('the top-level label is letters only, two or more', () => {
    expect(refused('https://a.example.1com/**')).toThrow('literal labels');
    expect(refused('https://a.example.com1/**')).toThrow('literal labels');
    expect(refused('https://a.example.c/**')).toThrow('literal labels');
  });

  test('an empty host is refused, also when the path starts right after https://', () => {
    expect(refused('https:///x.example.com')).toThrow("('' could match hosts of other organisations)");
  });
});

describe('ports', () => {
  test('a pattern with a port matches that port only', () => {
    const pattern = parseUrlPattern('https://pr-*.preview.example.com:8443/hook');
    expect(pattern.matches('https://pr-1.preview.example.com:8443/hook')).toBe(true);
    expect(pattern.matches('https://pr-1.preview.example.com/hook')).toBe(false);
    expect(pattern.matches('https://pr-1.preview.example.com:9443/hook')).toBe(false);
  });

  test('a star port matches any port', () => {
    const pattern = parseUrlPattern('https://preview.example.com:*/hook');
    expect(pattern.matches('https://preview.example.com:8443/hook')).toBe(true);
  });

  test('a port that is not digits is refused', () => {
    expect(refused('https://a.example.com:80x/**')).toThrow("may hold only letters, digits, '-', '.' and '*' in the host, as Bird's URLs do; got 'a.example.com:80x'");
  });

  test('only the end of the host is a port: a colon elsewhere is refused', () => {
    expect(refused('https://a:1.example.com/**')).toThrow("in the host, as Bird's URLs do; got 'a:1.example.com'");
  });

  test.each(['https://user@pr-*.example.com/**', 'https://pr_*.example.com/**', 'https://pr-%41*.example.com/**'])(
    '%s could never match a URL Bird accepts, and is refused',
    (text) => {
      expect(refused(text)).toThrow("may hold only letters, digits, '-', '.' and '*' in the host");
    },
  );
});

describe('scheme and path', () => {
  test('the pattern must start with https://, not merely contain it', () => {
    expect(refused('xhttps://a.example.com/**')).toThrow("Input 'url-pattern' must start with https://; got 'xhttps://a.example.com/**'");
  });

  test('a pattern without a path matches the bare host exactly', () => {
    const pattern = parseUrlPattern('https://a.example.com');
    expect(pattern.matches('https://a.example.com')).toBe(true);
    expect(pattern.matches('https://a.example.comm')).toBe(false);
    expect(pattern.matches('https://a.example.com/hook')).toBe(false);
  });

  test('/**/hook needs the slash before hook: it does not reach /webhook', () => {
    const pattern = parseUrlPattern('https://a.example.com/**/hook');
    expect(pattern.matches('https://a.example.com/x/y/hook')).toBe(true);
    expect(pattern.matches('https://a.example.com/webhook')).toBe(false);
  });

  test('an entry without a URL (a broken Bird answer) never matches', () => {
    const pattern = parseUrlPattern('https://a.example.com/**');
    expect(pattern.matches(undefined as unknown as string)).toBe(false);
    expect(pattern.matches(42 as unknown as string)).toBe(false);
    // A list holding the URL reads as that URL once turned into text; it is still not a URL.
    expect(pattern.matches(['https://a.example.com/hook'] as unknown as string)).toBe(false);
  });
});
