// Written by scripts/build.ts: the runner starts this file; the code is in the shared bundle index.js.
// Without the main step's cleanup state there is nothing to do: end before loading anything.
if (process.env.STATE_cleanup) {
  const { post } = await import('./index.js');
  await post();
}
