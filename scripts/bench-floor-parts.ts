// The floor on the parts of undici the action loads: what is left between it and the action is
// our own code.
import { Agent, request } from '../src/bird/undici.js';
import { runFloor } from './bench-floor.js';

await runFloor({ Agent, request });
