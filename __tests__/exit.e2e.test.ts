// End to end: a step ends when its work is done. undici parses HTTP with a WebAssembly module; left
// to itself V8 starts optimising that parser with TurboFan after a few answers, and the process
// cannot exit until that background job is done (tens of ms, more on a busy machine). The step keeps
// the parser on the baseline compiler (src/bird/wasm-tiering.ts): V8's own trace shows no TurboFan job.
import { describe, expect, test } from '@jest/globals';
import { runAction, useBird } from './support/e2e.js';

const TRACE = ['--trace-wasm-compilation-times'];
const compiledWith = (stdout: string, compiler: string) => stdout.split('\n').filter((l) => l.startsWith('Compiled function') && l.includes(`using ${compiler}`));

describe('the wait at exit', () => {
  const e2e = useBird();

  test('a create (four answers) never starts optimising the HTTP parser, so nothing is left to wait for at exit', async () => {
    const run = await runAction('main', e2e.inputs(), { nodeArgs: TRACE });

    expect(run.code).toBe(0);
    // The list, the create, the settling list and the confirming list.
    expect(e2e.calls()).toEqual(['GET ~', 'POST ~', 'GET ~', 'GET ~']);
    // The trace works (the parser was compiled, by the baseline compiler) and shows no tier-up.
    expect(compiledWith(run.stdout, 'Liftoff').length).toBeGreaterThan(0);
    expect(compiledWith(run.stdout, 'TurboFan')).toEqual([]);
  });

  test('nor does a post step deleting ten', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => e2e.seed({ url: `https://pr-${i}.preview.shop.example.com/webhooks/bird` }).id);
    const post = await runAction('post', e2e.inputs({ cleanup: 'true' }), { nodeArgs: TRACE, state: { cleanup: JSON.stringify({ subscriptionIds: ids }) } });

    expect(post.code).toBe(0);
    expect(e2e.bird.subscriptions.size).toBe(0);
    expect(compiledWith(post.stdout, 'Liftoff').length).toBeGreaterThan(0);
    expect(compiledWith(post.stdout, 'TurboFan')).toEqual([]);
  });
});
