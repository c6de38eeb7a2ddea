/**
 * Closed-loop HTTP clients for latency benches: `concurrency` clients, each sending its next request when the
 * previous answer has arrived, over a list of URLs in turn. They run in a process of their own
 * (`closedLoopInChild`), as real clients would: in the server's process their own request and response work
 * would share the server's event loop and be counted in every latency.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ClosedLoopSpec {
  urls: string[];
  headers: Record<string, string>;
  concurrency: number;
  /** Requests timed (after the warm-up). */
  requests: number;
  /** Requests sent first and not timed: JIT, plan cache, connection pool. */
  warmup: number;
}

export interface ClosedLoopResult {
  /** Latency of each timed request, ms, in the order they finished. */
  times: number[];
  ms: number;
  /** Answers other than 200. */
  errors: number;
}

export async function closedLoop(spec: ClosedLoopSpec): Promise<ClosedLoopResult> {
  let errors = 0;
  const times: number[] = [];
  const one = async (k: number, timed: boolean) => {
    const t = performance.now();
    const res = await fetch(spec.urls[k % spec.urls.length]!, { headers: spec.headers });
    await res.arrayBuffer();
    if (res.status !== 200) errors += 1;
    if (timed) times.push(performance.now() - t);
  };
  for (let w = 0; w < spec.warmup; w++) await one(w, false);
  let i = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (i < spec.requests) await one(spec.warmup + i++, true);
    }),
  );
  return { times, ms: performance.now() - t0, errors };
}

const CHILD_FLAG = '--closed-loop-child';

/** Runs the clients in a child process and returns what they measured. */
export function closedLoopInChild(spec: ClosedLoopSpec): Promise<ClosedLoopResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { execArgv: ['--import', 'tsx'] });
    child.once('message', (result) => resolve(result as ClosedLoopResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`closed-loop client process exited with ${code}`));
    });
    child.send(spec);
  });
}

if (process.argv.includes(CHILD_FLAG) && process.send) {
  process.once('message', async (spec) => {
    const result = await closedLoop(spec as ClosedLoopSpec);
    process.send!(result, () => process.exit(0));
  });
}
