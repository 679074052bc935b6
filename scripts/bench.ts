// `npm run bench [-- --runs N]`: what one step of this action costs, as whole processes.
// Times, over N runs after a warm-up, interleaved so drift hits all alike:
//   1. bare `node -e 0` (the same Node 24 that runs the action),
//   2. the built dist/main creating a subscription against the local Bird-compatible server,
//      run as the runner runs it (INPUT_* variables, command files),
//   3. the same create request sent by curl (what a user would write instead),
//   4. the post step of a job without cleanup (the runner starts it after every such job),
//   5. the floor: scripts/bench-floor.ts bundled by ncc like the action, which only loads
//      @actions/core and undici, sends the requests the action sends for a fresh subscription
//      (list, create, and the settling list after a create) and sets an output,
// and reports medians, min/max, peak memory (GNU time's max RSS), the action's time and memory
// as a ratio of the floor's, the size of dist/ and the requests the action and the floor made.
// Targets (issue 20): the action's start at most 1.05x the floor, the repository's archive at most
// 600 KiB; the round-trip targets are checked by `--latency`.
// Not a test: figures depend on the machine.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BirdServer } from '../testbed/bird-server.ts';
import { commandFiles, ROOT, runnerEnv } from '../testbed/run-action.ts';

// `--latency`: round trips against a Bird far away instead (scripts/bench-latency.ts).
if (process.argv.includes('--latency')) {
  await import('./bench-latency.ts');
  process.exit(0);
}

const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 30;
const WARMUP = 3;
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const node = process.execPath;

interface Sample {
  ms: number;
  rssKb?: number;
  /** User + system CPU time (GNU time), steadier than wall time on a busy machine. */
  cpuMs?: number;
}

async function measure(command: string, args: string[], env: Record<string, string>): Promise<Sample> {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}`);
  const [cmd, argv] = hasTime ? [TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  if (!hasTime) return { ms };
  const [rss, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { ms, rssKb: rss, cpuMs: (user + system) * 1000 };
}

// The floor is built the way dist/ is (ncc), into build/ (not committed).
const FLOOR = join(ROOT, 'build', 'bench-floor');
execFileSync(join(ROOT, 'node_modules', '.bin', 'ncc'), ['build', join(ROOT, 'scripts', 'bench-floor.ts'), '-o', FLOOR, '--quiet'], { cwd: ROOT, stdio: 'inherit' });

const bird = await BirdServer.start();
const { dir, files } = commandFiles();
const inputs = {
  'access-key': bird.accessKey,
  'workspace-id': bird.workspaceId,
  service: 'channels',
  event: 'sms.outbound',
  url: 'https://preview-42.shop.example.com/webhooks/bird',
  'api-url': bird.url,
};
const actionEnv = runnerEnv(inputs, files, { env: { BIRD_ACTION_TEST_RETRY_BASE_MS: '' } });
const plainEnv = { PATH: process.env.PATH ?? '' };
const createBody = JSON.stringify({ service: inputs.service, event: inputs.event, url: inputs.url, signingKey: 'K'.repeat(44) });
const curlArgs = [
  '-sS', '-o', '/dev/null', '--fail', '-X', 'POST',
  '-H', `Authorization: AccessKey ${bird.accessKey}`,
  '-H', 'Content-Type: application/json', '-H', 'Accept: application/json',
  '--data', createBody, `${bird.url}${bird.collectionPaths.workspace}`,
];

const scenarios = [
  { name: 'node -e 0', run: () => measure(node, ['-e', '0'], plainEnv) },
  {
    name: 'action (dist/main.js)',
    run: () => {
      bird.subscriptions.clear(); // every run creates: one list, one create
      return measure(node, [join(ROOT, 'dist/main.js')], actionEnv);
    },
  },
  {
    name: 'floor (core+undici)',
    run: () => {
      bird.subscriptions.clear();
      return measure(node, [join(FLOOR, 'index.js')], actionEnv);
    },
  },
  { name: 'curl POST', run: () => measure('curl', curlArgs, plainEnv) },
  // The runner starts the post step after every job that used the action, cleanup or not.
  { name: 'post step, no cleanup', run: () => measure(node, [join(ROOT, 'dist/post.js')], actionEnv) },
];

const samples = new Map<string, Sample[]>(scenarios.map((s) => [s.name, []]));
for (let i = 0; i < WARMUP + RUNS; i++) {
  for (const scenario of scenarios) {
    const sample = await scenario.run();
    if (i >= WARMUP) samples.get(scenario.name)?.push(sample);
  }
}

// Requests per run: a fresh workspace, then one with 250 other subscriptions.
bird.subscriptions.clear();
bird.requests.length = 0;
await measure(node, [join(ROOT, 'dist/main.js')], actionEnv);
const freshRequests = bird.requests.map((r) => r.method);
const target = (r: (typeof bird.requests)[number]) => `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`;
const freshTargets = bird.requests.map(target);
// The floor must send what the action sends, or the ratio compares different work.
bird.subscriptions.clear();
bird.requests.length = 0;
await measure(node, [join(FLOOR, 'index.js')], actionEnv);
const floorTargets = bird.requests.map(target);
bird.subscriptions.clear();
for (let i = 0; i < 250; i++) bird.seed({ service: 'channels', event: 'sms.outbound', url: `https://other-${i}.example.com/hook`, eventFilters: [{ key: 'channelId', value: String(i) }] });
bird.requests.length = 0;
await measure(node, [join(ROOT, 'dist/main.js')], actionEnv);
const busyRequests = bird.requests.length;
await bird.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (name: string) => {
  const list = samples.get(name) ?? [];
  const ms = list.map((s) => s.ms);
  const rss = list.map((s) => s.rssKb ?? NaN);
  const cpu = list.map((s) => s.cpuMs ?? NaN);
  return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), rssMb: median(rss) / 1024, cpuMs: trimmedMean(cpu) };
};
/** Mean without the top and bottom tenth: GNU time counts CPU in 10 ms steps, so a median would too. */
function trimmedMean(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 10);
  const kept = s.slice(cut, s.length - cut);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}
/** Median over runs of a/b, each pair taken in the same round, so load drift cancels out. */
const pairedRatio = (a: string, b: string, pick: (s: Sample) => number | undefined) => {
  const as = samples.get(a) ?? [];
  const bs = samples.get(b) ?? [];
  return median(as.map((s, i) => (pick(s) ?? NaN) / (pick(bs[i]) ?? NaN)));
};
const fmt = (n: number) => n.toFixed(1).padStart(7);

console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${RUNS} runs after ${WARMUP} warm-up`);
console.log(`${'command'.padEnd(22)}${'median ms'.padStart(10)}${'min'.padStart(8)}${'max'.padStart(8)}${'CPU ms*'.padStart(8)}${'peak RSS MB'.padStart(13)}`);
const results = Object.fromEntries(scenarios.map((s) => [s.name, stats(s.name)]));
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(22)}${fmt(r.median).padStart(10)}${fmt(r.min).padStart(8)}${fmt(r.max).padStart(8)}${(hasTime ? fmt(r.cpuMs) : '    n/a').padStart(8)}${(hasTime ? fmt(r.rssMb) : '    n/a').padStart(13)}`);
}
const [bare, action, floor, curl, post] = scenarios.map((s) => results[s.name]);
// The floor: what loading @actions/core and undici and making the two requests costs anyway.
const floorName = 'floor (core+undici)';
const actionName = 'action (dist/main.js)';
console.log(
  `action / floor, median of per-round ratios: time ${pairedRatio(actionName, floorName, (s) => s.ms).toFixed(3)}x` +
    (hasTime ? `, memory ${pairedRatio(actionName, floorName, (s) => s.rssKb).toFixed(3)}x` : '') +
    ' (target <= 1.05x)',
);
if (hasTime) console.log(`action / floor, CPU time (user+system, trimmed means*): ${(action.cpuMs / floor.cpuMs).toFixed(3)}x`);
console.log(`action / floor, ratio of medians: time ${(action.median / floor.median).toFixed(3)}x${hasTime ? `, memory ${(action.rssMb / floor.rssMb).toFixed(3)}x` : ''}`);
console.log(`time ratio action / node -e 0: ${(action.median / bare.median).toFixed(2)}x`);
console.log(`time ratio action / curl:      ${(action.median / curl.median).toFixed(2)}x`);
console.log(`time ratio post step / node -e 0: ${(post.median / bare.median).toFixed(2)}x`);
if (hasTime) console.log(`memory ratio action / node -e 0: ${(action.rssMb / bare.rssMb).toFixed(2)}x`);
else console.log('memory: n/a (GNU time not found at /usr/bin/time)');
if (hasTime) console.log('* CPU ms: mean without the top and bottom tenth (GNU time counts in 10 ms steps)');

const kib = (path: string) => {
  const bytes = statSync(join(ROOT, 'dist', path)).size;
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(0)} KiB`;
};
const chunks = readdirSync(join(ROOT, 'dist')).filter((f) => /^\d+\.index\.js$/.test(f));
console.log(`dist/: entries main.js ${kib('main.js')}, post.js ${kib('post.js')} (all a job without cleanup loads), shared index.js ${kib('index.js')}; chunks loaded when needed: ${chunks.map((f) => `${f} ${kib(f)}`).join(', ')}`);
// What the runner downloads for every job that uses the action: the repository's archive.
const archive = execFileSync('sh', ['-c', 'git archive HEAD | gzip -9 | wc -c'], { cwd: ROOT, encoding: 'utf8' });
console.log(`repository archive (git archive HEAD | gzip -9: committed files, less .gitattributes export-ignore): ${(Number(archive) / 1024).toFixed(0)} KiB (target <= 600 KiB; actions/checkout: 465 KiB)`);
console.log(`requests for a fresh subscription: ${freshRequests.length} (${freshRequests.join(', ')})`);
console.log(
  freshTargets.join('\n') === floorTargets.join('\n')
    ? `floor: sends the same ${floorTargets.length} requests as the action for a fresh subscription (list, create, settling list), so the ratio compares like with like`
    : `floor: WARNING, sends other requests than the action (${floorTargets.join(', ')}), so the ratio does not compare like with like; update scripts/bench-floor.ts`,
);
console.log(`requests with 250 other subscriptions: ${busyRequests} (limit ceil(250/100)+1 = ${Math.ceil(250 / 100) + 1})`);
