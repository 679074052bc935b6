// The floor for `npm run bench`: the least any action doing this job must load and do. It loads
// only @actions/core and undici, reads the same inputs, sends the same requests as the action does
// for a fresh subscription (the list, the create, and the list the action sends after a create so
// that runs started together settle on one subscription) and sets an output. Bundled by ncc like
// the action, so the difference is our own code and nothing else.
import * as core from '@actions/core';
import { request } from 'undici';

const key = core.getInput('access-key');
core.setSecret(key);
const base = `${core.getInput('api-url').replace(/\/+$/, '')}/workspaces/${core.getInput('workspace-id')}/webhook-subscriptions`;
const headers = { authorization: `AccessKey ${key}`, accept: 'application/json', 'content-type': 'application/json' };

const list = async () => ((await (await request(`${base}?limit=100`, { headers })).body.json()) as { results: unknown[] }).results;
const before = await list();
const created = await request(base, {
  method: 'POST',
  headers,
  body: JSON.stringify({ service: core.getInput('service'), event: core.getInput('event'), url: core.getInput('url'), signingKey: 'K'.repeat(44) }),
});
const { id } = (await created.body.json()) as { id: string };
const after = await list();
core.setOutput('subscription-id', id);
core.info(`listed ${before.length}, created ${id}, listed ${after.length}`);
