// End to end (issue 26): a green step means its subscriptions exist. Runs of dist/ started together
// against a Bird whose list lags behind writes, leaves an entry out once, stamps createdAt in whole
// seconds, or whose clock is off; in both key modes. Each test asserts what is left on the server,
// what every run output, and what every run saved for its post step.
import { describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { runAction, useBird, type ActionRun, type BirdFixture } from './support/e2e.js';

const URL_ = 'https://pr-7.preview.shop.example.com/webhooks/bird';
const PROD = 'https://shop.example.com/webhooks/bird';
const EVENTS = ['whatsapp.inbound', 'sms.inbound'];
const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const MINUTE = 60_000;

const cleanupIds = (run: ActionRun): string[] => (run.state.cleanup ? (JSON.parse(run.state.cleanup) as { subscriptionIds: string[] }).subscriptionIds : []);
const outputIds = (run: ActionRun): string[] => (run.outputs['subscription-id'] ? run.outputs['subscription-id'].split(',') : []);

/** Every run exits 0, outputs the one subscription left per event, saves only what exists, and the post steps leave nothing. */
async function expectOnePerEvent(e2e: BirdFixture, all: ActionRun[], events: string[], url: string): Promise<void> {
  for (const run of all) expect({ code: run.code, error: run.stdout.split('\n').filter((l) => l.startsWith('::error::')) }).toEqual({ code: 0, error: [] });
  const left = [...e2e.bird.subscriptions.values()].filter((s) => s.url === url);
  expect(left.map((s) => s.event).sort()).toEqual([...events].sort());
  const ids = events.map((event) => left.find((s) => s.event === event)?.id);
  for (const run of all) expect(outputIds(run)).toEqual(ids);
  // Each survivor is saved by at most one run (the one that created it); nothing saved is gone.
  const saved = all.flatMap(cleanupIds);
  expect(new Set(saved).size).toBe(saved.length);
  for (const id of saved) expect(ids).toContain(id);
}

/**
 * Old previews (`olds`, an hour ago; five hold every place of `events`) and six new previews deploying
 * together (evict-oldest unless `extra` says otherwise): exactly five complete with every event, the
 * sixth fails and leaves nothing.
 */
async function sixOverFive(e2e: BirdFixture, events: string[], extra: Record<string, string> = {}, olds = [1, 2, 3, 4, 5], env?: Record<string, string>): Promise<void> {
  const longAgo = (m: number) => new Date(Date.now() - (60 - m) * MINUTE).toISOString();
  const old = olds.flatMap((p) => events.map((event) => e2e.seed({ event, url: preview(p), eventFilters: [], createdAt: longAgo(p) })));
  const fresh = [11, 12, 13, 14, 15, 16];
  e2e.bird.barrier({ method: 'GET', count: fresh.length });
  const all = await Promise.all(
    fresh.map((p) => runAction('main', e2e.inputs({ url: preview(p), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', cleanup: 'true', ...extra }), { env })),
  );

  const codes = all.map((run) => run.code);
  const errors = all.flatMap((run) => run.stdout.split('\n').filter((l) => l.startsWith('::error::')));
  expect({ ok: codes.filter((c) => c === 0).length, failed: codes.filter((c) => c === 1).length, errors: errors.length }).toEqual({ ok: 5, failed: 1, errors: 1 });
  // The one that yields says why: it was the youngest of those holding part of their events, or held none of its own.
  expect(errors[0]).toMatch(/ This preview \(https:\S+\) (was the youngest of the \d+ previews deploying together|holds none of these events yet)/);
  // It names the event that yielded, whichever of its events stopped first.
  expect(errors[0]).toMatch(/^::error::Event (\S+): Bird refused the create \(HTTP 422\)\. Bird allows at most 5 subscriptions for channels \1 /);
  const left = [...e2e.bird.subscriptions.values()];
  // Every preview left holds all its events: none was evicted in part, none was left partial.
  for (const url of new Set(left.map((s) => s.url))) expect(left.filter((s) => s.url === url).map((s) => s.event).sort()).toEqual([...events].sort());
  expect(left).toHaveLength(15);
  expect(old.filter((s) => e2e.bird.subscriptions.has(s.id))).toEqual([]);
  fresh.forEach((p, i) => {
    const run = all[i];
    if (run.code === 0) {
      expect(outputIds(run)).toEqual(events.map((event) => left.find((s) => s.url === preview(p) && s.event === event)?.id));
    } else {
      // The one that failed gave back what it created and saved nothing for its post step.
      expect(left.filter((s) => s.url === preview(p))).toEqual([]);
      expect(cleanupIds(run)).toEqual([]);
      expect(outputIds(run).filter((id) => id !== '')).toEqual([]);
    }
  });
}

describe.each([
  ['Bird shows keys', true],
  ['Bird hides keys', false],
])('%s', (_mode, exposeSigningKeys) => {
  describe('a list that lags 600 ms behind creates', () => {
    const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: URL_ }, { exposeSigningKeys, delayMs: 40, realClock: true, listLagMs: 600 });

    test.each([2, 4])('%i runs together end with one subscription per event, and every output exists', async (runs) => {
      e2e.bird.barrier({ method: 'GET', count: runs });
      const all = await Promise.all(Array.from({ length: runs }, () => runAction('main', e2e.inputs({ cleanup: 'true' }))));

      await expectOnePerEvent(e2e, all, EVENTS, URL_);
      const key = deriveSigningKey(e2e.bird.accessKey, { workspaceId: e2e.bird.workspaceId, url: URL_ });
      for (const s of e2e.bird.subscriptions.values()) expect(s.signingKey).toBe(key);
      for (const run of all) expect(run.outputs['signing-key']).toBe(key);
      // The lag was met: some run listed again rather than take a stale list for the truth.
      expect(all.some((run) => /^Bird's list does not show .* yet, which this run created/m.test(run.stdout))).toBe(true);
      // Each run that created saved what survived of its own, and every survivor was saved by one run.
      expect(all.flatMap(cleanupIds).sort()).toEqual([...e2e.bird.subscriptions.keys()].sort());
      const posts = await Promise.all(all.map((run) => runAction('post', e2e.inputs({ cleanup: 'true' }), { state: run.state })));
      for (const post of posts) expect(post.code).toBe(0);
      expect(e2e.bird.subscriptions.size).toBe(0);
    });
  });

  describe('createdAt in whole seconds (ties) and copies that show late', () => {
    const e2e = useBird(
      { service: 'channels', events: EVENTS.join('\n'), url: URL_ },
      { exposeSigningKeys, delayMs: 40, realClock: true, wholeSecondCreatedAt: true, listLagMs: 300 },
    );

    test('3 runs together keep one subscription per event, and no run names one another run deleted', async () => {
      e2e.bird.barrier({ method: 'GET', count: 3 });
      const all = await Promise.all([1, 2, 3].map(() => runAction('main', e2e.inputs({ cleanup: 'true' }))));

      await expectOnePerEvent(e2e, all, EVENTS, URL_);
      expect(all.flatMap(cleanupIds).sort()).toEqual([...e2e.bird.subscriptions.keys()].sort());
    });
  });

  describe('a settling list that leaves out what this run created', () => {
    const e2e = useBird({ service: 'channels', event: 'sms.inbound', url: URL_ }, { exposeSigningKeys, realClock: true });

    test('the run asks for it by ID, lists again, keeps it, outputs it and saves it for cleanup', async () => {
      // The settling list (the second list) leaves out the subscription the run has just created.
      e2e.bird.inject({ method: 'GET', path: 'webhook-subscriptions', skip: 1, run: () => e2e.bird.leaveOutOfList([...e2e.bird.subscriptions.keys()][0]) });
      const run = await runAction('main', e2e.inputs({ cleanup: 'true' }));

      expect(run.code).toBe(0);
      const [only] = [...e2e.bird.subscriptions.values()];
      expect(e2e.bird.subscriptions.size).toBe(1);
      expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', `GET ~/${only.id}`, 'GET ~', 'GET ~']);
      expect(run.outputs['subscription-id']).toBe(only.id);
      expect(cleanupIds(run)).toEqual([only.id]);
      expect(run.stdout).toContain(`Bird's list does not show ${only.id} yet, which this run created and which exists`);
    });

    test('a list that never shows it: kept with a warning that a copy may remain and the outputs may name one another run deletes', async () => {
      e2e.bird.inject({ method: 'GET', path: 'webhook-subscriptions', skip: 1, run: () => e2e.bird.leaveOutOfList([...e2e.bird.subscriptions.keys()][0], 10) });
      const run = await runAction('main', e2e.inputs({ cleanup: 'true', 'max-attempts': '2' }));

      expect(run.code).toBe(0);
      const [only] = [...e2e.bird.subscriptions.values()];
      expect(run.outputs['subscription-id']).toBe(only.id);
      const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
      expect(warnings.join('\n')).toMatch(/a copy another run made at the same time may remain \(a re-run deletes it\), and this run's own outputs may then name a subscription another run deletes/);
    });

    test('one gone for real (another run deleted it) is no longer this run\'s: it outputs the survivor and saves nothing', async () => {
      const older = e2e.seed({ eventFilters: [], createdAt: new Date(Date.now() - 10 * MINUTE).toISOString() });
      // The first list does not show the older copy; before the settling list "another run" deletes ours.
      e2e.bird.leaveOutOfList(older.id);
      e2e.bird.inject({
        method: 'GET',
        path: 'webhook-subscriptions',
        skip: 1,
        run: () => {
          for (const id of e2e.bird.subscriptions.keys()) if (id !== older.id) e2e.bird.subscriptions.delete(id);
        },
      });
      const run = await runAction('main', e2e.inputs({ cleanup: 'true' }));

      expect(run.code).toBe(0);
      expect([...e2e.bird.subscriptions.keys()]).toEqual([older.id]);
      expect(run.outputs['subscription-id']).toBe(older.id);
      expect(cleanupIds(run)).toEqual([]);
      expect(run.stdout).toMatch(/^Subscription \S+, which this run created, is gone: another run started together keeps an older copy$/m);
    });
  });

  describe('previews of three events at the limit', () => {
    const THREE = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound'];
    const e2e = useBird({ service: 'channels', events: THREE.join('\n') }, { exposeSigningKeys, delayMs: 20, realClock: true });

    test('3 new previews deploying together over 5 old ones all complete, each evicting one old preview whole', async () => {
      const longAgo = (m: number) => new Date(Date.now() - (60 - m) * MINUTE).toISOString();
      const old = [1, 2, 3, 4, 5].flatMap((p) => THREE.map((event) => e2e.seed({ event, url: preview(p), eventFilters: [], createdAt: longAgo(p) })));
      const fresh = [11, 12, 13];
      e2e.bird.barrier({ method: 'GET', count: fresh.length });
      const all = await Promise.all(
        fresh.map((p) => runAction('main', e2e.inputs({ url: preview(p), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', 'max-attempts': '8', cleanup: 'true' }))),
      );

      for (const run of all) expect(run.code).toBe(0);
      const left = [...e2e.bird.subscriptions.values()];
      // Every preview left holds all three events: none was evicted in part.
      for (const url of new Set(left.map((s) => s.url))) expect(left.filter((s) => s.url === url).map((s) => s.event).sort()).toEqual([...THREE].sort());
      expect(left).toHaveLength(15);
      expect(old.filter((s) => e2e.bird.subscriptions.has(s.id))).toHaveLength(6);
      fresh.forEach((p, i) => expect(outputIds(all[i])).toEqual(THREE.map((event) => left.find((s) => s.url === preview(p) && s.event === event)?.id)));
    });

    test('six new previews deploying together over 5 old ones: five complete, one gives back and fails, none partial', async () => {
      await sixOverFive(e2e, THREE);
    });

    test('six new previews deploying together into an empty workspace with when-full: fail: five complete, one fails', async () => {
      await sixOverFive(e2e, THREE, { 'when-full': 'fail' }, []);
    });

    test('one run evicts the preview that is oldest as a whole, not the oldest subscription of each event', async () => {
      const ago = (m: number) => new Date(Date.now() - m * MINUTE).toISOString();
      // Preview 1 holds the oldest sms.inbound; preview 2 the oldest sms.outbound.
      const ages: Record<number, number[]> = { 1: [60, 40, 40], 2: [50, 55, 50], 3: [30, 30, 30], 4: [20, 20, 20], 5: [10, 10, 10] };
      const seeded = Object.entries(ages).flatMap(([p, minutes]) => THREE.map((event, i) => e2e.seed({ event, url: preview(Number(p)), eventFilters: [], createdAt: ago(minutes[i]) })));
      const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }));

      expect(run.code).toBe(0);
      const evicted = run.outputs.evicted.split(',').sort();
      expect(evicted).toEqual(seeded.filter((s) => s.url === preview(1)).map((s) => s.id).sort());
      expect([...e2e.bird.subscriptions.values()].filter((s) => s.url === preview(2))).toHaveLength(3);
    });

    test('a step refused for the limit deletes what it created in this run for its URL, and says so', async () => {
      const limit = JSON.stringify({ code: 'SubscriptionLimitExceeded', message: 'At most 5 webhook subscriptions may share the same filter combination' });
      e2e.bird.inject({ method: 'POST', when: (r) => (r.body as { event?: string }).event === 'whatsapp.inbound', status: 422, rawBody: limit, times: 20 });
      const run = await runAction('main', e2e.inputs({ url: preview(9), 'max-attempts': '2', cleanup: 'true' }));

      expect(run.code).toBe(1);
      expect(e2e.bird.subscriptions.size).toBe(0);
      expect(cleanupIds(run)).toEqual([]);
      expect(outputIds(run).filter((id) => id !== '')).toEqual([]);
      expect(run.stdout).toMatch(/^::error::Event whatsapp\.inbound: Bird refused the create \(HTTP 422\)\. .* Deleted the 2 subscriptions this run had created for https:\/\/pr-9\.preview\.shop\.example\.com\/webhooks\/bird \(\S+, \S+\), so this preview holds no places$/m);
    });

    test('a preview adding an event to subscriptions older than 5 minutes, refused with no one deploying: the limit message as before, never "holds none"', async () => {
      const old = e2e.seed({ event: 'sms.inbound', url: preview(9), eventFilters: [], createdAt: new Date(Date.now() - 60 * MINUTE).toISOString() });
      const limit = JSON.stringify({ code: 'SubscriptionLimitExceeded', message: 'At most 5 webhook subscriptions may share the same filter combination' });
      // Other workflows take every whatsapp.inbound place (outside url-pattern) just before this run's create.
      const taken: string[] = [];
      const takeAll = () => {
        if (taken.length === 0) for (let n = 1; n <= 5; n++) taken.push(e2e.seed({ event: 'whatsapp.inbound', url: `https://shop-${n}.example.com/hooks`, eventFilters: [] }).id);
      };
      e2e.bird.inject({ method: 'POST', when: (r) => (r.body as { event?: string }).event === 'whatsapp.inbound', status: 422, rawBody: limit, times: 20, run: takeAll });
      const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', 'max-attempts': '2', cleanup: 'true' }));

      expect(run.code).toBe(1);
      const [error] = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
      expect(error).toMatch(/^::error::Event whatsapp\.inbound: Bird refused the create \(HTTP 422\)\. .* Another run took a slot after this step looked; re-run the step to make room again\. Deleted the subscription this run had created for \S+ \(\S+\), so this preview holds no places it took in this run \(it keeps the one it held before\) \(done: sms\.inbound unchanged\)$/);
      expect(error).not.toMatch(/holds none|youngest/);
      // What it created is given back; what it held before is its own and stays.
      expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([old.id, ...taken].sort());
      expect(cleanupIds(run)).toEqual([]);
    });
  });

  describe('previews of three events at the limit, with a list lagging 600 ms behind creates', () => {
    const THREE = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound'];
    const e2e = useBird({ service: 'channels', events: THREE.join('\n') }, { exposeSigningKeys, delayMs: 20, realClock: true, listLagMs: 600 });

    // The suite's backoff (5 ms a step) cannot outwait a 600 ms lag; 300 ms a step, under Bird's real 1 s, can.
    test('six new previews over 5 old ones: five complete, one fails, none partial, at a backoff of 300 ms a step', async () => {
      await sixOverFive(e2e, THREE, {}, [1, 2, 3, 4, 5], { BIRD_ACTION_TEST_RETRY_BASE_MS: '300' });
    });
  });

  describe('previews of three events at the limit, createdAt in whole seconds', () => {
    const THREE = ['sms.inbound', 'sms.outbound', 'whatsapp.inbound'];
    const e2e = useBird({ service: 'channels', events: THREE.join('\n') }, { exposeSigningKeys, delayMs: 20, realClock: true, wholeSecondCreatedAt: true });

    test('six new previews over 5 old ones: ties broken by URL, so still exactly one fails', async () => {
      await sixOverFive(e2e, THREE);
    });
  });

  describe("lists that lag for every round while another run deletes this run's copy", () => {
    const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: URL_ }, { exposeSigningKeys, realClock: true });

    test('the run lists once more and adopts the copy the other run keeps, rather than fail for an event with none', async () => {
      // The copy "another run" keeps: older, and not in any list this run takes before its last round.
      const kept = e2e.seed({ event: 'sms.inbound', eventFilters: [], createdAt: new Date(Date.now() - MINUTE).toISOString() });
      let lists = 0;
      e2e.bird.inject({
        method: 'GET',
        path: 'webhook-subscriptions',
        times: 50,
        run: () => {
          lists++;
          const own = [...e2e.bird.subscriptions.values()].filter((s) => s.id !== kept.id);
          if (lists <= 5) e2e.bird.leaveOutOfList(kept.id);
          // The settling lists (2 to 5, max-attempts of them) never show this run's own copies...
          if (lists >= 2 && lists <= 5) for (const s of own) e2e.bird.leaveOutOfList(s.id);
          // ...and just before the last of them, the other run deletes this run's sms.inbound copy.
          if (lists === 5) e2e.bird.subscriptions.delete(own.find((s) => s.event === 'sms.inbound')?.id ?? '');
        },
      });
      const run = await runAction('main', e2e.inputs({ cleanup: 'true' }));

      expect(run.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([]);
      expect(run.code).toBe(0);
      const whatsapp = [...e2e.bird.subscriptions.values()].find((s) => s.event === 'whatsapp.inbound');
      expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([kept.id, whatsapp?.id].sort());
      expect(outputIds(run)).toEqual([whatsapp?.id, kept.id]);
      expect(run.stdout).toMatch(/is gone: another run started together keeps an older copy/);
      expect(run.stdout).toContain(`keeping the oldest, ${kept.id}`);
      // Only what it created and still owns is saved for its post step.
      expect(cleanupIds(run)).toEqual([whatsapp?.id]);
    });
  });

  describe('a first list that leaves production out once', () => {
    const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: PROD }, { exposeSigningKeys, realClock: true });

    test('the step keeps production and its hand-set key where Bird shows it, deletes its own copy, and saves nothing', async () => {
      const handSet = 'hand-set-key-0123456789abcdef';
      const prod = e2e.seed({ event: EVENTS[0], eventFilters: [], signingKey: handSet, createdAt: new Date(Date.now() - 60 * MINUTE).toISOString() });
      e2e.bird.leaveOutOfList(prod.id);
      const run = await runAction('main', e2e.inputs({ cleanup: 'true' }));

      expect(run.code).toBe(0);
      const left = [...e2e.bird.subscriptions.values()];
      expect(left.map((s) => s.event).sort()).toEqual([...EVENTS].sort());
      const other = left.find((s) => s.event === EVENTS[1]);
      expect(run.outputs['subscription-id']).toBe(`${prod.id},${other?.id}`);
      expect(cleanupIds(run)).toEqual([other?.id]);
      if (exposeSigningKeys) {
        // The key Bird shows on production is the URL's key: never replaced, and this run's own subscription gets it.
        expect(e2e.bird.subscriptions.get(prod.id)?.signingKey).toBe(handSet);
        expect(other?.signingKey).toBe(handSet);
        expect(run.outputs['signing-key']).toBe(handSet);
        expect(e2e.calls().filter((c) => c === `PATCH ~/${prod.id}`)).toEqual([]);
      } else {
        // Hidden keys: the same as a run whose first list had shown production (the key rule's last step, re-asserted).
        const key = deriveSigningKey(e2e.bird.accessKey, { workspaceId: e2e.bird.workspaceId, url: PROD });
        expect(run.outputs['signing-key']).toBe(key);
        for (const s of left) expect(s.signingKey).toBe(key);
      }
    });
  });
});

describe("Bird's clock, ten minutes off either way", () => {
  const e2e = useBird({ service: 'channels', event: 'sms.inbound' }, { realClock: true, delayMs: 20 });

  test.each([10 * MINUTE, -10 * MINUTE])('skew %i ms: previews created a minute ago on Bird\'s clock are never evicted', async (skew) => {
    e2e.bird.clockSkewMs = skew;
    const birdAgo = (ms: number) => new Date(Date.now() + skew - ms).toISOString();
    e2e.seed({ url: PROD, eventFilters: [], createdAt: birdAgo(60 * MINUTE) });
    const fresh = [1, 2, 3, 4].map((n) => e2e.seed({ url: preview(n), eventFilters: [], createdAt: birdAgo(MINUTE) }));
    const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::Bird allows at most 5 subscriptions .*created less than 5 minutes ago/m);
    for (const s of fresh) expect(e2e.bird.subscriptions.has(s.id)).toBe(true);
    expect(e2e.calls()).toEqual(['GET ~']);
  });

  test.each([10 * MINUTE, -10 * MINUTE])('skew %i ms: a preview created ten minutes ago on Bird\'s clock is evicted', async (skew) => {
    e2e.bird.clockSkewMs = skew;
    const birdAgo = (ms: number) => new Date(Date.now() + skew - ms).toISOString();
    e2e.seed({ url: PROD, eventFilters: [], createdAt: birdAgo(60 * MINUTE) });
    const old = e2e.seed({ url: preview(1), eventFilters: [], createdAt: birdAgo(10 * MINUTE) });
    for (const n of [2, 3, 4]) e2e.seed({ url: preview(n), eventFilters: [], createdAt: birdAgo(MINUTE) });
    const run = await runAction('main', e2e.inputs({ url: preview(9), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(0);
    expect(run.outputs.evicted).toBe(old.id);
    expect(e2e.bird.subscriptions.size).toBe(5);
  });
});
