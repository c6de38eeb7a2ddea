/**
 * Runs the whole-graph pass (CSR build, detectors, scoreAll: seconds of pure CPU on a city-sized graph) in a
 * worker thread, so the BullMQ worker's event loop keeps renewing job locks and serving other queues meanwhile.
 *
 * Why a worker thread and not a BullMQ sandboxed processor: only the CPU part moves. The rescore job keeps its
 * Neo4j gateway, connection pool and logger in the main thread (a sandboxed processor would need its own
 * driver, Redis connection and the whole job in a child process, and a second tsx start-up per job), and typed
 * arrays come back transferred instead of serialised over IPC. The projection goes in chunks of plain objects
 * (each postMessage clones one chunk, so the event loop is never blocked for the whole graph at once).
 *
 * The worker is TypeScript: its entry is a small .mjs that registers tsx's loader (tsx/esm/api) and then imports
 * pass-worker.ts; Node 20 does not apply `--import tsx` hooks to a worker's own .ts entry. This works under
 * `npx tsx` and under vitest alike (the thread does not inherit the parent's loader flags: execArgv is empty). `inline: true` runs the pass on the calling
 * thread (tests, benchmarks).
 */
import { Worker } from 'node:worker_threads';
import type {
  ProjectionEdge,
  ProjectionInput,
  ProjectionNode,
  ProjectionRecord,
} from '../../analytics/projection/projection-input.ts';
import {
  type WholeGraphPassOptions,
  type WholeGraphPassResult,
  wholeGraphPass,
} from '../../analytics/whole-graph-pass.ts';

export type PassMessage =
  | { t: 'nodes'; items: readonly ProjectionNode[] }
  | { t: 'edges'; items: readonly ProjectionEdge[] }
  | { t: 'records'; items: readonly ProjectionRecord[] }
  | { t: 'run'; options: WholeGraphPassOptions };

type PassReply =
  | { t: 'done'; result: WholeGraphPassResult }
  | { t: 'error'; message: string; name: string; stack?: string };

/** Items per message: one structured clone of this many objects takes a few milliseconds. */
export const PASS_CHUNK = 10_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PassThreadOptions {
  /** Run on the calling thread instead. */
  inline?: boolean;
}

export async function runWholeGraphPass(
  input: ProjectionInput,
  options: WholeGraphPassOptions,
  thread: PassThreadOptions = {},
): Promise<WholeGraphPassResult> {
  if (thread.inline) return wholeGraphPass(input, options);
  const worker = new Worker(new URL('./pass-worker-boot.mjs', import.meta.url), { execArgv: [] });
  const done = new Promise<WholeGraphPassResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: PassReply) => {
      settled = true;
      if (m.t === 'done') resolve(m.result);
      else {
        const err = new Error(`whole-graph pass failed in its worker thread: ${m.message}`);
        if (m.stack) err.stack = `${err.message}\n${m.stack}`;
        reject(err);
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`whole-graph pass worker exited with code ${code} before answering`));
    });
  });
  done.catch(() => {}); // awaited below; a failure while chunks are still being sent is not unhandled
  try {
    const send = async <K extends 'nodes' | 'edges' | 'records'>(t: K, all: readonly unknown[]) => {
      for (let i = 0; i < all.length; i += PASS_CHUNK) {
        worker.postMessage({ t, items: all.slice(i, i + PASS_CHUNK) });
        await yieldToLoop();
      }
    };
    await send('nodes', input.nodes);
    await send('edges', input.edges);
    await send('records', input.records);
    worker.postMessage({ t: 'run', options } satisfies PassMessage);
    return await done;
  } finally {
    await worker.terminate();
  }
}
