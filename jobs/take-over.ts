/**
 * Coalescing a backlog: a running job takes over waiting jobs of the same kind, so a burst costs one pass (one
 * transaction, one neighbourhood read) per batch instead of one per job. Used by the propagate and score
 * processors.
 *
 * The taken jobs are recorded in the running job's own data first (`covered`), so a retry of that job after a
 * crash redoes their work; then each taken job is marked `coveredBy` the running one, so when a worker picks it
 * up it sees the mark and stops. A job another worker picked up between the two steps may run as well: every
 * processor that coalesces writes idempotently.
 */
import type { Job, Queue } from 'bullmq';

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

export async function takeOverWaiting<C extends object>(
  job: Job<unknown>,
  queue: Queue,
  opts: TakeOverOptions<C>,
): Promise<Array<Covered<C>>> {
  if (opts.limit <= 0) return [];
  // Twice the limit: some of the oldest waiting jobs may be of another name or already covered.
  const waiting = await queue.getWaiting(0, opts.limit * 2);
  const taken: Array<{ job: Job; covered: Covered<C> }> = [];
  for (const k of waiting) {
    if (taken.length >= opts.limit) break;
    if (k.name !== opts.jobName || !k.id || k.id === job.id) continue;
    const data = k.data as { coveredBy?: unknown; covered?: unknown } | null;
    if (data?.coveredBy || data?.covered) continue;
    const contribution = opts.accept(k.data);
    if (contribution) taken.push({ job: k, covered: { ...contribution, id: k.id } });
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
