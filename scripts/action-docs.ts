// The README's inputs and outputs tables, and src/plan/declared-inputs.ts (the input names, for the
// warning about undeclared inputs outside the runner), generated from action.yml so they cannot
// drift: `npm run docs` rewrites them, and a test fails when either differs from what this renders.
// No relative imports: Node runs it as is, and the tests import it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();

export function renderInputs(actionYml: string): string {
  const { inputs } = parse(actionYml) as ActionMetadata;
  const rows = Object.entries(inputs).map(([name, spec]) => {
    const fallback = spec.default === undefined || spec.default === '' ? '' : `\`${spec.default}\``;
    return `| \`${name}\` | ${spec.required ? 'yes' : 'no'} | ${fallback} | ${cell(spec.description)} |`;
  });
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function renderOutputs(actionYml: string): string {
  const { outputs } = parse(actionYml) as ActionMetadata;
  const rows = Object.entries(outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

/** Replaces what stands between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceSection(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
  return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}

export function renderReadme(readme: string, actionYml: string): string {
  return replaceSection(replaceSection(readme, 'inputs', renderInputs(actionYml)), 'outputs', renderOutputs(actionYml));
}

/** src/plan/declared-inputs.ts: the names of action.yml's inputs, so the action needs no YAML parser. */
export function renderDeclaredInputs(actionYml: string): string {
  const { inputs } = parse(actionYml) as ActionMetadata;
  return [
    '// Generated from action.yml by `npm run docs` (scripts/action-docs.ts); a test fails when it differs.',
    '// The names of the inputs action.yml declares, for the warning about undeclared ones outside the runner.',
    `export const DECLARED_INPUTS: readonly string[] = ${JSON.stringify(Object.keys(inputs), null, 2).replace(/"/g, "'").replace(/'\n\]$/, "',\n]")};`,
    '',
  ].join('\n');
}

// import.meta.main, not a file:// URL built from argv[1]: that comparison never matches on Windows.
if (import.meta.main) {
  const root = join(import.meta.dirname, '..');
  const readmePath = join(root, 'README.md');
  const updated = renderReadme(readFileSync(readmePath, 'utf8'), readFileSync(join(root, 'action.yml'), 'utf8'));
  writeFileSync(readmePath, updated);
  const actionYml = readFileSync(join(root, 'action.yml'), 'utf8');
  writeFileSync(join(root, 'src', 'plan', 'declared-inputs.ts'), renderDeclaredInputs(actionYml));
  console.log('README.md: inputs and outputs tables, and src/plan/declared-inputs.ts, regenerated from action.yml');
}
