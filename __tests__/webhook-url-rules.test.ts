// How explainUrl (src/plan/webhook-url.ts) words a `url` that fails Bird's rule: the details no other
// unit test pins (issue 22).
import { describe, expect, test } from '@jest/globals';
import { explainUrl } from '../src/plan/webhook-url.js';

const DNS = 'Bird needs a DNS name with a letters-only top-level domain';

describe('explainUrl', () => {
  test.each([
    ['https://a.example.com/x\ny', 'contains a line break at position 24'],
    ['https://a.example.com/\r', 'contains a line break at position 23'],
  ])('%j: a CR or LF is a line break', (url, start) => {
    expect(explainUrl(url)).toBe(`${start}; Bird's URL rule allows no whitespace anywhere (write a space in a path as %20)`);
  });

  test.each([
    ['1https://a.example.com/', "must start with https://; got '1https://a.example.com/'"],
    ['https://:443/x', 'has no host name after https://'],
    ['https://a.example.com:x80/', "port 'x80' must be digits only"],
    ['https://10.0.0.1a/', `host '10.0.0.1a' ends in '1a'; ${DNS} of two or more letters`],
    ['https://123/x', `host '123' has no top-level domain such as .com; ${DNS}`],
    ['https://a.example.1com/', `host 'a.example.1com' ends in '1com'; ${DNS} of two or more letters`],
    ['https://a.example.com1/', `host 'a.example.com1' ends in 'com1'; ${DNS} of two or more letters`],
    ['https://a\u007f.example.com/', "host 'a\\u007f.example.com' contains '\\u007f'; Bird allows only letters, digits, '-' and '.' in a host name"],
    ['https://a\u0080.example.com/', "host 'a\\u0080.example.com' contains '\\u0080'; Bird allows only letters, digits, '-' and '.' in a host name (write an internationalised name in its xn-- form)"],
    ['https://a.example.com#x', "needs a '/' between the host and '#': Bird's rule allows a query or fragment only after a path; write 'https://a.example.com/#x'"],
  ])('%j: %s', (url, message) => {
    expect(explainUrl(url)).toBe(message);
  });

  test('only a port at the end of a bracketed host is taken off it', () => {
    expect(explainUrl('https://[::1]x]:8080/')).toMatch(/^host '\[::1\]x\]' is an IP address/);
  });

  test('where it finds no single cause, it states the whole rule rather than a wrong hint', () => {
    expect(explainUrl('https://a.example.com/x')).toBe(
      "does not match Bird's URL rule (https://, a DNS host name with a letters-only top-level domain, an optional :port and /path, no whitespace); got 'https://a.example.com/x'",
    );
  });
});
