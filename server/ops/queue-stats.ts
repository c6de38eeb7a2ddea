/**
 * What operators watch on the queues: jobs per state and lag (how long the oldest waiting job has been
 * waiting), read from Redis for /health/ready and /metrics.
 */
import type { Queue } from 'bullmq';
import type { QueueSet } from '../../jobs/queues.ts';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export type QueueStats = Record<QueueState, number> & { lagMs: number };

/**
 * Age of the oldest waiting job in ms (0 when none waits). A job's wait starts when it was added, or when its
 * delay ended for a job added with a delay. Waiting is a list with the oldest job at the end that workers take.
 */
export async function queueLagMs(queue: Queue, now = Date.now()): Promise<number> {
  const [oldest] = await queue.getWaiting(0, 0);
  if (!oldest) return 0;
  const readyAt = oldest.timestamp + (oldest.delay ?? 0);
  return Math.max(0, now - readyAt);
}

/** Counts per state and lag, per queue, in the order of QUEUE_NAMES. */
export async function queueStats(queues: QueueSet): Promise<Record<string, QueueStats>> {
  const now = Date.now();
  const entries = await Promise.all(
    queues.all().map(async (q) => {
      const [counts, lagMs] = await Promise.all([q.getJobCounts(...QUEUE_STATES), queueLagMs(q, now)]);
      const stats = { lagMs } as QueueStats;
      for (const s of QUEUE_STATES) stats[s] = counts[s] ?? 0;
      return [q.name, stats] as const;
    }),
  );
  return Object.fromEntries(entries);
}
