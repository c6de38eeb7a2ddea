/**
 * Every BullMQ queue of the app is created here, with one retry policy, so producers and workers
 * agree on names and options. Pipeline stages (ingest → propagate → score → alert) register their
 * processors in jobs/workers.ts.
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const QUEUE_NAMES = ['propagate', 'score', 'alert', 'maintenance', 'imports', 'screening'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const DEFAULT_JOB_OPTIONS: Readonly<JobsOptions> = Object.freeze({
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed jobs are kept for a day so deterministic job ids de-duplicate re-submissions,
  // and the reconciler can tell "finished" from "lost".
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
});

export class QueueSet {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    /** Shared by the queues; also serves short commands such as locks (jobs/redis-lock.ts). */
    readonly connection: Redis,
    readonly prefix: string,
  ) {}

  get(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, q);
    }
    return q;
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((n) => this.get(n));
  }

  /** Waiting, active, delayed and failed counts per queue, for health and metrics. */
  async depths(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const q of this.all()) out[q.name] = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
