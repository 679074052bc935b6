// `npm run build`: bundles src/index.ts with ncc into dist/ (one bundle for both steps, so one copy
// of @actions/core and undici; each step's code and the toolkit are chunks loaded on demand),
// writes the runner's two thin entries dist/main.js and dist/post.js, checks from the webpack
// stats that no module landed in two chunks and that only the parts of undici the action uses load
// with a step (src/bird/undici.ts), and writes dist/licenses.txt (scripts/licenses.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripComments } from './strip-comments.ts';
import { undiciImports } from './undici-imports.ts';

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

type StatsModule = { name?: string; chunks?: (string | number)[]; modules?: StatsModule[]; providedExports?: string[] };
type StatsChunk = { id: string | number; files?: string[]; origins?: { moduleName?: string; loc?: string }[] };
const { modules = [], chunks = [] } = JSON.parse(readFileSync(stats, 'utf8')) as { modules?: StatsModule[]; chunks?: StatsChunk[] };
// A module in two chunks would be a second copy of it in dist/.
const twice = modules.filter((m) => (m.chunks?.length ?? 0) > 1).map((m) => m.name);
if (twice.length > 0) throw new Error(`modules bundled into more than one chunk: ${twice.join(', ')}`);

// Both steps load only the parts of undici they use (src/bird/undici.ts, via tsconfig.json's paths):
// its whole index, about a fifth of a step's start, is a chunk loaded only by that file's fetch (for
// @actions/github). Any other way to it (a static import anywhere, another import()) fails the build.
const undiciIndex = modules.find((m) => m.name === './node_modules/undici/index.js');
const indexChunks = chunks.filter((c) => undiciIndex?.chunks?.includes(c.id));
const otherWays = indexChunks.flatMap((c) => c.origins ?? []).filter((o) => o.moduleName !== './src/bird/undici.ts');
if (!undiciIndex || indexChunks.length === 0 || otherWays.length > 0) {
  const ways = otherWays.map((o) => `${o.moduleName ?? 'an entry'} ${o.loc ?? ''}`).join(', ');
  throw new Error(`undici's whole index is loaded other than by src/bird/undici.ts's fetch (${ways || 'not found'}): does tsconfig.json still map 'undici' to src/bird/undici.ts?`);
}
// Each bundled package that imports 'undici' gets those parts: every name it takes must be one
// src/bird/undici.ts exports, or it would be undefined at run time (webpack says nothing).
const parts = new Set(modules.find((m) => m.name === './src/bird/undici.ts')?.providedExports ?? []);
const packageFiles = new Set(
  modules
    .flatMap((m) => [m, ...(m.modules ?? [])])
    .map((m) => m.name ?? '')
    .filter((name) => name.startsWith('./node_modules/') && !name.startsWith('./node_modules/undici/') && /\.[cm]?js$/.test(name)),
);
const unmet: string[] = [];
for (const file of packageFiles) {
  const { names, unchecked } = undiciImports(readFileSync(join(root, file), 'utf8'));
  if (unchecked) unmet.push(`${file} imports undici in a form this check cannot read`);
  for (const name of names) if (!parts.has(name)) unmet.push(`${file} takes ${name}`);
}
if (unmet.length > 0) throw new Error(`src/bird/undici.ts lacks what bundled packages take from 'undici': ${unmet.join('; ')}`);

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
