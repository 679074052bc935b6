// `npm run build`: bundles src/index.ts with ncc into dist/ (one bundle for both steps, so one copy
// of @actions/core and undici; each step's code and the toolkit are chunks loaded on demand),
// writes the runner's two thin entries dist/main.js and dist/post.js, checks from the webpack
// stats that no module landed in two chunks, and writes dist/licenses.txt (scripts/licenses.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripComments } from './strip-comments.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const stats = join(root, 'build', 'stats.json');

rmSync(dist, { recursive: true, force: true });
rmSync(join(root, 'build'), { recursive: true, force: true });
mkdirSync(join(root, 'build'));
execFileSync(join(root, 'node_modules', '.bin', 'ncc'), ['build', 'src/index.ts', '-o', 'dist', '--stats-out', stats], { cwd: root, stdio: 'inherit' });

// The runner starts these (action.yml runs.main and runs.post). The post step runs after every
// job that used the action, cleanup or not; the runner hands the main step's saved state over as
// STATE_<name>, so without cleanup state (src/steps/state.ts CLEANUP_STATE) it ends before
// loading the bundle.
const header = '// Written by scripts/build.ts: the runner starts this file; the code is in the shared bundle index.js.\n';
writeFileSync(join(dist, 'main.js'), `${header}import { main } from './index.js';\n\nawait main();\n`);
writeFileSync(
  join(dist, 'post.js'),
  `${header}// Without the main step's cleanup state there is nothing to do: end before loading anything.\n` +
    `if (process.env.STATE_cleanup) {\n  const { post } = await import('./index.js');\n  await post();\n}\n`,
);

type StatsModule = { name?: string; chunks?: (string | number)[] };
type StatsChunk = { id: string | number; files?: string[] };
const { modules = [], chunks = [] } = JSON.parse(readFileSync(stats, 'utf8')) as { modules?: StatsModule[]; chunks?: StatsChunk[] };
// A module in two chunks would be a second copy of it in dist/.
const twice = modules.filter((m) => (m.chunks?.length ?? 0) > 1).map((m) => m.name);
if (twice.length > 0) throw new Error(`modules bundled into more than one chunk: ${twice.join(', ')}`);

// Both steps load only the parts of undici they use (src/bird/undici.ts, via tsconfig.json's paths):
// its whole index, about a fifth of a step's start, is a chunk of its own for @actions/github's fetch.
const stepChunks = [...readFileSync(join(dist, 'index.js'), 'utf8').matchAll(/__nccwpck_require__\.e\((\d+)\)/g)].map((m) => String(m[1]));
const undiciIndex = modules.find((m) => m.name === './node_modules/undici/index.js');
const loadedWithStep = (undiciIndex?.chunks ?? []).filter((c) => stepChunks.includes(String(c)));
if (stepChunks.length === 0 || loadedWithStep.length > 0) {
  throw new Error(`undici's whole index is loaded with the step (chunks ${loadedWithStep.join(', ') || 'not found'}): does tsconfig.json still map 'undici' to src/bird/undici.ts?`);
}

// Chunks that hold only third-party packages lose their comments (scripts/strip-comments.ts): the
// download shrinks by about a fifth; our own code keeps its comments for review.
for (const chunk of chunks) {
  const inside = modules.filter((m) => m.chunks?.includes(chunk.id));
  if (inside.length === 0 || !inside.every((m) => m.name?.includes('node_modules/') || m.name?.startsWith('external '))) continue;
  for (const file of chunk.files ?? []) {
    const path = join(dist, file);
    writeFileSync(path, stripComments(readFileSync(path, 'utf8')));
    console.log(`dist/${file}: third-party code only, comments removed`);
  }
}

execFileSync(process.execPath, [join(root, 'scripts', 'licenses.ts'), stats], { cwd: root, stdio: 'inherit' });
