// A receiver's answer is judged by its status line (issue 28): createExchange with `excerptBytes`
// reads that much of the body and closes the connection, however large the body or if it never ends.
import { afterEach, expect, test } from '@jest/globals';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExchange } from '../src/bird/http.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback server answering 401 with `bytes` of body ('abc…' repeated); `closed` resolves when the client hangs up first. */
async function start(bytes: number, options: { declare?: boolean; stall?: boolean } = {}) {
  let closedEarly!: (finished: boolean) => void;
  const closed = new Promise<boolean>((resolve) => (closedEarly = resolve));
  server = createServer((req, res: ServerResponse) => {
    req.resume();
    res.on('close', () => closedEarly(res.writableFinished));
    res.writeHead(401, options.declare ? { 'content-length': String(bytes) } : {});
    const chunk = Buffer.from('abcdefghij'.repeat(6554));
    let left = options.stall ? Math.min(bytes, 1024 * 1024) : bytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(left, chunk.length));
        left -= part.length;
        if (left === 0 && !options.stall) return void res.end(part);
        if (!res.write(part)) return void res.once('drain', pump);
      }
    };
    pump();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  const url = new URL(`http://127.0.0.1:${(server?.address() as AddressInfo).port}/hook`);
  return { url, closed };
}

const send = (url: URL, excerptBytes?: number) =>
  createExchange({ target: url, timeoutMs: 600_000, env: {} })({ method: 'POST', url, label: url.href, headers: {}, body: '{}', excerptBytes });

test('an 11 MB body declared up front: the first 4 KB are read, and the client closes the connection before the rest', async () => {
  const { url, closed } = await start(11 * 1024 * 1024, { declare: true });
  const res = await send(url, 4096);
  expect(res.status).toBe(401);
  expect(res.text).toBe('abcdefghij'.repeat(410).slice(0, 4096));
  // The server saw the connection close with its answer unfinished.
  expect(await closed).toBe(false);
});

test('a body that never ends: the excerpt comes back, and the connection is closed (a hang fails the test by its timeout)', async () => {
  const { url, closed } = await start(11 * 1024 * 1024, { stall: true });
  const res = await send(url, 100);
  expect(res.text).toBe('abcdefghij'.repeat(10));
  expect(await closed).toBe(false);
});

test('a body shorter than the excerpt is read whole', async () => {
  const { url } = await start(25);
  const res = await send(url, 4096);
  expect(res.text).toBe('abcdefghijabcdefghijabcde');
});

test('without excerptBytes, the same 11 MB answer is refused as too large (what Bird requests get)', async () => {
  const { url } = await start(11 * 1024 * 1024, { declare: true });
  await expect(send(url)).rejects.toThrow('the answer is larger than 10 MB, refused without reading the rest');
});
