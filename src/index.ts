// The one bundle both steps share (dist/index.js), so dist/ holds one copy of the toolkit. The
// runner starts the thin entries dist/main.js and dist/post.js (written by scripts/build.ts),
// which call these; each step's code is a chunk loaded only when that step runs.
export async function main(): Promise<void> {
  const { run } = await import('./main.js');
  await run();
}

export async function post(): Promise<void> {
  const { run } = await import('./post.js');
  await run();
}
