// Written by scripts/build.ts: the runner starts this file; the code is in the shared bundle index.js.
import { main } from './index.js';

await main();
