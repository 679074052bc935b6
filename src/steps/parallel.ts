// Runs the writes of a set a few at a time, and prints what each did in the order of the set, as if
// they had run one after another: each item logs into its own buffer, printed once every item before
// it is done. After a failure no further item starts; those already running finish.
import { MAX_IN_FLIGHT } from '../bird/gate.js';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** One item's work; `log` lines (text, or whatever `print` takes) are printed in item order. */
export type Task<T, Line = string> = (log: (line: Line) => void) => Promise<T>;

/** Settled results in item order; undefined for an item that never started (after a failure). */
export async function inOrder<T, Line = string>(
  tasks: Task<T, Line>[],
  print: (line: Line) => void,
  limit = MAX_IN_FLIGHT,
): Promise<(Settled<T> | undefined)[]> {
  const results: (Settled<T> | undefined)[] = tasks.map(() => undefined);
  const logs: Line[][] = tasks.map(() => []);
  const finished = tasks.map(() => false);
  let next = 0;
  let printed = 0;
  let failed = false;
  const flush = () => {
    while (printed < tasks.length && finished[printed]) {
      for (const line of logs[printed]) print(line);
      printed++;
    }
  };
  const worker = async () => {
    while (!failed && next < tasks.length) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await tasks[i]((line) => logs[i].push(line)) };
      } catch (error) {
        results[i] = { ok: false, error };
        failed = true;
      }
      finished[i] = true;
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  // Items that never started are done too: print what the rest logged.
  for (let i = 0; i < tasks.length; i++) finished[i] = true;
  flush();
  return results;
}
