// "Created less than 5 minutes ago" is judged on Bird's clock, its Date header; a header that is
// missing, unreadable or further than an hour from the runner's clock (1970, a day away: a broken
// proxy's or cache's) is not Bird's clock, and the runner's is used: fresh previews stay.
import { describe, expect, test } from '@jest/globals';
import type { Server, ServerResponse } from 'node:http';
import { runAction, useBird, type BirdServer } from './support/e2e.js';

const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const PROD = 'https://shop.example.com/webhooks/bird';
const MINUTE = 60_000;

/** Rewrites the Date header of every answer; undefined removes it. */
function dateHeader(bird: BirdServer, value: () => string | undefined): void {
  const server = (bird as unknown as { server: Server }).server;
  server.prependListener('request', (_req, res: ServerResponse) => {
    res.sendDate = false;
    const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      res.removeHeader('date');
      const v = value();
      if (v !== undefined) res.setHeader('date', v);
      return writeHead(...args);
    }) as typeof res.writeHead;
  });
}

describe("Bird's Date header that is not Bird's clock", () => {
  const e2e = useBird({ service: 'channels', event: 'sms.inbound' }, { realClock: true });

  test.each([
    ['missing', () => undefined],
    ['not a date', () => 'not a date'],
    ['in 1970', () => new Date(0).toUTCString()],
    ['a day behind', () => new Date(Date.now() - 24 * 60 * MINUTE).toUTCString()],
    ['a day ahead', () => new Date(Date.now() + 24 * 60 * MINUTE).toUTCString()],
  ])('Date %s: previews created a minute ago are never evicted', async (_name, date) => {
    dateHeader(e2e.bird, date);
    e2e.seed({ url: PROD, eventFilters: [], createdAt: new Date(Date.now() - 60 * MINUTE).toISOString() });
    const fresh = [1, 2, 3, 4].map((n) => e2e.seed({ url: preview(n), eventFilters: [], createdAt: new Date(Date.now() - MINUTE).toISOString() }));
    const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::Bird allows at most 5 subscriptions .*created less than 5 minutes ago/m);
    for (const s of fresh) expect(e2e.bird.subscriptions.has(s.id)).toBe(true);
    expect(e2e.calls()).toEqual(['GET ~']);
  });
});
