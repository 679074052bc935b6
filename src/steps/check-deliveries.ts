// check-deliveries, the reading: after the step, Bird's own delivery log of each subscription it
// keeps, newest first, page by page until the window is passed. Counting is plan/deliveries.ts.
// Loaded only when check-deliveries is not off: with it off, nothing here runs and nothing is sent.
import type { BirdClient } from '../bird/client.js';
import { errorMessage } from '../bird/errors.js';
import { countPage, describeFailures, emptyTally, LOG_PAGE_SIZE, MAX_LOG_PAGES, newLogOrder, type Tally } from '../plan/deliveries.js';
import type { ActionInputs } from '../plan/inputs.js';
import { shown } from '../text.js';
import type { Outcome } from './ensure.js';
import { inOrder } from './parallel.js';

/** What the log of one subscription said, or why it could not be read. */
export interface SubscriptionDeliveries {
  id: string;
  event: string;
  url: string;
  /** Undefined when the log could not be read. */
  tally?: Tally;
  /** False when the page cap stopped the reading while the window went on: the counts are a floor. */
  complete: boolean;
  /** Why the log could not be read: one line, naming the status (outside text already shown()). */
  error?: string;
}

export interface DeliveriesReport {
  mode: 'warn' | 'fail';
  /** The window as given (`24h`). */
  window: string;
  subscriptions: SubscriptionDeliveries[];
  /** One line per subscription with failures or an unreadable log; the warnings, or what fails the step. */
  problems: string[];
}

export interface DeliveriesDeps {
  info: (message: string) => void;
  warning: (message: string) => void;
  /** The clock the window ends at; Date.now by default. */
  now?: () => number;
}

export async function checkDeliveries(client: BirdClient, inputs: ActionInputs, outcome: Outcome, deps: DeliveriesDeps): Promise<DeliveriesReport> {
  const mode = inputs.checkDeliveries === 'fail' ? 'fail' : 'warn';
  const now = (deps.now ?? Date.now)();
  const since = now - inputs.deliveriesWindow.ms;
  const window = inputs.deliveriesWindow.text;
  // The subscriptions the step keeps; one a dry run would create has no log yet.
  const kept = outcome.items.filter((item) => item.id !== undefined && item.result !== 'deleted');
  const tasks = kept.map((item) => async (log: (line: string) => void): Promise<SubscriptionDeliveries> => {
    const id = item.id ?? '';
    const record: SubscriptionDeliveries = { id, event: item.event, url: item.subscription?.url ?? inputs.url, complete: true };
    const name = `${shown(item.event, 100)} (${id})`;
    try {
      const tally = emptyTally();
      const seen = new Set<string>();
      const order = newLogOrder();
      // Every token used so far: one handed out again would loop.
      const tokens = new Set<string>();
      let pageToken: string | undefined;
      let entries = 0;
      let pages = 0;
      // Why the reading stopped before the window's edge: the counts are then a floor.
      let cut = '';
      for (;;) {
        const answer = await client.logsPage({ id, organizationId: item.subscription?.organizationId }, LOG_PAGE_SIZE, pageToken);
        pages++;
        const counted = countPage(tally, answer.results, since, now, seen, order);
        entries += counted.entries;
        if (counted.reachedEnd || answer.nextPageToken === undefined) break;
        if (pageToken !== undefined) tokens.add(pageToken);
        if (tokens.has(answer.nextPageToken)) {
          // A token handed out twice would loop: stop, and say the count may be short.
          cut = `Bird handed out the same page token twice after ${pages} ${pages === 1 ? 'page' : 'pages'} (${entries} log entries)`;
          break;
        }
        if (pages >= MAX_LOG_PAGES) {
          cut = `only the newest ${entries} log entries were read (the cap of ${MAX_LOG_PAGES} pages)`;
          break;
        }
        pageToken = answer.nextPageToken;
      }
      if (cut !== '') record.complete = false;
      record.tally = tally;
      const disorder = order.disordered ? "; Bird's log was not newest first, so it was read to its end or the page cap" : '';
      const floor = cut === '' ? '' : `; ${cut}, so the counts are a floor`;
      const skipped =
        tally.skipped > 0 ? `; ${tally.skipped} log ${tally.skipped === 1 ? 'entry' : 'entries'} left out (not an entry, or a time that cannot be read or lies ahead)` : '';
      const failures = tally.failed > 0 ? `, ${describeFailures(tally)}, newest at ${tally.newestFailureAt}` : '';
      log(`Deliveries of ${name} in the last ${window}: ${tally.delivered} delivered${failures}${floor}${disorder}${skipped}`);
    } catch (error) {
      record.error = errorMessage(error);
      // Whatever pages were read before, nothing is reported for this log: its count is not complete.
      record.complete = false;
      log(`Deliveries of ${name}: the delivery log could not be read: ${record.error}`);
    }
    return record;
  });
  const settled = await inOrder(tasks, deps.info);
  const subscriptions = settled.map((s, i) => (s?.ok ? s.value : { id: kept[i].id ?? '', event: kept[i].event, url: inputs.url, complete: false, error: errorMessage(s?.error) }));
  const problems: string[] = [];
  for (const s of subscriptions) {
    const name = `${shown(s.event, 100)} (${s.id}, ${shown(s.url, 200)})`;
    if (s.error !== undefined) problems.push(`the delivery log of ${name} could not be read: ${s.error}`);
    else if (s.tally && s.tally.failed > 0) {
      problems.push(`${name}: ${describeFailures(s.tally)} in the last ${window}${s.complete ? '' : ' (at least: the reading stopped early)'}, newest at ${s.tally.newestFailureAt}`);
    }
  }
  if (mode === 'warn') for (const problem of problems) deps.warning(`check-deliveries: ${problem}`);
  if (kept.length === 0) deps.info('Deliveries: no subscription to read the log of (a dry run would create it)');
  return { mode, window, subscriptions, problems };
}

/** The `deliveries` output: one entry per subscription, in the order of events. */
export function deliveriesOutput(report: DeliveriesReport): string {
  return JSON.stringify(
    report.subscriptions.map((s) => ({
      id: s.id,
      event: s.event,
      url: s.url,
      delivered: s.tally?.delivered ?? null,
      failed: s.tally?.failed ?? null,
      byStatus: s.tally?.byStatus ?? {},
      newestFailureAt: s.tally?.newestFailureAt ?? null,
      complete: s.complete,
      ...(s.error === undefined ? {} : { error: s.error }),
    })),
  );
}
