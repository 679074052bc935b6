// undici parses HTTP/1 with llhttp compiled to WebAssembly. After a few answers V8 starts optimising
// its main parse function with TurboFan on a background thread (60-90 ms of work, more on a busy
// machine), and a process cannot exit while that job runs: a step that has its last answer would
// sit out the rest of the compile. The answers of one step are small; the baseline code (Liftoff)
// parses them fast enough, so the tier-up budget is set beyond anything a step spends.
// Read by V8 when a module is compiled: set before undici compiles llhttp (at its first request).
import { setFlagsFromString } from 'node:v8';

/** Far beyond what parsing a step's answers spends (V8's default budget is about 1.8 million). */
export const WASM_TIERING_BUDGET = 2_000_000_000;

let done = false;

/** Keeps undici's WebAssembly parser on V8's baseline compiler for the rest of the process. */
export function stayOnBaselineCompiler(): void {
  if (done) return;
  done = true;
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}
