// The confirming pause on its own, without imports, so the bench (run by Node from the .ts source)
// can read it.
/**
 * How long a run that created waits before its confirming list (plus up to CONFIRM_JITTER_MS, so
 * runs started together do not list at one instant). It must cover what a run started together
 * still has to do after this one settled: its create, its settling list and its deletes, three
 * round trips, at Bird's 150–400 ms about 1.2 s; 1.5 s leaves room for one more. Re-lists for a
 * lagging list are not covered: a run that needed them settles later than a pause can wait for.
 */
export const CONFIRM_PAUSE_MS = 1500;
export const CONFIRM_JITTER_MS = 500;
