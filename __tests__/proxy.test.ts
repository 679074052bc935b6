import { describe, expect, test } from '@jest/globals';
import { describeFailure, type FailureContext } from '../src/bird/http.js';
import { bypassesProxy, parseProxy, ProxyConfigError, proxyFor } from '../src/bird/proxy.js';

const BIRD = new URL('https://api.bird.com');

describe('proxyFor: which variable applies', () => {
  test('https uses https_proxy, then HTTPS_PROXY, then the http ones; lower case first', () => {
    expect(proxyFor(BIRD, { HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2' })?.variable).toBe('https_proxy');
    expect(proxyFor(BIRD, { HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://c:3' })?.variable).toBe('HTTPS_PROXY');
    expect(proxyFor(BIRD, { HTTP_PROXY: 'http://c:3' })).toMatchObject({ variable: 'HTTP_PROXY', where: 'c:3' });
    expect(proxyFor(BIRD, {})).toBeUndefined();
    expect(proxyFor(BIRD, { HTTPS_PROXY: '  ' })).toBeUndefined();
  });

  test('plain http only uses the http variables', () => {
    expect(proxyFor(new URL('http://127.0.0.1:8080'), { HTTPS_PROXY: 'http://a:1' })).toBeUndefined();
    expect(proxyFor(new URL('http://127.0.0.1:8080'), { http_proxy: 'http://a:1' })?.variable).toBe('http_proxy');
  });

  test('NO_PROXY (or no_proxy) exempts the host, and then a broken proxy variable is not read', () => {
    expect(proxyFor(BIRD, { HTTPS_PROXY: 'http://a:1', NO_PROXY: 'bird.com' })).toBeUndefined();
    expect(proxyFor(BIRD, { HTTPS_PROXY: 'not a url', no_proxy: '*' })).toBeUndefined();
  });
});

describe('parseProxy', () => {
  test('host:port without a scheme is http://, the default port is filled in', () => {
    expect(parseProxy('HTTPS_PROXY', 'proxy.corp:3128')).toMatchObject({ where: 'proxy.corp:3128', passwords: [] });
    expect(parseProxy('HTTPS_PROXY', 'proxy.corp:3128').url.protocol).toBe('http:');
    expect(parseProxy('HTTPS_PROXY', 'http://proxy.corp').where).toBe('proxy.corp:80');
    expect(parseProxy('HTTPS_PROXY', 'https://proxy.corp/').where).toBe('proxy.corp:443');
  });

  test('the password is returned for masking, as written and decoded', () => {
    expect(parseProxy('HTTPS_PROXY', 'http://me:p%40ss@proxy.corp:3128').passwords).toEqual(['p%40ss', 'p@ss']);
    expect(parseProxy('HTTPS_PROXY', 'http://me:plain@proxy.corp:3128').passwords).toEqual(['plain']);
  });

  test.each([
    ['proxy corp:3128', "('proxy corp:3128')"],
    ['http://', "('http://')"],
    ['socks5://proxy.corp:1080', "('socks5://proxy.corp:1080')"],
    ['http://proxy.corp:3128/some/path', "('http://proxy.corp:3128/some/path')"],
    ['http://me:s3cret@proxy.corp:99999', "('…@proxy.corp:99999')"],
    ['http://bad\u0007host:1', "('http://bad\\u0007host:1')"],
  ])('%j is refused, naming the variable and never the password', (value, quoted) => {
    let error: unknown;
    try {
      parseProxy('HTTPS_PROXY', value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProxyConfigError);
    expect((error as Error).message).toBe(
      `Environment variable HTTPS_PROXY is not a usable proxy URL ${quoted}: expected http://host:port, or http://user:password@host:port for a proxy that wants credentials`,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('bypassesProxy: NO_PROXY as undici reads it', () => {
  const url = (text: string) => new URL(text);
  test.each([
    ['https://api.bird.com', 'api.bird.com', true],
    ['https://api.bird.com', 'bird.com', true],
    ['https://api.bird.com', '.bird.com', true],
    ['https://api.bird.com', '*.bird.com', true],
    ['https://bird.com', '*.bird.com', false],
    ['https://bird.com', '.bird.com', true],
    ['https://notbird.com', 'bird.com', false],
    ['https://API.Bird.com.', 'api.bird.com', true],
    ['https://api.bird.com', 'example.com, api.bird.com', true],
    ['https://api.bird.com', 'example.com api.bird.com', true],
    ['https://api.bird.com', '*', true],
    ['https://api.bird.com', 'example.com,*', true],
    ['https://api.bird.com', 'api.bird.com:443', true],
    ['https://api.bird.com', 'api.bird.com:8443', false],
    ['https://api.bird.com:8443', 'api.bird.com:8443', true],
    ['http://[::1]:8080', '::1', true],
    ['http://[::1]:8080', '[::1]:8080', true],
    ['http://[::1]:8080', '[::1]:9090', false],
    ['https://api.bird.com', '', false],
  ])('%s with NO_PROXY=%j: %s', (target, noProxy, expected) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(expected);
  });
});

describe('describeFailure', () => {
  const proxy = parseProxy('HTTPS_PROXY', 'http://proxy.corp:3128');
  const context = (extra: Partial<FailureContext> = {}): FailureContext => ({ progress: {}, timeoutMs: 2500, target: 'api.bird.com', ...extra });
  const undiciError = (code: string, message: string, cause?: unknown) => Object.assign(new Error(message), { code, cause });

  test('a CONNECT answered 407 is not retried; the advice depends on whether credentials were given', () => {
    const error = undiciError('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling');
    const progress = { stage: 'proxy' as const, proxyStatus: 407 };
    expect(describeFailure(error, context({ proxy, progress }))).toEqual({
      reason: 'the proxy proxy.corp:3128 (from HTTPS_PROXY) wants credentials (HTTP 407 Proxy Authentication Required); give them in HTTPS_PROXY as http://user:password@host:port',
      maybeProcessed: false,
      retryable: false,
    });
    const withUser = parseProxy('HTTPS_PROXY', 'http://me:pw@proxy.corp:3128');
    expect(describeFailure(error, context({ proxy: withUser, progress })).reason).toBe(
      'the proxy proxy.corp:3128 (from HTTPS_PROXY) rejected the credentials given in HTTPS_PROXY (HTTP 407 Proxy Authentication Required)',
    );
  });

  test('proxy failures never count as maybe processed by Bird', () => {
    const hangUp = undiciError('UND_ERR_PRX_CONN', 'Proxy Connection failed', undiciError('UND_ERR_SOCKET', 'other side closed'));
    expect(describeFailure(hangUp, context({ proxy, progress: { stage: 'proxy' } }))).toEqual({
      reason: 'the proxy proxy.corp:3128 (from HTTPS_PROXY) closed the connection without answering CONNECT api.bird.com',
      maybeProcessed: false,
      retryable: true,
    });
    const silent = undiciError('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error');
    expect(describeFailure(silent, context({ proxy, progress: { stage: 'proxy' } })).reason).toBe('the proxy proxy.corp:3128 (from HTTPS_PROXY) did not answer within 2.5 s');
    const refused = undiciError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:3128');
    expect(describeFailure(refused, context({ proxy, progress: { stage: 'proxy' } })).reason).toBe('cannot reach the proxy proxy.corp:3128 (from HTTPS_PROXY): ECONNREFUSED');
  });

  test('an https:// proxy with an untrusted certificate: not retried, says what to do', () => {
    const untrusted = undiciError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate');
    expect(describeFailure(untrusted, context({ proxy, progress: { stage: 'proxy' } }))).toEqual({
      reason: 'the proxy proxy.corp:3128 (from HTTPS_PROXY) presented a TLS certificate that is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); point NODE_EXTRA_CA_CERTS at its CA certificate',
      maybeProcessed: false,
      retryable: false,
    });
  });

  test("undici's own timeouts read like ours; a connect timeout was never sent", () => {
    expect(describeFailure(undiciError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), context({ progress: { stage: 'connect' } }))).toEqual({
      reason: 'no connection to api.bird.com within 2.5 s',
      maybeProcessed: false,
      retryable: true,
    });
    expect(describeFailure(undiciError('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error'), context())).toEqual({
      reason: 'no complete response within 2.5 s',
      maybeProcessed: true,
      retryable: true,
    });
  });

  test('after the tunnel is up, errors are about Bird again', () => {
    const reset = undiciError('UND_ERR_SOCKET', 'other side closed', undiciError('ECONNRESET', 'read ECONNRESET'));
    expect(describeFailure(reset, context({ proxy, progress: {} }))).toEqual({ reason: 'read ECONNRESET', maybeProcessed: true, retryable: true });
  });
});
