// Worker-thread bootstrap (jobs/score/pass-thread.ts): Node 20 does not apply `--import` loader hooks to a
// worker's TypeScript entry, so this plain-JS entry registers tsx's loader first, then loads the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./pass-worker.ts');
