// The floors for `npm run bench`. A floor loads only @actions/core and undici (with its own Agent,
// as the action has), reads the same inputs, sends the same requests as the action does on the path
// BENCH_FLOOR_PATH names, and sets an output. Bundled by ncc like the action. Two entries pass
// undici in:
//   bench-floor-undici.ts, the minimal script as anyone would write it, on undici's whole index:
//     the floor the 1.05x target is measured against;
//   bench-floor-parts.ts, the same script on the parts of undici the action loads
//     (src/bird/undici.ts): the least any action doing this job must load and do, so what
//     separates it from the action is our own code alone (no target; the bench reports it).
// Only ncc bundles these files (npm run bench), never Node directly: their imports are spelt .js.
import * as core from '@actions/core';
import type * as Parts from '../src/bird/undici.js';

export async function runFloor({ Agent, request }: Pick<typeof Parts, 'Agent' | 'request'>): Promise<void> {
  const key = core.getInput('access-key');
  core.setSecret(key);
  const base = `${core.getInput('api-url').replace(/\/+$/, '')}/workspaces/${core.getInput('workspace-id')}/webhook-subscriptions`;
  const headers = { authorization: `AccessKey ${key}`, accept: 'application/json', 'content-type': 'application/json' };
  const dispatcher = new Agent();

  type Found = { id: string; event: string; url: string }[];
  const list = async () => ((await (await request(`${base}?limit=100`, { method: 'GET', headers, dispatcher })).body.json()) as { results: Found }).results;
  const create = async () => {
    const body = JSON.stringify({ service: core.getInput('service'), event: core.getInput('event'), url: core.getInput('url'), signingKey: 'K'.repeat(44) });
    return ((await (await request(base, { method: 'POST', headers, body, dispatcher })).body.json()) as { id: string }).id;
  };

  // The request sequence of each path, as the action sends it. A fresh create: the list, the create,
  // the settling list, and after the same pause on purpose (the bench passes its length; every time
  // leaves it out) the confirming list, so that runs started together settle on one subscription.
  const pauseMs = Number(process.env.BENCH_FLOOR_PAUSE_MS ?? 0) + Math.random() * Number(process.env.BENCH_FLOOR_JITTER_MS ?? 0);
  const PATHS: Record<string, () => Promise<string>> = {
    create: async () => {
      await list();
      const id = await create();
      await list();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await list();
      return id;
    },
    unchanged: async () => {
      const found = await list();
      return found.find((s) => s.event === core.getInput('event') && s.url === core.getInput('url'))?.id ?? '';
    },
  };

  const path = process.env.BENCH_FLOOR_PATH ?? 'create';
  const id = await (PATHS[path] ?? PATHS.create)();
  core.setOutput('subscription-id', id);
  core.info(`${path}: ${id}`);
}
