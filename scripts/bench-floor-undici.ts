// The floor as a minimal script has it: `import { Agent, request } from 'undici'` loads undici's
// whole index. (Spelt 'undici/index.js' because tsconfig.json sends a bare 'undici' to the parts
// the action uses, src/bird/undici.ts.)
import { Agent, request } from 'undici/index.js';
import { runFloor } from './bench-floor.js';

await runFloor({ Agent, request });
