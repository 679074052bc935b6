// src/bird/undici.ts: the parts of undici the action loads behave as undici's own exports do.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Agent, fetch, request } from '../src/bird/undici.js';

let server: Server;
let origin: string;
const seen: { method?: string; url?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('request', () => {
  test('sends the path and query of a full URL through the given dispatcher, GET by default', async () => {
    const dispatcher = new Agent();
    const res = await request(`${origin}/workspaces/w/webhook-subscriptions?limit=100&pageToken=a%2Fb`, { dispatcher, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ method: 'GET', url: '/workspaces/w/webhook-subscriptions?limit=100&pageToken=a%2Fb' });
    await dispatcher.close();
  });

  test('sends the method and body it is given', async () => {
    const dispatcher = new Agent();
    seen.length = 0;
    const res = await request(`${origin}/hooks`, { dispatcher, method: 'POST', body: '{"a":1}' });
    await res.body.text();
    expect(seen).toEqual([{ method: 'POST', url: '/hooks', body: '{"a":1}' }]);
    await dispatcher.close();
  });
});

describe('fetch (for @actions/github)', () => {
  test("loads undici's whole index on first call and fetches with it", async () => {
    const res = await fetch(`${origin}/octokit?x=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'GET', url: '/octokit?x=1' });
  });
});
