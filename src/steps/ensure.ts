// Brings the workspace to the requested state; the flows live in steps/present.ts and
// steps/absent.ts, what they hand back in steps/outcome.ts.
export { ensureAbsent } from './absent.js';
export { ensurePresent } from './present.js';
export { PartialFailure, type EnsureDeps, type ItemOutcome, type Outcome, type Removal } from './outcome.js';
