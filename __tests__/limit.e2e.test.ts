// End to end (issue 10): preview environments past Bird's limit of five, against a server that
// enforces the limit as Bird does: pre-flight, when-full: evict-oldest, sweeps and dry runs.
import { describe, expect, test } from '@jest/globals';
import { errorLine, leaks, runAction, useBird } from './support/e2e.js';

const PATTERN = 'https://pr-*.preview.shop.example.com/webhooks/bird';
const preview = (n: number) => `https://pr-${n}.preview.shop.example.com/webhooks/bird`;
const e2e = useBird({ service: 'channels', event: 'sms.inbound' });
const { inputs, calls } = e2e;
const seedPreview = (n: number, url = preview(n)) => e2e.seed({ url, eventFilters: [] });

describe('pre-flight', () => {
  test('a sixth preview with when-full: fail sends no POST and names the five occupants, oldest first', async () => {
    const five = [1, 2, 3, 4, 5].map((n) => seedPreview(n));
    const run = await runAction('main', inputs({ url: preview(6) }));

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~']);
    const occupants = five.map((s) => `${s.id} (${s.url})`).join(', ');
    expect(errorLine(run)).toBe(
      `::error::Bird allows at most 5 subscriptions for channels sms.inbound with no filters (same service, event and filters, whatever the URL); occupied by, oldest first: ${occupants}. ` +
        'Delete one that is no longer needed, or let this step evict the oldest of its own with url-pattern and when-full: evict-oldest.',
    );
    expect(run.outputs).toEqual({});
  });

  test("Bird's own 422 (another run took the slot meanwhile) gives the same message", async () => {
    [1, 2, 3, 4].map((n) => seedPreview(n));
    // After the pre-flight list, someone else takes the fifth slot just before the create arrives.
    e2e.bird.inject({ method: 'POST', run: () => void seedPreview(99, 'https://elsewhere.example.com/hook') });
    const run = await runAction('main', inputs({ url: preview(6) }));

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~', 'POST ~', 'GET ~']);
    expect(errorLine(run)).toMatch(/^::error::Bird refused the create \(HTTP 422\)\. Bird allows at most 5 subscriptions for channels sms\.inbound with no filters .*occupied by, oldest first: .*https:\/\/elsewhere\.example\.com\/hook\)\. Another run took a slot after this step looked; re-run the step\.$/);
  });

  test('re-running an existing preview needs no room', async () => {
    [1, 2, 3, 4, 5].map((n) => seedPreview(n));
    const run = await runAction('main', inputs({ url: preview(3) }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('unchanged');
  });
});

describe('when-full: evict-oldest', () => {
  test('evicts the oldest preview inside the pattern; the oldest overall, outside it, survives', async () => {
    const prod = seedPreview(0, 'https://prod.shop.example.com/webhooks/bird');
    const previews = [1, 2, 3, 4].map((n) => seedPreview(n));
    const run = await runAction('main', inputs({ url: preview(6), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', `DELETE ~/${previews[0].id}`, 'POST ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.subscriptions.has(prod.id)).toBe(true);
    expect(e2e.bird.subscriptions.has(previews[0].id)).toBe(false);
    expect(run.outputs).toMatchObject({ evicted: previews[0].id, result: 'created' });
    expect(run.stdout).toContain(`evicted the oldest subscription matching url-pattern, ${previews[0].id}, so ${preview(1)} no longer receives these events`);
    expect(run.summary).toContain(`Evicted ${previews[0].id} to make room under Bird's limit of five: ${preview(1)} no longer receives sms.inbound`);
    expect(leaks(run, e2e.bird.accessKey)).toEqual([]);
  });

  test('nothing inside the pattern: nothing is deleted, and the message says why', async () => {
    [1, 2, 3, 4, 5].map((n) => seedPreview(n, `https://team-${n}.example.com/hook`));
    const run = await runAction('main', inputs({ url: preview(6), 'url-pattern': PATTERN, 'when-full': 'evict-oldest' }));

    expect(run.code).toBe(1);
    expect(calls()).toEqual(['GET ~']);
    expect(e2e.bird.subscriptions.size).toBe(5);
    expect(errorLine(run)).toContain(`None of them matches url-pattern '${PATTERN}', so none was evicted`);
  });

  test.each([
    ['https://**', "Input 'url-pattern' must not use '**' in the host"],
    ['https://*.com/**', "Input 'url-pattern' must name its host down to at least 2 literal labels"],
    ['http://pr-*.preview.shop.example.com/**', "Input 'url-pattern' must start with https://"],
  ])('a broad pattern %s is refused with zero requests', async (pattern, message) => {
    const run = await runAction('main', inputs({ url: preview(6), 'url-pattern': pattern, 'when-full': 'evict-oldest' }));
    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toEqual([]);
    expect(errorLine(run)).toContain(message);
  });

  test('evict-oldest without url-pattern is refused with zero requests', async () => {
    const run = await runAction('main', inputs({ url: preview(6), 'when-full': 'evict-oldest' }));
    expect(run.code).toBe(1);
    expect(e2e.bird.requests).toEqual([]);
    expect(errorLine(run)).toContain("Input 'when-full' 'evict-oldest' needs url-pattern");
  });
});

describe('sweep: state absent with url-pattern', () => {
  test('deletes what the pattern matches, except keep-urls, narrowed by event', async () => {
    const open = seedPreview(1);
    const closed = seedPreview(2);
    const closedOutbound = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: preview(2) });
    const prod = seedPreview(0, 'https://prod.shop.example.com/webhooks/bird');
    const sweep = { state: 'absent', 'url-pattern': PATTERN, 'keep-urls': `${preview(1)}\n`, service: '', event: '' };

    const narrowed = await runAction('main', inputs({ ...sweep, event: 'sms.outbound' }));
    expect(narrowed.code).toBe(0);
    expect(narrowed.outputs).toMatchObject({ 'subscription-id': closedOutbound.id, result: 'deleted' });

    const run = await runAction('main', inputs(sweep));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'subscription-id': closed.id, result: 'deleted' });
    expect([...e2e.bird.subscriptions.keys()].sort()).toEqual([open.id, prod.id].sort());

    const again = await runAction('main', inputs(sweep));
    expect(again.outputs).toMatchObject({ 'subscription-id': '', result: 'not-found' });
    expect(again.stdout).toContain(`No subscription matches url-pattern '${PATTERN}' outside keep-urls; nothing to delete`);
  });
});

describe('dry-run: only GET requests, in every mode', () => {
  test('present: would create, would evict, outputs nothing secret', async () => {
    const previews = [1, 2, 3, 4, 5].map((n) => seedPreview(n));
    const run = await runAction('main', inputs({ url: preview(6), 'url-pattern': PATTERN, 'when-full': 'evict-oldest', 'dry-run': 'true' }));

    expect(run.code).toBe(0);
    expect(e2e.bird.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(e2e.bird.subscriptions.size).toBe(5);
    expect(run.outputs).toMatchObject({ result: 'created', 'subscription-id': '', 'signing-key': '', evicted: previews[0].id });
    expect(run.stdout).toContain(`Dry run: would evict ${previews[0].id} (${preview(1)})`);
    expect(run.stdout).toContain('Result: created (dry run: nothing was changed)');
    expect(run.stdout).not.toContain('::add-mask::'.concat('K'));
    expect(run.summary).toContain('<strong>Dry run</strong>');
    expect(run.summary).toContain('(would be created)');
  });

  test('present: an inactive match would be updated; the existing ID is output', async () => {
    const existing = seedPreview(1);
    existing.status = 'inactive';
    const run = await runAction('main', inputs({ url: preview(1), 'dry-run': 'true' }));

    expect(calls()).toEqual(['GET ~']);
    expect(run.outputs).toMatchObject({ result: 'updated', 'subscription-id': existing.id, 'signing-key': '' });
    expect(run.stdout).toContain(`Dry run: would update status of subscription ${existing.id}`);
    expect(e2e.bird.subscriptions.get(existing.id)?.status).toBe('inactive');
  });

  test('absent by identity, by ID and sweep: nothing is deleted', async () => {
    const a = seedPreview(1);
    const b = seedPreview(2);
    const byIdentity = await runAction('main', inputs({ url: preview(1), state: 'absent', 'dry-run': 'true' }));
    const byId = await runAction('main', { ...inputs({ state: 'absent', 'subscription-id': b.id, 'dry-run': 'true' }), service: '', event: '' });
    const sweep = await runAction('main', inputs({ state: 'absent', 'url-pattern': PATTERN, service: '', event: '', 'dry-run': 'true' }));

    expect(e2e.bird.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    expect(calls()).toEqual(['GET ~', `GET ~/${b.id}`, 'GET ~']);
    expect(e2e.bird.subscriptions.size).toBe(2);
    expect(byIdentity.outputs).toMatchObject({ result: 'deleted', 'subscription-id': a.id });
    expect(byId.outputs).toMatchObject({ result: 'deleted', 'subscription-id': b.id });
    expect(sweep.outputs).toMatchObject({ result: 'deleted', 'subscription-id': `${a.id},${b.id}` });
    expect(sweep.stdout).toContain(`Dry run: would delete subscription ${a.id}`);
  });
});
