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
 * One thread per process lives on between passes (sharedPassThread) and may keep the structural part of its
 * last pass under a key (the graph's structure version and the pass options, jobs/score/rescore.ts): a pass on
 * an unchanged structure then sends only the records (openRecordsPass) and skips the load of subjects and
 * relationships, the CSR build and the detectors. A pass asked while the shared thread is busy gets a thread of
 * its own, which ends with it.
 *
 * The worker is TypeScript: its entry is a small .mjs that registers tsx's loader (tsx/esm/api) and then imports
 * pass-worker.ts; Node 20 does not apply `--import tsx` hooks to a worker's own .ts entry. This works under
 * `npx tsx` and under vitest alike (the thread does not inherit the parent's loader flags: execArgv is empty).
 * `inline: true` runs the pass on the calling thread (tests, benchmarks), without keeping anything.
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
  | { t: 'begin'; reuse: boolean }
  | { t: 'nodes'; items: readonly ProjectionNode[] }
  | { t: 'edges'; items: readonly ProjectionEdge[] }
  | { t: 'records'; items: readonly ProjectionRecord[] }
  | {
      t: 'run';
      options: WholeGraphPassOptions;
      drop: readonly string[];
      keep: string | null;
      /** What was sent since 'begin': the thread refuses to run on anything else. */
      sent: { nodes: number; edges: number; records: number };
    }
  | { t: 'rescore'; key: string; sent: { records: number } };

export type PassReply =
  | { t: 'done'; result: WholeGraphPassResult }
  | { t: 'miss' }
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
  /**
   * Runs the pass on everything added, less the subjects in `drop` and what refers to them. In the shared
   * thread, `keep` keeps the pass's structure under that key for openRecordsPass.
   */
  run(options: WholeGraphPassOptions, drop?: readonly string[], keep?: string): Promise<WholeGraphPassResult>;
  /** Ends the feed without running (a read failed); run() closes by itself. */
  close(): Promise<void>;
}

/** A pass on a kept structure being fed the records, then run; null from run() when the structure is gone. */
export interface RecordsFeed {
  add(records: readonly ProjectionRecord[]): Promise<void>;
  run(): Promise<WholeGraphPassResult | null>;
  close(): Promise<void>;
}

/** One worker thread answering one request at a time. */
class PassThread {
  private worker: Worker | null = null;
  /** The worker the current pass started on: a pass never continues on another one (it would lack its pages). */
  private passWorker: Worker | null = null;
  private waiting: {
    worker: Worker;
    resolve: (r: PassReply) => void;
    reject: (e: Error) => void;
  } | null = null;
  /** The key of the structure the thread keeps, as far as this side knows. */
  keptKey: string | null = null;
  busy = false;

  constructor(private readonly persistent: boolean) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./pass-worker-boot.mjs', import.meta.url), { execArgv: [] });
    // Events of a worker that is no longer the current one (ended, replaced) concern no pass.
    const fail = (err: Error) => {
      if (this.worker === worker) {
        this.worker = null;
        this.keptKey = null;
      }
      const w = this.waiting;
      if (w?.worker !== worker) return;
      this.waiting = null;
      w.reject(err);
    };
    worker.on('message', (m: PassReply) => {
      const w = this.waiting;
      if (w?.worker !== worker) return;
      this.waiting = null;
      w.resolve(m);
    });
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`whole-graph pass worker exited with code ${code} before answering`)),
    );
    this.worker = worker;
    return worker;
  }

  /** Claims the thread for one pass (starting its worker if needed); false when another pass holds it. */
  claim(): boolean {
    if (this.busy) return false;
    this.busy = true;
    this.passWorker = this.start();
    // A kept thread must not hold the process open between passes, only while one runs.
    this.passWorker.ref();
    return true;
  }

  async release(): Promise<void> {
    this.busy = false;
    this.passWorker = null;
    if (!this.persistent) await this.terminate();
    else this.worker?.unref();
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.keptKey = null;
    if (worker) await worker.terminate();
  }

  /** The pass's worker; throws when it ended since the pass began (its pages are lost with it). */
  private current(): Worker {
    const worker = this.passWorker;
    if (!worker || worker !== this.worker)
      throw new Error('whole-graph pass worker ended during the pass; the pass must start again');
    return worker;
  }

  post(message: PassMessage): void {
    this.current().postMessage(message);
  }

  async send<K extends 'nodes' | 'edges' | 'records'>(t: K, all: readonly unknown[]): Promise<void> {
    for (let i = 0; i < all.length; i += PASS_CHUNK) {
      this.post({ t, items: all.slice(i, i + PASS_CHUNK) } as PassMessage);
      await yieldToLoop();
    }
  }

  /** Sends `message` and waits for the thread's answer. */
  ask(message: PassMessage): Promise<PassReply> {
    const worker = this.current();
    const reply = new Promise<PassReply>((resolve, reject) => {
      this.waiting = { worker, resolve, reject };
    });
    worker.postMessage(message);
    return reply;
  }
}

function resultOf(reply: PassReply): WholeGraphPassResult | null {
  if (reply.t === 'done') return reply.result;
  if (reply.t === 'miss') return null;
  const err = new Error(`whole-graph pass failed in its worker thread: ${reply.message}`);
  if (reply.stack) err.stack = `${err.message}\n${reply.stack}`;
  throw err;
}

let shared: PassThread | null = null;

/** The process's long-lived pass thread (started on first use; it does not keep the process alive when idle). */
function sharedPassThread(): PassThread {
  shared ??= new PassThread(true);
  return shared;
}

/** Ends the shared pass thread and what it keeps (workers shutting down, tests). */
export async function closeSharedPassThread(): Promise<void> {
  const t = shared;
  shared = null;
  await t?.terminate();
}

/** The key of the structure the shared thread keeps, or null. */
export function keptStructureKey(): string | null {
  return shared?.keptKey ?? null;
}

export interface FullPassOptions extends PassThreadOptions {
  /** Run in the shared thread (when free), which can keep the structure: see PassFeed.run's `keep`. */
  shared?: boolean;
}

export function openWholeGraphPass(thread: FullPassOptions = {}): PassFeed {
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
  const sharedThread = sharedPassThread();
  const t = thread.shared && sharedThread.claim() ? sharedThread : new PassThread(false);
  if (t !== sharedThread) t.claim();
  // The shared thread drops what it kept before the new structure comes in.
  t.keptKey = null;
  const { close, ran } = begin(t, false);
  const sent = { nodes: 0, edges: 0, records: 0 };
  return {
    async add(part) {
      await t.send('nodes', part.nodes);
      await t.send('edges', part.edges);
      await t.send('records', part.records);
      sent.nodes += part.nodes.length;
      sent.edges += part.edges.length;
      sent.records += part.records.length;
    },
    async run(options, drop = [], keepAs) {
      ran();
      try {
        const keep = t === sharedThread ? (keepAs ?? null) : null;
        const result = resultOf(await t.ask({ t: 'run', options, drop, keep, sent }));
        if (!result) throw new Error('whole-graph pass worker answered a full pass with a miss');
        t.keptKey = keep;
        return result;
      } finally {
        await close();
      }
    },
    close,
  };
}

/**
 * Starts a pass on a claimed thread (dropping what it kept unless `reuse`); `close` releases the thread once, and
 * a pass fed but not run (a read failed) has the thread let its pages go now rather than at the next pass.
 */
function begin(t: PassThread, reuse: boolean): { close: () => Promise<void>; ran: () => void } {
  t.post({ t: 'begin', reuse });
  let ran = false;
  let closed = false;
  return {
    ran: () => {
      ran = true;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (!ran) {
        try {
          t.post({ t: 'begin', reuse });
        } catch {
          // the worker ended: it holds nothing any more
        }
      }
      await t.release();
    },
  };
}

/**
 * A pass reusing the structure the shared thread keeps under `key`, fed only the records; null when the thread
 * keeps nothing under that key or is busy with another pass (the caller then runs a full pass).
 */
export function openRecordsPass(key: string): RecordsFeed | null {
  const t = shared;
  if (!t || t.keptKey !== key || !t.claim()) return null;
  const { close, ran } = begin(t, true);
  let records = 0;
  return {
    async add(part) {
      await t.send('records', part);
      records += part.length;
    },
    async run() {
      ran();
      try {
        const result = resultOf(await t.ask({ t: 'rescore', key, sent: { records } }));
        if (!result) t.keptKey = null;
        return result;
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
  thread: FullPassOptions = {},
  keep?: string,
): Promise<WholeGraphPassResult> {
  const feed = openWholeGraphPass(thread);
  try {
    await feed.add(input);
  } catch (err) {
    await feed.close();
    throw err;
  }
  return feed.run(options, [], keep);
}
