// End to end (issue 17): runs of dist/ started together against a Bird that answers slowly. The
// first lists of the runs are held until every run has sent its own (a barrier), so each run
// sees the same workspace and the race happens every time, not only when the machine is slow.
import { describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { runAction, useBird, type ActionRun } from './support/e2e.js';

const URL_ = 'https://pr-7.preview.shop.example.com/webhooks/bird';
const EVENTS = ['whatsapp.inbound', 'whatsapp.outbound', 'sms.inbound'];
const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;

/** What a run saved for its post step: the IDs, or none. */
const cleanupIds = (run: ActionRun): string[] => (run.state.cleanup ? (JSON.parse(run.state.cleanup) as { subscriptionIds: string[] }).subscriptionIds : []);
const createdBy = (run: ActionRun): string[] => [...run.stdout.matchAll(/^Created subscription (\S+) for /gm)].map((m) => m[1]);

describe.each([
  ['Bird shows keys', true],
  ['Bird hides keys', false],
])('runs started together, %s', (_mode, exposeSigningKeys) => {
  const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: URL_ }, { exposeSigningKeys, delayMs: 40 });

  test.each([2, 4])('%i runs for one URL and three events end with one subscription per event, all exit 0 with the same outputs', async (runs) => {
    e2e.bird.barrier({ method: 'GET', count: runs });
    const all = await Promise.all(Array.from({ length: runs }, () => runAction('main', e2e.inputs({ cleanup: 'true' }))));

    // The race happened: every run saw an empty workspace and created all three.
    for (const run of all) expect(createdBy(run)).toHaveLength(EVENTS.length);
    for (const run of all) expect(run.code).toBe(0);
    const left = [...e2e.bird.subscriptions.values()];
    expect(left.map((s) => s.event).sort()).toEqual([...EVENTS].sort());
    const ids = EVENTS.map((event) => left.find((s) => s.event === event)?.id);
    const key = deriveSigningKey(e2e.bird.accessKey, { workspaceId: e2e.bird.workspaceId, url: URL_ });
    for (const run of all) {
      expect(run.outputs['subscription-id']).toBe(ids.join(','));
      expect(run.outputs['signing-key']).toBe(key);
      expect(JSON.parse(run.outputs.subscriptions).map((s: { id: string }) => s.id)).toEqual(ids);
    }
    for (const s of left) expect(s.signingKey).toBe(key);
    // Each survivor is saved for cleanup by the one run that created it; nothing deleted is saved.
    const saved = all.flatMap(cleanupIds);
    expect([...saved].sort()).toEqual([...ids].sort());
    // Every copy a run deleted is named in its log, and the losers say which one they keep.
    const deletedIds = all.flatMap((run) => [...run.stdout.matchAll(/^Deleted subscription (\S+): an exact copy/gm)].map((m) => m[1]));
    const allCreated = all.flatMap(createdBy);
    expect([...new Set(deletedIds)].sort()).toEqual(allCreated.filter((id) => !ids.includes(id)).sort());

    // The post steps, started together as well, leave nothing.
    const posts = await Promise.all(all.map((run) => runAction('post', e2e.inputs({ cleanup: 'true' }), { state: run.state })));
    for (const post of posts) expect(post.code).toBe(0);
    for (const post of posts) expect(post.stdout).not.toContain('::warning::');
    expect(e2e.bird.subscriptions.size).toBe(0);
  });

  test('3 previews deploying together at the limit all succeed, evicting exactly the 3 oldest previews', async () => {
    const prod = e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: 'https://shop.example.com/webhooks/bird', eventFilters: [] });
    const old = [1, 2, 3, 4].map((n) => e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: preview(n), eventFilters: [] }));
    e2e.bird.barrier({ method: 'GET', count: 3 });
    const all = await Promise.all(
      [5, 6, 7].map((n) => runAction('main', e2e.inputs({ events: '', event: 'sms.inbound', url: preview(n), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }))),
    );

    for (const run of all) expect(run.code).toBe(0);
    // Every run saw the same five and planned to evict the same oldest preview; two had to look again.
    expect(all.filter((run) => run.stdout.includes('for its limit of five (another run took a slot); looking again')).length).toBeGreaterThan(0);
    const left = [...e2e.bird.subscriptions.values()];
    expect(left.map((s) => s.url).sort()).toEqual([prod.url, preview(4), preview(5), preview(6), preview(7)].sort());
    const evicted = all.flatMap((run) => (run.outputs.evicted ? run.outputs.evicted.split(',') : []));
    expect(evicted.sort()).toEqual(old.slice(0, 3).map((s) => s.id).sort());
    [5, 6, 7].forEach((n, i) => {
      expect(all[i].outputs['subscription-id']).toBe(left.find((s) => s.url === preview(n))?.id);
      expect(all[i].outputs.result).toBe('created');
    });
  });
});

describe('more previews at once than old previews to evict', () => {
  const e2e = useBird({ service: 'channels', event: 'sms.inbound' }, { delayMs: 40 });

  test("a run never evicts a preview another run has just created: it fails instead, and every new preview stays", async () => {
    const prod = e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: 'https://shop.example.com/webhooks/bird', eventFilters: [] });
    const old = [1, 2, 3, 4].map((n) => e2e.bird.seed({ service: 'channels', event: 'sms.inbound', url: preview(n), eventFilters: [] }));
    e2e.bird.barrier({ method: 'GET', count: 5 });
    const fresh = [5, 6, 7, 8, 9];
    // Tries enough for every run: only the rule can make one fail.
    const all = await Promise.all(
      fresh.map((n) => runAction('main', e2e.inputs({ url: preview(n), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', 'max-attempts': '8' }))),
    );

    const won = fresh.filter((_, i) => all[i].code === 0);
    const lost = all.filter((run) => run.code !== 0);
    expect(lost.length).toBeGreaterThan(0);
    for (const run of lost) expect(run.stdout).toMatch(/^::error::Bird refused the create \(HTTP 422\)\. .*Another run took a slot after this step looked; re-run the step to make room again\.$/m);
    const left = [...e2e.bird.subscriptions.values()].map((s) => s.url);
    // Every preview a run created is still there; only old previews were evicted, one per winner.
    expect(left.sort()).toEqual([prod.url, ...won.map(preview), ...old.filter((s) => left.includes(s.url)).map((s) => s.url)].sort());
    expect(left).toHaveLength(5);
    const evicted = all.flatMap((run) => (run.outputs.evicted ? run.outputs.evicted.split(',') : []));
    expect(evicted).toHaveLength(won.length);
    expect(old.map((s) => s.id)).toEqual(expect.arrayContaining(evicted));
  });
});

describe('healing what earlier races left', () => {
  const e2e = useBird({ service: 'channels', event: 'sms.outbound', url: URL_ }, { exposeSigningKeys: false });

  test('with if-exists: reuse, exact copies of the oldest are deleted and named in the log and the job summary', async () => {
    const [oldest, ...copies] = [1, 2, 3].map(() => e2e.seed());
    const other = e2e.seed({ url: preview(8) });
    const run = await runAction('main', e2e.inputs());

    expect(run.code).toBe(0);
    expect(e2e.calls().slice(0, 1)).toEqual(['GET ~']);
    expect(e2e.calls().slice(1).sort()).toEqual([`DELETE ~/${copies[0].id}`, `DELETE ~/${copies[1].id}`, `PATCH ~/${oldest.id}`].sort());
    expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([oldest.id, other.id].sort());
    for (const copy of copies) {
      expect(run.stdout).toContain(`Deleted subscription ${copy.id}: an exact copy (same URL, service, event and filters) of ${oldest.id}, which is older and is kept`);
      expect(run.summary).toContain(`Deleted ${copy.id}: an exact copy`);
    }
    expect(run.outputs).toMatchObject({ 'subscription-id': oldest.id, result: 'unchanged' });
    expect(run.stdout).not.toContain('::warning::');
  });

  test('a dry run says which copies it would delete, and deletes nothing', async () => {
    const [oldest, copy] = [1, 2].map(() => e2e.seed());
    const run = await runAction('main', e2e.inputs({ 'dry-run': 'true' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~']);
    expect(run.stdout).toContain(`Dry run: would delete subscription ${copy.id}: an exact copy (same URL, service, event and filters) of ${oldest.id}`);
    expect(run.summary).toContain(`Would delete ${copy.id}`);
  });

  test('if-exists: create keeps its meaning: another copy, nothing deleted, no settling', async () => {
    [1, 2].map(() => e2e.seed());
    const run = await runAction('main', e2e.inputs({ 'if-exists': 'create' }));

    expect(run.code).toBe(0);
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~']);
    expect(e2e.bird.subscriptions.size).toBe(3);
  });

  test('an unchanged run stays at one list; a run that creates lists twice more (settling, then confirming)', async () => {
    e2e.bird.exposeSigningKeys = true;
    const first = await runAction('main', e2e.inputs());
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    const from = e2e.bird.requests.length;
    const again = await runAction('main', e2e.inputs());
    expect(e2e.calls(from)).toEqual(['GET ~']);
    expect(again.outputs['subscription-id']).toBe(first.outputs['subscription-id']);
  });
});

describe('when the settling list fails', () => {
  const e2e = useBird({ service: 'channels', events: EVENTS.join('\n'), url: URL_ });

  test('what was created still becomes outputs and cleanup state', async () => {
    e2e.bird.inject({ method: 'GET', skip: 1, status: 400 });
    const run = await runAction('main', e2e.inputs({ cleanup: 'true' }));

    expect(run.code).toBe(1);
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'POST ~', 'POST ~', 'GET ~']);
    const ids = EVENTS.map((event) => [...e2e.bird.subscriptions.values()].find((s) => s.event === event)?.id);
    expect(run.outputs['subscription-id']).toBe(ids.join(','));
    expect([...cleanupIds(run)].sort()).toEqual([...ids].sort());
    expect(run.stdout).toMatch(/^::error::Bird answered HTTP 400 to GET .* \(done: whatsapp\.inbound created, whatsapp\.outbound created, sms\.inbound created\)$/m);
  });
});
