/**
 * Runs the whole-graph pass (CSR build, detectors, scoreAll: seconds of pure CPU on a city-sized graph) in a
 * worker thread, so the BullMQ worker's event loop keeps renewing job locks and serving other queues meanwhile.
 *
 * Why a worker thread and not a BullMQ sandboxed processor: only the CPU part moves. The rescore job keeps its
 * Neo4j gateway, connection pool and logger in the main thread (a sandboxed processor would need its own
 * driver, Redis connection and the whole job in a child process, and a second tsx start-up per job), and typed
 * arrays come back transferred instead of serialised over IPC. The projection goes in chunks of plain objects
 * (each postMessage clones one chunk, so the event loop is never blocked for the whole graph at once), and it can
 * go in while it is being read (openWholeGraphPass), so the calling thread never holds the whole graph: on a
 * city-sized graph that halves the job's peak memory.
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
import { withoutSubjects } from '../projection/load-projection.ts';

export type PassMessage =
  | { t: 'nodes'; items: readonly ProjectionNode[] }
  | { t: 'edges'; items: readonly ProjectionEdge[] }
  | { t: 'records'; items: readonly ProjectionRecord[] }
  | { t: 'run'; options: WholeGraphPassOptions; drop: readonly string[] };

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

/** A whole-graph pass being fed the projection part by part, then run once. */
export interface PassFeed {
  add(part: ProjectionInput): Promise<void>;
  /** Runs the pass on everything added, less the subjects in `drop` and what refers to them. */
  run(options: WholeGraphPassOptions, drop?: readonly string[]): Promise<WholeGraphPassResult>;
  /** Ends the thread without running (a read failed); run() closes by itself. */
  close(): Promise<void>;
}

export function openWholeGraphPass(thread: PassThreadOptions = {}): PassFeed {
  if (thread.inline) {
    const input: { nodes: ProjectionNode[]; edges: ProjectionEdge[]; records: ProjectionRecord[] } = {
      nodes: [],
      edges: [],
      records: [],
    };
    return {
      async add(part) {
        for (const n of part.nodes) input.nodes.push(n);
        for (const e of part.edges) input.edges.push(e);
        for (const r of part.records) input.records.push(r);
      },
      async run(options, drop = []) {
        return wholeGraphPass(withoutSubjects(input, drop), options);
      },
      async close() {},
    };
  }
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
  done.catch(() => {}); // awaited in run(); a failure while chunks are still being sent is not unhandled
  const send = async <K extends 'nodes' | 'edges' | 'records'>(t: K, all: readonly unknown[]) => {
    for (let i = 0; i < all.length; i += PASS_CHUNK) {
      worker.postMessage({ t, items: all.slice(i, i + PASS_CHUNK) });
      await yieldToLoop();
    }
  };
  const close = async () => {
    await worker.terminate();
  };
  return {
    async add(part) {
      await send('nodes', part.nodes);
      await send('edges', part.edges);
      await send('records', part.records);
    },
    async run(options, drop = []) {
      try {
        worker.postMessage({ t: 'run', options, drop } satisfies PassMessage);
        return await done;
      } finally {
        await close();
      }
    },
    close,
  };
}

export async function runWholeGraphPass(
  input: ProjectionInput,
  options: WholeGraphPassOptions,
  thread: PassThreadOptions = {},
): Promise<WholeGraphPassResult> {
  const feed = openWholeGraphPass(thread);
  try {
    await feed.add(input);
  } catch (err) {
    await feed.close();
    throw err;
  }
  return feed.run(options);
}
