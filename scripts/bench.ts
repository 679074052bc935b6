// `npm run bench [-- --runs N]`: what one step of this action costs, as whole processes.
// Times, over N rounds after a warm-up, each round running every command once in turn (so drift
// in the machine's load hits all alike, and each round gives its own action/floor ratio):
//   1. bare `node -e 0` (the same Node 24 that runs the action),
//   2. the built dist/main on the two commonest paths, run as the runner runs it (INPUT_* variables,
//      command files) against the local Bird-compatible server: a fresh create (list, create, the
//      settling list, the confirming list) and an unchanged re-run (one list),
//   3. the same create request sent by curl (what a user would write instead),
//   4. the post step of a job without cleanup (the runner starts it after every such job),
//   5. the floors: scripts/bench-floor.ts bundled by ncc like the action, which only loads
//      @actions/core and undici (its own Agent), sends the requests the action sends on that path
//      and sets an output; once with undici's whole index, as a minimal script has it (the target's
//      floor), once with the parts of undici the action loads (what is left is our own code),
// and reports medians, min/max, CPU time and peak memory (GNU time), the action's time as a ratio
// of the floor's per round (median and spread), the time from the last answer to the process's
// exit, the size of dist/ and the requests the action and the floors made.
// Targets: the action at most 1.05x its floor on both paths, the repository's archive at most
// 600 KiB; the round-trip targets are checked by `--latency`.
// Not a test: figures depend on the machine.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BirdServer } from '../testbed/bird-server.ts';
import { commandFiles, ROOT, runnerEnv } from '../testbed/run-action.ts';
import { CONFIRM_JITTER_MS, CONFIRM_PAUSE_MS } from '../src/steps/confirm-pause.ts';

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
  /** From the last answer the server sent during the run to the process's exit. */
  tailMs?: number;
  /** The pause on purpose before a confirming list (as the server saw it), left out of `ms`. */
  waitMs: number;
}

/**
 * A creating run waits CONFIRM_PAUSE_MS plus jitter before its confirming list, on purpose (runs
 * started together settle meanwhile); the floor waits the same way. Random jitter would swamp a
 * 5 % comparison, so both leave out the idle gap the server saw before that list: from the answer
 * before it to its arrival. No other gap of a run on this machine comes near the pause.
 */
function pauseOf(requests: { receivedAt: number; answeredAt?: number }[]): number {
  let waited = 0;
  for (let i = 1; i < requests.length; i++) {
    const gap = requests[i].receivedAt - (requests[i - 1].answeredAt ?? requests[i].receivedAt);
    if (gap >= CONFIRM_PAUSE_MS * 0.9) waited += gap;
  }
  return waited;
}

async function measure(command: string, args: string[], env: Record<string, string>): Promise<Sample> {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}`);
  const [cmd, argv] = hasTime ? [TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
  const firstRequest = bird.requests.length;
  const started = performance.now();
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  // The server runs in this process: its answer times and this exit time are on one clock.
  const answers = bird.requests.slice(firstRequest).map((r) => r.answeredAt ?? 0);
  const tailMs = answers.length > 0 ? started + ms - Math.max(...answers) : undefined;
  const waitMs = pauseOf(bird.requests.slice(firstRequest));
  if (!hasTime) return { ms: ms - waitMs, tailMs, waitMs };
  const [rss, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { ms: ms - waitMs, rssKb: rss, cpuMs: (user + system) * 1000, tailMs, waitMs };
}

// The floors are built the way dist/ is (ncc), into build/ (not committed).
const FLOOR = join(ROOT, 'build', 'bench-floor');
const PARTS_FLOOR = join(ROOT, 'build', 'bench-floor-parts');
const bird = await BirdServer.start();
for (const [entry, out] of [['bench-floor-undici.ts', FLOOR], ['bench-floor-parts.ts', PARTS_FLOOR]]) {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'ncc'), ['build', join(ROOT, 'scripts', entry), '-o', out, '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}

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
type FloorPath = 'create' | 'unchanged';
const floorEnv = (path: FloorPath) => ({
  ...actionEnv,
  BENCH_FLOOR_PATH: path,
  BENCH_FLOOR_PAUSE_MS: String(CONFIRM_PAUSE_MS),
  BENCH_FLOOR_JITTER_MS: String(CONFIRM_JITTER_MS),
});
// The workspace an unchanged re-run finds: the action's own subscription, as its create left it.
bird.subscriptions.clear();
await measure(node, [join(ROOT, 'dist/main.js')], actionEnv);
const createdByAction = [...bird.subscriptions.values()].map((s) => structuredClone(s));
const workspaceWithOurs = () => {
  bird.subscriptions.clear();
  for (const s of createdByAction) bird.subscriptions.set(s.id, structuredClone(s));
};
/** The workspace each path meets: empty for a fresh create, our subscription for a re-run. */
const workspaceFor = (path: FloorPath) => (path === 'create' ? bird.subscriptions.clear() : workspaceWithOurs());
/** One run of a floor (its ncc build in `dir`) on a path, in the workspace the action meets there. */
const floorRun = (dir: string, path: FloorPath) => () => {
  workspaceFor(path);
  return measure(node, [join(dir, 'index.js')], floorEnv(path));
};
const plainEnv = { PATH: process.env.PATH ?? '' };
const createBody = JSON.stringify({ service: inputs.service, event: inputs.event, url: inputs.url, signingKey: 'K'.repeat(44) });
const curlArgs = [
  '-sS', '-o', '/dev/null', '--fail', '-X', 'POST',
  '-H', `Authorization: AccessKey ${bird.accessKey}`,
  '-H', 'Content-Type: application/json', '-H', 'Accept: application/json',
  '--data', createBody, `${bird.url}${bird.collectionPaths.workspace}`,
];

const ACTION_CREATE = 'action, fresh create';
const FLOOR_CREATE = 'floor, fresh create';
const ACTION_UNCHANGED = 'action, unchanged';
const FLOOR_UNCHANGED = 'floor, unchanged';
const PARTS_CREATE = 'parts floor, create';
const PARTS_UNCHANGED = 'parts floor, unchanged';
const scenarios = [
  { name: 'node -e 0', run: () => measure(node, ['-e', '0'], plainEnv) },
  {
    name: ACTION_CREATE,
    run: () => {
      bird.subscriptions.clear(); // every run creates: the list, the create, the settling list, the pause, the confirming list
      return measure(node, [join(ROOT, 'dist/main.js')], actionEnv);
    },
  },
  { name: FLOOR_CREATE, run: floorRun(FLOOR, 'create') },
  {
    name: ACTION_UNCHANGED,
    run: () => {
      workspaceWithOurs(); // finds its subscription as it left it: one list
      return measure(node, [join(ROOT, 'dist/main.js')], actionEnv);
    },
  },
  { name: FLOOR_UNCHANGED, run: floorRun(FLOOR, 'unchanged') },
  { name: PARTS_CREATE, run: floorRun(PARTS_FLOOR, 'create') },
  { name: PARTS_UNCHANGED, run: floorRun(PARTS_FLOOR, 'unchanged') },
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

// Requests per run: a fresh workspace, an unchanged re-run, then one with 250 other subscriptions.
const target = (r: (typeof bird.requests)[number]) => `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`;
const requestsOf = async (args: string[], env: Record<string, string>, setUp: () => void) => {
  setUp();
  bird.requests.length = 0;
  await measure(node, args, env);
  return bird.requests.map(target);
};
// A floor must send what the action sends, or the ratio compares different work.
const freshTargets = await requestsOf([join(ROOT, 'dist/main.js')], actionEnv, () => bird.subscriptions.clear());
const unchangedTargets = await requestsOf([join(ROOT, 'dist/main.js')], actionEnv, workspaceWithOurs);
const floorTargetsOf = (dir: string, path: FloorPath) => requestsOf([join(dir, 'index.js')], floorEnv(path), () => workspaceFor(path));
const floorTargets = await floorTargetsOf(FLOOR, 'create');
const floorUnchangedTargets = await floorTargetsOf(FLOOR, 'unchanged');
const partsTargets = await floorTargetsOf(PARTS_FLOOR, 'create');
const partsUnchangedTargets = await floorTargetsOf(PARTS_FLOOR, 'unchanged');
const freshRequests = freshTargets.map((t) => t.split(' ')[0]);
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
  const tails = list.flatMap((s) => (s.tailMs === undefined ? [] : [s.tailMs]));
  return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), rssMb: median(rss) / 1024, cpuMs: trimmedMean(cpu), tailMs: tails.length ? median(tails) : NaN };
};
/** Mean without the top and bottom tenth: GNU time counts CPU in 10 ms steps, so a median would too. */
function trimmedMean(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 10);
  const kept = s.slice(cut, s.length - cut);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}
/** Per-round ratios a/b, each pair taken in the same round, so load drift cancels out. */
const roundRatios = (a: string, b: string, pick: (s: Sample) => number | undefined) => {
  const as = samples.get(a) ?? [];
  const bs = samples.get(b) ?? [];
  return as.map((s, i) => (pick(s) ?? NaN) / (pick(bs[i]) ?? NaN));
};
const pairedRatio = (a: string, b: string, pick: (s: Sample) => number | undefined) => median(roundRatios(a, b, pick));
/** The middle half of the per-round ratios: how noisy the machine was. */
const quartiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil(((s.length - 1) * 3) / 4)]];
};
const fmt = (n: number) => n.toFixed(1).padStart(7);

console.log('floor: @actions/core and undici as a minimal script loads them (undici\'s whole index); parts floor: the same script on the parts of undici the action loads (src/bird/undici.ts)');
console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${RUNS} runs after ${WARMUP} warm-up`);
const waits = (name: string) => median((samples.get(name) ?? []).map((s) => s.waitMs));
console.log(
  `Times leave out the confirming pause a creating run makes on purpose (${CONFIRM_PAUSE_MS} ms + up to ${CONFIRM_JITTER_MS} ms jitter; ` +
    `median left out: action ${waits(ACTION_CREATE).toFixed(0)} ms, floor ${waits(FLOOR_CREATE).toFixed(0)} ms), the idle gap before that list as the server saw it`,
);
console.log(`${'command'.padEnd(22)}${'median ms'.padStart(10)}${'min'.padStart(8)}${'max'.padStart(8)}${'CPU ms*'.padStart(8)}${'peak RSS MB'.padStart(13)}${'exit after last answer, ms'.padStart(28)}`);
const results = Object.fromEntries(scenarios.map((s) => [s.name, stats(s.name)]));
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(22)}${fmt(r.median).padStart(10)}${fmt(r.min).padStart(8)}${fmt(r.max).padStart(8)}${(hasTime ? fmt(r.cpuMs) : '    n/a').padStart(8)}` +
      `${(hasTime ? fmt(r.rssMb) : '    n/a').padStart(13)}${(Number.isNaN(r.tailMs) ? '' : fmt(r.tailMs)).padStart(28)}`,
  );
}
const bare = results['node -e 0'];
const curl = results['curl POST'];
const post = results['post step, no cleanup'];
for (const [path, actionName, floorName, divisor] of [
  ['fresh create', ACTION_CREATE, FLOOR_CREATE, 'floor'],
  ['unchanged re-run', ACTION_UNCHANGED, FLOOR_UNCHANGED, 'floor'],
  ['fresh create', ACTION_CREATE, PARTS_CREATE, 'parts floor'],
  ['unchanged re-run', ACTION_UNCHANGED, PARTS_UNCHANGED, 'parts floor'],
]) {
  const action = results[actionName];
  const floor = results[floorName];
  const [low, high] = quartiles(roundRatios(actionName, floorName, (s) => s.ms));
  const ratio = pairedRatio(actionName, floorName, (s) => s.ms);
  // The target is against the minimal script's floor; against the parts floor the rest is our own code.
  const verdict = divisor === 'floor' ? `; target <= 1.05x: ${ratio <= 1.05 ? 'met' : 'NOT met'}${RUNS < 10 ? ` (only ${RUNS} rounds: too few to judge)` : ''}` : '; our own code alone, no target';
  console.log(
    `${path}: action / ${divisor}, median of per-round time ratios ${ratio.toFixed(3)}x ` +
      `(middle half of rounds ${low.toFixed(2)}x to ${high.toFixed(2)}x${verdict})` +
      (hasTime ? `; CPU time (trimmed means*) ${(action.cpuMs / floor.cpuMs).toFixed(3)}x; memory ${pairedRatio(actionName, floorName, (s) => s.rssKb).toFixed(3)}x` : '') +
      `; ratio of medians ${(action.median / floor.median).toFixed(3)}x`,
  );
}
const action = results[ACTION_CREATE];
console.log(`time ratio action (fresh create) / node -e 0: ${(action.median / bare.median).toFixed(2)}x`);
console.log(`time ratio action (fresh create) / curl:      ${(action.median / curl.median).toFixed(2)}x`);
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
const likeForLike = (path: string, actionTargets: string[], floorTargetsOfPath: string[]) =>
  actionTargets.join('\n') === floorTargetsOfPath.join('\n')
    ? `${path}: sends the same ${floorTargetsOfPath.length === 1 ? 'request' : `${floorTargetsOfPath.length} requests`} as the action, so the ratio compares like with like`
    : `${path}: WARNING, sends other requests than the action (action: ${actionTargets.join(', ')}; floor: ${floorTargetsOfPath.join(', ')}); update scripts/bench-floor.ts`;
console.log(likeForLike('floor, fresh create (list, create, settling list, confirming list)', freshTargets, floorTargets));
console.log(likeForLike('floor, unchanged re-run (one list)', unchangedTargets, floorUnchangedTargets));
console.log(likeForLike('parts floor, fresh create', freshTargets, partsTargets));
console.log(likeForLike('parts floor, unchanged re-run', unchangedTargets, partsUnchangedTargets));
console.log(`requests with 250 other subscriptions: ${busyRequests} (three lists of ${Math.ceil(251 / 100)} pages of 100, and the create: ${3 * Math.ceil(251 / 100) + 1})`);
