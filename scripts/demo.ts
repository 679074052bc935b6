// `npm run demo`: runs the bundled action (dist/) against the embedded Bird-compatible server and
// shows what it sent and what it output, secrets as ***. With BIRD_ACCESS_KEY and BIRD_WORKSPACE_ID
// set (and BIRD_WEBHOOK_URL, optionally BIRD_ORGANIZATION_ID), it targets the real API instead.
import { BirdServer } from '../testbed/bird-server.ts';
import { runAction, type ActionRun } from '../testbed/run-action.ts';

const real = process.env.BIRD_ACCESS_KEY && process.env.BIRD_WORKSPACE_ID;
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
  console.log('Step log:');
  for (const line of run.stdout.trim().split('\n')) console.log(`  ${hide(line)}`);
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
  const main = await runAction('main', inputs, { env });
  secrets.push(main.outputs['signing-key'] ?? '');
  show('Main step against api.bird.com', main);
  const post = await runAction('post', inputs, { env, state: main.state });
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
    const first = await runAction('main', inputs);
    secrets.push(first.outputs['signing-key'] ?? '');
    show('1. First run: creates the subscription', first, bird);
    let from = bird.requests.length;
    const again = await runAction('main', inputs);
    show('2. Re-run with the same inputs: reuses it, nothing changes', again, bird, from);
    from = bird.requests.length;
    const removed = await runAction('main', { ...inputs, state: 'absent' });
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
