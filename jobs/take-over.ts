/**
 * Coalescing a backlog: a running job takes over waiting jobs of the same kind, so a burst costs one pass (one
 * transaction, one neighbourhood read) per batch instead of one per job. Used by the propagate and score
 * processors.
 *
 * The taken jobs are recorded in the running job's own data first (`covered`), so a retry of that job after a
 * crash redoes their work; then each taken job is marked `coveredBy` the running one, so when a worker picks it
 * up it sees the mark and stops. A job another worker picked up between the two steps may run as well: every
 * processor that coalesces writes idempotently.
 *
 * Take-overs on one queue run one at a time (a short Redis lock around reading the waiting jobs and marking
 * them): two workers starting together on a backlog would otherwise both read the same waiting jobs and both do
 * their work. Measured on a drain of 3,000 records with two workers per queue: 93 propagate passes of 50 and 64
 * alert evaluations of 100, each batch done twice.
 */
import type { Job, Queue } from 'bullmq';
import type { QueueName, QueueSet } from './queues.ts';
import { LockTimeoutError, withRedisLock } from './redis-lock.ts';

export interface TakeOverOptions<C> {
  /** Only waiting jobs of this name are taken. */
  jobName: string;
  /** At most this many. */
  limit: number;
  /** What a taken job contributes (kept in the running job's data), or null when it may not be taken. */
  accept: (data: unknown) => C | null;
  /** Fields written into the running job's data beside `covered` (what a retry must know, e.g. the pass kind). */
  extra?: Record<string, unknown>;
}

/** A job taken over: its id and what it contributes. */
export type Covered<C> = C & { id: string };

/** Pages of waiting jobs a take-over reads at most. */
const MAX_PAGES = 4;

/** How long a take-over waits for another one on the same queue before its job runs alone. */
const TAKE_OVER_LOCK = { leaseMs: 10_000, waitMs: 5_000 };

/** Takes waiting jobs of queue `name` over for `job` (see the top of this file). */
export async function takeOverWaiting<C extends object>(
  job: Job<unknown>,
  queues: QueueSet,
  name: QueueName,
  opts: TakeOverOptions<C>,
): Promise<Array<Covered<C>>> {
  if (opts.limit <= 0) return [];
  const queue = queues.get(name);
  // Beside the rescore lock, outside BullMQ's own keys (which obliterate deletes).
  const key = `${queues.prefix}:lock:take-over:${name}`;
  try {
    return await withRedisLock(queues.connection, key, () => takeOver(job, queue, opts), TAKE_OVER_LOCK);
  } catch (err) {
    // Another take-over held the queue too long: this job does its own work and takes nothing over.
    if (err instanceof LockTimeoutError) return [];
    throw err;
  }
}

async function takeOver<C extends object>(
  job: Job<unknown>,
  queue: Queue,
  opts: TakeOverOptions<C>,
): Promise<Array<Covered<C>>> {
  // Pages of twice the limit, oldest first: the first waiting jobs may be of another name, or taken over by a
  // take-over just before this one (their workers have not picked them up yet).
  const taken: Array<{ job: Job; covered: Covered<C> }> = [];
  const page = opts.limit * 2;
  for (let start = 0, pages = 0; taken.length < opts.limit && pages < MAX_PAGES; start += page, pages++) {
    const waiting = await queue.getWaiting(start, start + page - 1);
    for (const k of waiting) {
      if (taken.length >= opts.limit) break;
      if (k.name !== opts.jobName || !k.id || k.id === job.id) continue;
      const data = k.data as { coveredBy?: unknown; covered?: unknown } | null;
      if (data?.coveredBy || data?.covered) continue;
      const contribution = opts.accept(k.data);
      if (contribution) taken.push({ job: k, covered: { ...contribution, id: k.id } });
    }
    if (waiting.length < page) break;
  }
  if (taken.length === 0) return [];
  await job.updateData({ ...(job.data as object), ...opts.extra, covered: taken.map((t) => t.covered) });
  const marked: Array<Covered<C>> = [];
  for (const t of taken) {
    try {
      await t.job.updateData({ ...(t.job.data as object), coveredBy: job.id });
      marked.push(t.covered);
    } catch {
      // removed meanwhile (finished and cleaned up): nothing to cover
    }
  }
  return marked;
}
