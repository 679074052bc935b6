// The job summary: what the step did, one row per subscription. Never a key.
import { appendFileSync } from 'node:fs';
import type { Summary } from './core.js';
import type { Outcome } from './ensure.js';
import type { ReceiverReport } from './check-receiver.js';
import type { DeliveriesReport } from './check-deliveries.js';
import type { ActionInputs } from '../plan/inputs.js';
import { summaryCell as cell } from '../text.js';

/** What the job summary shows: the step's outcome and, when check-receiver ran, its deliveries. */
export type SummaryOutcome = Outcome & { receiver?: ReceiverReport; deliveries?: DeliveriesReport };

export async function writeSummary(summary: Summary, inputs: ActionInputs, outcome: SummaryOutcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const head = (text: string) => ({ data: text, header: true });
  const rows = [...outcome.items, ...(outcome.pruned ?? [])].map((item) => [
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
  for (const note of outcome.notes ?? []) lines.push(cell(note));
  let s = summary.addHeading('Bird webhook subscription', 3);
  for (const line of lines) s = s.addRaw(`<p>${line}</p>`, true);
  if (rows.length > 0) s = s.addTable([[head('Event'), head('Result'), head('Subscription ID'), head('URL'), head('Status')], ...rows]);
  const checks = outcome.receiver?.deliveries ?? [];
  if (checks.length > 0) {
    // What was sent (never a key or a signature) and what came back, per delivery.
    const sent = (d: (typeof checks)[number]) =>
      `POST ${d.kind === 'forged' ? 'with a forged signature' : "signed with the step's key"}, event ${d.event}, request ID ${d.requestId}, ${d.attempts === 1 ? '1 attempt' : `${d.attempts} attempts`}`;
    s = s.addRaw(`<p>Receiver check: <strong>${cell(outcome.receiver?.result)}</strong></p>`, true);
    s = s.addTable([
      [head('Receiver check'), head('URL'), head('Sent'), head('Answer'), head('Result')],
      ...checks.map((d) => [cell(d.kind), cell(d.url), cell(sent(d)), cell(d.answer), cell(`${d.passed ? 'passed' : 'failed'}: ${d.message}`)]),
    ]);
  }
  const logs = outcome.deliveries;
  if (logs && logs.subscriptions.length > 0) {
    // Bird's log fields are outside text: every cell is escaped and capped, at most a few IDs per row.
    const notDelivered = (d: (typeof logs.subscriptions)[number]) =>
      d.error !== undefined
        ? `log not read: ${d.error}`
        : Object.entries(d.tally?.groups ?? {})
            .map(([group, n]) => `${group}: ${n}`)
            .join(', ') || '0';
    s = s.addRaw(`<p>Deliveries in the last ${cell(logs.window)} (Bird's delivery logs, check-deliveries: ${cell(logs.mode)})</p>`, true);
    s = s.addTable([
      [head('Event'), head('URL'), head('Delivered'), head('Not delivered (status / code)'), head('Newest failure'), head('Newest failed request IDs')],
      ...logs.subscriptions.map((d) => [
        cell(d.event),
        cell(d.url),
        d.tally ? `${d.tally.delivered}${d.complete ? '' : ' (at least)'}` : '-',
        cell(notDelivered(d), 600),
        cell(d.tally?.newestFailureAt ?? '-'),
        cell(d.tally?.recent.map((r) => `${r.requestId} (${r.code}, ${r.at})`).join(', ') || '-', 800),
      ]),
    ]);
  }
  // Appended synchronously: summary.write() is async and would start libuv's thread pool for
  // this one small write, which measurably slows the step (see CONTRIBUTING, performance).
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, s.stringify());
  summary.emptyBuffer();
}

/** The parts of @actions/github's context that describe a workflow run. */
export interface RunContext {
  eventName: string;
  ref: string;
  sha: string;
  actor: string;
  runId: number;
  runAttempt: number;
  payload: { pull_request?: { number?: unknown } };
}

/**
 * One debug line naming the workflow run. Outside a runner the context has no run ID or attempt
 * (they read as NaN): those are left out rather than printed as NaN.
 */
export function describeRun(context: RunContext, repository = process.env.GITHUB_REPOSITORY): string {
  const pr = context.payload.pull_request?.number;
  const event = typeof pr === 'number' ? `${context.eventName} #${pr}` : context.eventName;
  const known = (n: number) => Number.isInteger(n) && n > 0;
  const run = `${known(context.runId) ? ` run ${context.runId}` : ''}${known(context.runAttempt) ? ` attempt ${context.runAttempt}` : ''}`;
  return `Workflow run: ${repository || '(no repository)'}${run}, ${event || 'no event'} on ${context.ref || 'no ref'} (${context.sha || 'no sha'}) by ${context.actor || 'unknown'}`;
}
