// End to end (attack on issue 17): a preview whose run starts while another preview's run is still
// deploying must not evict the subscription that run has just created, even when its first list
// already shows it. The server stamps createdAt with the real time here, as Bird does.
import { expect, test } from '@jest/globals';
import { runAction, useBird } from './support/e2e.js';

const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const e2e = useBird({ service: 'channels', event: 'sms.inbound', 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }, { realClock: true });

test('a run that sees another run’s just-created preview fails rather than evict it; the old preview was the only one to go', async () => {
  const longAgo = new Date(Date.now() - 24 * 3600_000).toISOString();
  for (let i = 0; i < 4; i++) e2e.seed({ url: `https://prod-${i}.shop.example.com/webhooks/bird`, eventFilters: [], createdAt: longAgo });
  const old = e2e.seed({ url: preview(1), eventFilters: [], createdAt: longAgo });

  const first = await runAction('main', e2e.inputs({ url: preview(100) }));
  // Started once the first has created its subscription: its first list shows it.
  const second = await runAction('main', e2e.inputs({ url: preview(101) }));

  expect(first.code).toBe(0);
  expect(first.outputs.evicted).toBe(old.id);
  expect(e2e.bird.subscriptions.has(first.outputs['subscription-id'])).toBe(true);
  expect(second.code).toBe(1);
  expect(second.stdout).toContain('created less than 5 minutes ago, most likely by a deploy still running, and is never evicted');
  expect(e2e.calls().filter((c) => c.startsWith('DELETE'))).toEqual([`DELETE ~/${old.id}`]);
});
