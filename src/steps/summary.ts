// The job summary: what the step did, in a small table. Never a key.
import { appendFileSync } from 'node:fs';
import type { context as githubContext } from '@actions/github';
import type { Summary } from './core.js';
import type { Outcome } from './ensure.js';
import type { ActionInputs } from '../plan/inputs.js';

export async function writeSummary(summary: Summary, inputs: ActionInputs, outcome: Outcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const s = outcome.subscription;
  const ids = s?.id ?? outcome.deletedIds?.join(', ') ?? inputs.subscriptionId ?? '';
  const rows: [string, string][] = [
    ['Result', outcome.result],
    ['Subscription ID', ids],
    ['Service', s?.service ?? inputs.service],
    ['Event', s?.event ?? inputs.event],
    ['URL', s?.url ?? inputs.url],
    ['Status', s?.status ?? ''],
  ];
  const filters = inputs.eventFilters?.map((f) => `${f.key}=${f.value}`).join(', ');
  if (filters) rows.splice(5, 0, ['Event filters', filters]);
  summary
    .addHeading('Bird webhook subscription', 3)
    .addTable([
      [
        { data: 'Field', header: true },
        { data: 'Value', header: true },
      ],
      // Deleting by ID knows no service, event or URL; empty rows say nothing.
      ...rows.filter(([, value]) => value !== '').map(([field, value]) => [field, escapeHtml(value)]),
    ]);
  // Appended synchronously: summary.write() is async and would start libuv's thread pool for
  // this one small write, which measurably slows the step (see CONTRIBUTING, performance).
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary.stringify());
  summary.emptyBuffer();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** One line that ties this step to its workflow run, for debug logs. */
export function describeRun(context: typeof githubContext): string {
  const pr = context.payload.pull_request?.number;
  const event = pr === undefined ? context.eventName : `${context.eventName} #${pr}`;
  const repo = process.env.GITHUB_REPOSITORY ? `${context.repo.owner}/${context.repo.repo}` : '(no repository)';
  return `Workflow run: ${repo} run ${context.runId} attempt ${context.runAttempt}, ${event || 'no event'} on ${context.ref || 'no ref'} (${context.sha || 'no sha'}) by ${context.actor || 'unknown'}`;
}
