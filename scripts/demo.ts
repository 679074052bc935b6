// `npm run demo`: runs the bundled action (dist/) against the embedded Bird-compatible server and
// shows what it sent, its log and job summary as a user reads them on GitHub, and its outputs,
// secrets as ***. `npm run demo -- --debug` runs it with step debug logging on. With
// BIRD_ACCESS_KEY and BIRD_WORKSPACE_ID set (and BIRD_WEBHOOK_URL, optionally
// BIRD_ORGANIZATION_ID), it targets the real API instead.
import { BirdServer } from '../testbed/bird-server.ts';
import { runAction, type ActionRun, type RunOptions } from '../testbed/run-action.ts';
import { viewLog, viewSummary } from './runner-view.ts';

const real = process.env.BIRD_ACCESS_KEY && process.env.BIRD_WORKSPACE_ID;
const debug = process.argv.includes('--debug');
// The runner sets RUNNER_DEBUG=1 for a re-run "with debug logging".
const debugEnv: Record<string, string> = debug ? { RUNNER_DEBUG: '1' } : {};
const run = (entry: 'main' | 'post', inputs: Record<string, string>, options: RunOptions = {}) =>
  runAction(entry, inputs, { ...options, env: { ...debugEnv, ...options.env } });
const secrets: string[] = [];
const hide = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join('***') : t), text);

function show(title: string, run: ActionRun, bird?: BirdServer, from = 0): void {
  console.log(`\n=== ${title} (exit code ${run.code})`);
  if (bird) {
    console.log('Requests the action sent:');
    for (const r of bird.requests.slice(from)) {
      const query = new URLSearchParams(r.query).toString();
      console.log(`  ${r.method} ${r.path}${query ? `?${query}` : ''}`);
      console.log(`    Authorization: ${hide(String(r.headers.authorization))}`);
      if (r.rawBody) console.log(`    body: ${hide(r.rawBody)}`);
    }
  }
  console.log(debug ? 'Step log (with debug logging):' : 'Step log:');
  for (const line of viewLog(run.stdout, { debug })) console.log(`  ${hide(line)}`);
  for (const line of viewLog(run.stderr, { debug })) if (line) console.log(`  ${hide(line)}`);
  if (run.summary.trim()) {
    console.log('Job summary:');
    for (const line of viewSummary(run.summary)) console.log(`  ${hide(line)}`);
  }
  console.log('Step outputs:');
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${hide(value)}`);
}

if (real) {
  const inputs: Record<string, string> = {
    'access-key': process.env.BIRD_ACCESS_KEY ?? '',
    'workspace-id': process.env.BIRD_WORKSPACE_ID ?? '',
    'organization-id': process.env.BIRD_ORGANIZATION_ID ?? '',
    service: 'channels',
    event: 'sms.outbound',
    url: process.env.BIRD_WEBHOOK_URL ?? 'https://demo.example.com/webhooks/bird',
    cleanup: 'true',
  };
  secrets.push(inputs['access-key']);
  const env = { BIRD_ACTION_TEST_RETRY_BASE_MS: '', ...pick(process.env, /^(HTTPS?_PROXY|NO_PROXY)$/i) };
  const main = await run('main', inputs, { env });
  secrets.push(main.outputs['signing-key'] ?? '');
  show('Main step against api.bird.com', main);
  const post = await run('post', inputs, { env, state: main.state });
  show('Post step (cleanup) against api.bird.com', post);
  process.exitCode = main.code || post.code || 0;
} else {
  const bird = await BirdServer.start();
  secrets.push(bird.accessKey);
  try {
    const inputs = {
      'access-key': bird.accessKey,
      'workspace-id': bird.workspaceId,
      service: 'channels',
      event: 'sms.outbound',
      url: 'https://preview-42.shop.example.com/webhooks/bird',
      'event-filters': 'channelId=58c44c1d-a6a0-4cb6-9f78-05308de87451',
      'api-url': bird.url,
    };
    console.log(`Embedded Bird-compatible server at ${bird.url} (workspace ${bird.workspaceId})`);
    const first = await run('main', inputs);
    secrets.push(first.outputs['signing-key'] ?? '');
    show('1. First run: creates the subscription', first, bird);
    let from = bird.requests.length;
    const again = await run('main', inputs);
    show('2. Re-run with the same inputs: reuses it, nothing changes', again, bird, from);
    from = bird.requests.length;
    const removed = await run('main', { ...inputs, state: 'absent' });
    show('3. state: absent (pull request closed): deletes it', removed, bird, from);
    console.log(`\nSubscriptions left on the server: ${bird.subscriptions.size}`);
    process.exitCode = first.code || again.code || removed.code || 0;
  } finally {
    await bird.close();
  }
}

function pick(env: NodeJS.ProcessEnv, pattern: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => pattern.test(e[0]) && e[1] !== undefined));
}
