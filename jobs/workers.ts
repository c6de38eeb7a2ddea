/**
 * Starts one BullMQ worker per registered pipeline stage. Stages are plain processor functions
 * (tested by calling them directly); this module only binds them to queues with the configured
 * concurrency and closes them on shutdown.
 */
import { type Processor, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { QueueName } from './queues.ts';
import { createRedis } from './redis-connection.ts';

export type ProcessorRegistry = Partial<Record<QueueName, Processor>>;

export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  log: Logger;
}

export interface WorkerHandle {
  names: QueueName[];
  close(): Promise<void>;
}

export function startWorkers(registry: ProcessorRegistry, opts: WorkerOptions): WorkerHandle {
  const entries = Object.entries(registry) as Array<[QueueName, Processor]>;
  const connection = createRedis(opts.redisUrl, 'credit-linkage-worker');
  const workers = entries.map(([name, processor]) => {
    const w = new Worker(name, processor, { connection, prefix: opts.prefix, concurrency: opts.concurrency });
    w.on('failed', (job, err) =>
      opts.log.warn(
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    w.on('error', (err) => opts.log.error({ queue: name, err: err.message }, 'worker error'));
    return w;
  });
  opts.log.info({ queues: entries.map(([n]) => n), concurrency: opts.concurrency }, 'workers started');
  return {
    names: entries.map(([n]) => n),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
