// The job summary: what the step did, one row per subscription. Never a key.
import { appendFileSync } from 'node:fs';
import type { context as githubContext } from '@actions/github';
import type { Summary } from './core.js';
import type { Outcome } from './ensure.js';
import type { ActionInputs } from '../plan/inputs.js';
import { summaryCell as cell } from '../text.js';

export async function writeSummary(summary: Summary, inputs: ActionInputs, outcome: Outcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const head = (text: string) => ({ data: text, header: true });
  const rows = outcome.items.map((item) => [
    cell(item.event || item.subscription?.event || '-'),
    cell(item.result),
    item.id ? cell(item.id) : outcome.dryRun ? '(would be created)' : '-',
    cell(item.subscription?.url || inputs.url || '-'),
    cell(item.subscription?.status || '-'),
  ]);
  const lines: string[] = [];
  if (outcome.dryRun) lines.push('<strong>Dry run</strong>: only read requests were sent; nothing was created, changed or deleted.');
  lines.push(`Result: <strong>${cell(outcome.result)}</strong>${inputs.service ? ` for service ${cell(inputs.service)}` : ''}`);
  const filters = inputs.eventFilters?.map((f) => `${f.key}=${f.value}`).join(', ');
  if (filters) lines.push(`Event filters: ${cell(filters)}`);
  for (const victim of outcome.evicted) {
    lines.push(`${outcome.dryRun ? 'Would evict' : 'Evicted'} ${cell(victim.id)} to make room under Bird's limit of five: ${cell(victim.url)} ${outcome.dryRun ? 'would no longer receive' : 'no longer receives'} ${cell(victim.event)}`);
  }
  for (const removal of outcome.removed) {
    lines.push(`${outcome.dryRun ? 'Would delete' : 'Deleted'} ${cell(removal.subscription.id)}: ${cell(removal.reason, 400)}`);
  }
  let s = summary.addHeading('Bird webhook subscription', 3);
  for (const line of lines) s = s.addRaw(`<p>${line}</p>`, true);
  if (rows.length > 0) s = s.addTable([[head('Event'), head('Result'), head('Subscription ID'), head('URL'), head('Status')], ...rows]);
  // Appended synchronously: summary.write() is async and would start libuv's thread pool for
  // this one small write, which measurably slows the step (see CONTRIBUTING, performance).
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, s.stringify());
  summary.emptyBuffer();
}

/** One line that ties this step to its workflow run, for debug logs. */
export function describeRun(context: typeof githubContext): string {
  const pr = context.payload.pull_request?.number;
  const event = pr === undefined ? context.eventName : `${context.eventName} #${pr}`;
  const repo = process.env.GITHUB_REPOSITORY ? `${context.repo.owner}/${context.repo.repo}` : '(no repository)';
  return `Workflow run: ${repo} run ${context.runId} attempt ${context.runAttempt}, ${event || 'no event'} on ${context.ref || 'no ref'} (${context.sha || 'no sha'}) by ${context.actor || 'unknown'}`;
}
