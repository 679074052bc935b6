// `npm run bench -- --latency [--delay-ms 150] [--runs 3]`: what a Bird far away costs a step.
// Runs dist/ as the runner does against the Bird-compatible server with every answer delayed
// (half on the way there, half on the way back), and reports for each case the round trips the
// step waited one after another, beside the physical minimum:
//   - counted: the longest chain of requests each sent only after the one before was answered
//     (from the server's order of events; requests in flight together count once);
//   - by time: from the first request's arrival to the last answer, divided by the delay.
// Not a test (the tests assert the counts: __tests__/latency.e2e.test.ts).
import { BirdServer, sequentialRoundTrips } from '../testbed/bird-server.ts';
import { runAction } from '../testbed/run-action.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const DELAY = arg('--delay-ms', 150);
const RUNS = arg('--runs', 3);
const URL_ = 'https://pr-3.preview.shop.example.com/webhooks/bird';
const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const TEN = ['sms', 'whatsapp', 'email', 'telegram', 'line'].flatMap((p) => [`${p}.inbound`, `${p}.outbound`]);

const bird = await BirdServer.start({ delayMs: DELAY });
const base = { 'access-key': bird.accessKey, 'workspace-id': bird.workspaceId, 'api-url': bird.url, service: 'channels' };
const setInputs = { ...base, events: TEN.join('\n'), url: URL_, cleanup: 'true' };
// Keep the test hook's short backoff off: these runs meet no retry.
const env = { BIRD_ACTION_TEST_RETRY_BASE_MS: '' };

interface Case {
  name: string;
  /** The fewest round trips one after another the case can take at all. */
  minimum: number;
  target: number;
  /** Sets the workspace up and runs the step; returns the index of its first request. */
  run: () => Promise<number>;
}

const seedTen = () => {
  for (let i = 0; i < 10; i++) bird.seed({ service: 'channels', event: 'sms.inbound', url: `https://pr-${i + 10}.preview.shop.example.com/webhooks/bird` });
};
const fresh = () => {
  bird.subscriptions.clear();
  return bird.requests.length;
};
async function step(entry: 'main' | 'post', inputs: Record<string, string>, state?: Record<string, string>) {
  const run = await runAction(entry, inputs, { env, state });
  if (run.code !== 0) throw new Error(`${entry} exited with ${run.code}:\n${run.stdout}`);
  return run;
}

const cases: Case[] = [
  {
    name: 'ten new events (list, creates, 2 lists)',
    minimum: 4,
    target: 7,
    run: async () => {
      const from = fresh();
      await step('main', setInputs);
      return from;
    },
  },
  {
    name: 'an unchanged re-run (keys shown)',
    minimum: 1,
    target: 1,
    run: async () => {
      fresh();
      await step('main', setInputs);
      const from = bird.requests.length;
      await step('main', setInputs);
      return from;
    },
  },
  {
    name: 'cleanup of ten (post step)',
    minimum: 1,
    target: 4,
    run: async () => {
      fresh();
      const main = await step('main', setInputs);
      const from = bird.requests.length;
      await step('post', setInputs, main.state);
      return from;
    },
  },
  {
    name: 'a sweep of ten',
    minimum: 2,
    target: 4,
    run: async () => {
      fresh();
      seedTen();
      const from = bird.requests.length;
      await step('main', { ...base, state: 'absent', 'url-pattern': PATTERN });
      return from;
    },
  },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`Bird ${DELAY} ms away (every answer delayed), dist/ run as the runner runs it, ${RUNS} runs per case`);
console.log(`${'case'.padEnd(48)}${'requests'.padStart(9)}${'counted'.padStart(9)}${'by time'.padStart(9)}${'minimum'.padStart(9)}${'target'.padStart(8)}`);
for (const c of cases) {
  const counted: number[] = [];
  const byTime: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const from = await c.run();
    const mine = bird.requests.slice(from);
    requests = mine.length;
    counted.push(sequentialRoundTrips(mine));
    const first = Math.min(...mine.map((r) => r.receivedAt));
    const last = Math.max(...mine.map((r) => r.answeredAt ?? r.receivedAt));
    // The server waits out both ways of each round trip, so its window holds them all.
    byTime.push((last - first) / DELAY);
  }
  console.log(
    `${c.name.padEnd(48)}${String(requests).padStart(9)}${String(median(counted)).padStart(9)}${median(byTime).toFixed(1).padStart(9)}${String(c.minimum).padStart(9)}${`<= ${c.target}`.padStart(8)}`,
  );
}
await bird.close();
