// End to end (issue 13): one step converges a set of events to one URL.
import { describe, expect, test } from '@jest/globals';
import { deriveSigningKey } from '../src/plan/signing-key.js';
import { leaks, runAction, useBird } from './support/e2e.js';

const URL_ = 'https://pr-7.preview.shop.example.com/webhooks/bird';
const EVENTS = ['whatsapp.inbound', 'whatsapp.outbound', 'sms.inbound'];
const e2e = useBird({ service: 'channels', events: `${EVENTS.join('\n')}\n`, url: URL_ }, { exposeSigningKeys: false });
const { inputs, calls } = e2e;
const idOf = (event: string) => [...e2e.bird.subscriptions.values()].find((s) => s.event === event && s.url === URL_)?.id;

describe('events', () => {
  test('three events: one list, three creates, one shared key; the re-run writes nothing', async () => {
    const first = await runAction('main', inputs());

    expect(first.code).toBe(0);
    // The creates run together (issue 20), then the settling list (issue 17).
    expect(calls()).toEqual(['GET ~', 'POST ~', 'POST ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.requests.slice(1, 4).map((r) => (r.body as { event: string }).event).sort()).toEqual([...EVENTS].sort());
    const key = deriveSigningKey(e2e.bird.accessKey, { workspaceId: e2e.bird.workspaceId, url: URL_ });
    expect(e2e.bird.requests.slice(1, 4).map((r) => (r.body as { signingKey: string }).signingKey)).toEqual([key, key, key]);
    const ids = EVENTS.map(idOf);
    expect(first.outputs).toMatchObject({ 'subscription-id': ids.join(','), 'signing-key': key, result: 'created', status: 'active,active,active' });
    expect(JSON.parse(first.outputs.subscriptions)).toEqual(EVENTS.map((event, i) => ({ event, id: ids[i], url: URL_, status: 'active', result: 'created' })));
    for (const id of ids) expect(first.summary).toContain(`<td>${id}</td>`);
    expect(leaks(first, key)).toEqual([]);

    const from = e2e.bird.requests.length;
    e2e.bird.exposeSigningKeys = true;
    const second = await runAction('main', inputs());
    expect(calls(from)).toEqual(['GET ~']);
    expect(second.outputs).toMatchObject({ 'subscription-id': ids.join(','), 'signing-key': key, result: 'unchanged' });
  });

  test('an event added to the list creates only that one', async () => {
    await runAction('main', inputs({ events: EVENTS.slice(0, 2).join('\n') }));
    const from = e2e.bird.requests.length;
    e2e.bird.exposeSigningKeys = true;
    const run = await runAction('main', inputs());

    expect(calls(from)).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    expect((e2e.bird.requests[from + 1].body as { event: string }).event).toBe('sms.inbound');
    expect(run.outputs.result).toBe('created');
    expect(JSON.parse(run.outputs.subscriptions).map((s: { result: string }) => s.result)).toEqual(['unchanged', 'unchanged', 'created']);
  });

  test('a subscription of the set whose key Bird shows gives the key to the rest', async () => {
    e2e.bird.exposeSigningKeys = true;
    const existing = e2e.bird.seed({ service: 'channels', event: 'whatsapp.outbound', url: URL_, signingKey: 'key-set-by-hand' });
    const run = await runAction('main', inputs());

    expect(run.code).toBe(0);
    expect(calls()).toEqual(['GET ~', 'POST ~', 'POST ~', 'GET ~', 'GET ~']);
    expect(e2e.bird.requests.slice(1, 3).map((r) => (r.body as { signingKey: string }).signingKey)).toEqual(['key-set-by-hand', 'key-set-by-hand']);
    expect(run.outputs['signing-key']).toBe('key-set-by-hand');
    expect(JSON.parse(run.outputs.subscriptions)[1]).toEqual({ event: 'whatsapp.outbound', id: existing.id, url: existing.url, status: 'active', result: 'unchanged' });
  });

  test('state: absent deletes the subscriptions of every listed event', async () => {
    await runAction('main', inputs());
    const other = e2e.bird.seed({ service: 'channels', event: 'sms.outbound', url: URL_ });
    const ids = EVENTS.map(idOf);
    const run = await runAction('main', inputs({ state: 'absent' }));

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'subscription-id': ids.join(','), result: 'deleted' });
    expect([...e2e.bird.subscriptions.keys()]).toEqual([other.id]);
  });

  test('cleanup: true deletes what the run created and leaves what it reused', async () => {
    e2e.bird.exposeSigningKeys = true;
    const reused = e2e.bird.seed({ service: 'channels', event: 'whatsapp.inbound', url: URL_, signingKey: 'stored-key-1' });
    const main = await runAction('main', inputs({ cleanup: 'true' }));
    const created = [idOf('whatsapp.outbound'), idOf('sms.inbound')];
    // Saved as the creates come back, which run together.
    expect(JSON.parse(main.state.cleanup).subscriptionIds.sort()).toEqual([...created].sort());

    const from = e2e.bird.requests.length;
    const post = await runAction('post', inputs({ cleanup: 'true' }), { state: main.state });
    expect(post.code).toBe(0);
    expect(calls(from).sort()).toEqual(created.map((id) => `DELETE ~/${id}`).sort());
    expect([...e2e.bird.subscriptions.keys()]).toEqual([reused.id]);
  });

  test('a refused third create fails naming the event, after outputs and cleanup state for the first two; a re-run completes the set', async () => {
    e2e.bird.inject({ method: 'POST', status: 400, when: (r) => (r.body as { event?: string } | undefined)?.event === 'sms.inbound' });
    const first = await runAction('main', inputs({ cleanup: 'true' }));

    expect(first.code).toBe(1);
    const done = [idOf('whatsapp.inbound'), idOf('whatsapp.outbound')];
    expect(first.stdout).toMatch(/::error::Event sms\.inbound: Bird answered HTTP 400 to POST .* \(done: whatsapp\.inbound created, whatsapp\.outbound created\)/);
    expect(first.outputs).toMatchObject({ 'subscription-id': done.join(','), result: 'created' });
    expect(JSON.parse(first.outputs.subscriptions).map((s: { event: string }) => s.event)).toEqual(['whatsapp.inbound', 'whatsapp.outbound']);
    expect(JSON.parse(first.state.cleanup).subscriptionIds.sort()).toEqual([...done].sort());

    const from = e2e.bird.requests.length;
    const second = await runAction('main', inputs());
    expect(second.code).toBe(0);
    expect(calls(from)[0]).toBe('GET ~');
    expect(calls(from).slice(1, 4).sort()).toEqual(['PATCH ~/' + done[0], 'PATCH ~/' + done[1], 'POST ~'].sort());
    expect(calls(from).slice(4)).toEqual(['GET ~', 'GET ~']);
    expect(second.outputs.result).toBe('created');
    expect(e2e.bird.subscriptions.size).toBe(3);
  });

  test('event and events together, or a repeated event, are refused before any request', async () => {
    const both = await runAction('main', inputs({ event: 'sms.inbound' }));
    const repeated = await runAction('main', inputs({ events: 'sms.inbound\nsms.inbound' }));
    expect(both.code).toBe(1);
    expect(both.stdout).toContain("::error::Input 'events' cannot be combined with 'event'");
    expect(repeated.stdout).toContain("::error::Input 'events' lists 'sms.inbound' twice");
    expect(e2e.bird.requests).toEqual([]);
  });

  test('dry run of a set: one list, nothing written, what would happen per event', async () => {
    e2e.bird.exposeSigningKeys = true;
    e2e.bird.seed({ service: 'channels', event: 'whatsapp.inbound', url: URL_, signingKey: 'stored-key-1' });
    const run = await runAction('main', inputs({ 'dry-run': 'true' }));

    expect(calls()).toEqual(['GET ~']);
    expect(JSON.parse(run.outputs.subscriptions).map((s: { result: string }) => s.result)).toEqual(['unchanged', 'created', 'created']);
    expect(run.outputs).toMatchObject({ result: 'created', 'signing-key': '' });
  });
});
