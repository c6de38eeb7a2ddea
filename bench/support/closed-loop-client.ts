/**
 * Closed-loop HTTP clients for latency benches: `concurrency` clients, each sending its next request when the
 * previous answer has arrived, over a list of URLs (GET, or POST with a JSON body) in turn. They run in a process of their own
 * (`closedLoopInChild`), as real clients would: in the server's process their own request and response work
 * would share the server's event loop and be counted in every latency.
 */
import { Agent, request } from 'node:http';
import { runInChild, serveChild } from './child-run.ts';

export interface ClosedLoopSpec {
  urls: string[];
  /** A JSON body for the URL at the same index makes that request a POST; absent or null: a GET. */
  bodies?: ReadonlyArray<string | null>;
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
  /** Answers other than 2xx. */
  errors: number;
  /** CPU time the clients used over the timed requests, ms (user + system). */
  cpuMs: number;
}

export async function closedLoop(spec: ClosedLoopSpec): Promise<ClosedLoopResult> {
  let errors = 0;
  const times: number[] = [];
  // Plain node:http on kept-alive sockets: fetch cost the client ~0.65 ms of CPU per request against ~0.2 ms for
  // this, CPU the server under test then lacks on a 2-core machine.
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const send = (url: string, body: string | null) =>
    new Promise<number>((resolve, reject) => {
      const headers = body === null ? spec.headers : { ...spec.headers, 'content-type': 'application/json' };
      request(url, { agent, headers, method: body === null ? 'GET' : 'POST' }, (res) => {
        res.on('data', () => undefined);
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      })
        .once('error', reject)
        .end(body ?? undefined);
    });
  const one = async (k: number, timed: boolean) => {
    const t = performance.now();
    const at = k % spec.urls.length;
    const status = await send(spec.urls[at]!, spec.bodies?.[at] ?? null);
    if (status < 200 || status >= 300) errors += 1;
    if (timed) times.push(performance.now() - t);
  };
  // The warm-up runs at the measured concurrency, so the sockets, the server's database connections and its
  // code paths under contention exist before timing starts: warmed one request at a time, the first 8-client
  // run paid for opening them (p95 18.7 ms against 16.5–16.7 for the two runs after it).
  let w = 0;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (w < spec.warmup) await one(w++, false);
    }),
  );
  let i = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (i < spec.requests) await one(spec.warmup + i++, true);
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { times, ms, errors, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const CHILD_FLAG = '--closed-loop-child';

/** Runs the clients in a child process and returns what they measured. */
export const closedLoopInChild = (spec: ClosedLoopSpec): Promise<ClosedLoopResult> =>
  runInChild(import.meta.url, CHILD_FLAG, spec);

serveChild(CHILD_FLAG, closedLoop);
