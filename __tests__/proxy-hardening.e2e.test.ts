// Findings of the attack on the network edges: a proxy that answers 200 and then drops the tunnel,
// proxy credentials that do not parse, a lost create whose recovery list fails.
import { describe, expect, test } from '@jest/globals';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { errorLine, runAction, useBird } from './support/e2e.js';

const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: 'https://staging.shop.example.com/webhooks/bird' });
const { inputs } = e2e;

/** A proxy that answers every CONNECT with 200 and a body, then closes: the tunnel never works. */
async function brokenTunnelProxy(): Promise<{ url: string; connects: () => number; close: () => Promise<void> }> {
  let connects = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', () => {
      connects++;
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects: () => connects,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('proxies', () => {
  test('a proxy that answers 200 and drops the tunnel gets one CONNECT per attempt, and is named', async () => {
    const proxy = await brokenTunnelProxy();
    try {
      const started = Date.now();
      const run = await runAction('main', inputs({ 'max-attempts': '2', 'timeout-seconds': '2' }), { env: { HTTP_PROXY: proxy.url } });
      const ms = Date.now() - started;

      expect(run.code).toBe(1);
      expect(proxy.connects()).toBeLessThanOrEqual(2);
      expect(errorLine(run)).toContain(`the proxy ${proxy.url.slice(7)} (from HTTP_PROXY) answered CONNECT`);
      expect(errorLine(run)).toContain('with HTTP 200, but the tunnel closed at once');
      expect(ms).toBeLessThan(10_000);
    } finally {
      await proxy.close();
    }
  });

  test.each([
    ['a raw % in the password', 'http://bob:hunter100%@127.0.0.1:9', 'not valid percent-encoding'],
    ['a password without a host', 'http://user:Sup3rSecretNoAt', 'is not a usable proxy URL'],
  ])('%s stops the step before any request, naming the variable and never showing the password', async (_, value, message) => {
    // The test server speaks http, so HTTP_PROXY is the variable that applies.
    const run = await runAction('main', inputs(), { env: { HTTP_PROXY: value } });

    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('Environment variable HTTP_PROXY');
    expect(errorLine(run)).toContain(message);
    expect(run.stdout).not.toContain('hunter100');
    expect(run.stdout).not.toContain('Sup3rSecretNoAt');
    expect(e2e.bird.requests).toEqual([]);
  });
});

describe('a lost create whose recovery list fails', () => {
  test('says the subscription may exist and does not post again', async () => {
    // The create takes effect but its answer is lost; every list after it fails.
    e2e.bird.inject({ method: 'POST', reset: 'after' });
    e2e.bird.inject({ method: 'GET', skip: 1, status: 500, times: 10 });
    const run = await runAction('main', inputs({ 'max-attempts': '2' }));

    expect(run.code).toBe(1);
    expect(e2e.bird.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(errorLine(run)).toMatch(/HTTP 500.*the subscription may exist: a re-run with if-exists: reuse adopts it/);
  });
});
