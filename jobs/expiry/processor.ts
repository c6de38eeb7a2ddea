/**
 * The 'maintenance' queue's processor: dispatches on the job name. `expiry` ends what is due on `data.date`
 * (default: today in China). Unknown names and invalid data fail without retries. The pipeline adds its own
 * maintenance jobs (reconciler, schedules) to `MAINTENANCE_JOBS`.
 */
import { type Job, type Processor, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { isIsoDate } from '../../domain/dates/iso-date.ts';
import { enqueuePendingOutbox } from '../propagate/propagate.ts';
import { chinaToday } from '../propagate/store.ts';
import type { QueueSet } from '../queues.ts';
import { runExpiry } from './expire.ts';

export interface MaintenanceDeps {
  gateway: CypherGateway;
  log?: Logger;
  today?: () => string;
  /** Needed by the outbox reconciler, which hands pending markers back to the propagate queue. */
  queues?: QueueSet;
}

/** Markers the reconciler hands over per run; the next run takes the rest. */
export const RECONCILE_BATCH = 50_000;

const expiryData = z
  .object({ date: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional() })
  .nullish();

export const MAINTENANCE_JOBS = {
  expiry: async (deps: MaintenanceDeps, job: Job<unknown>) => {
    const parsed = expiryData.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        `maintenance/expiry: invalid job data (${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')})`,
      );
    }
    const date = parsed.data?.date ?? deps.today?.() ?? chinaToday();
    const summary = await runExpiry(deps.gateway, date);
    deps.log?.info(summary, 'expiry run');
    return summary;
  },
  /**
   * Outbox reconciler: every pending marker goes (back) to the propagate queue under its deterministic job
   * id. A marker whose job is waiting or running is left alone by BullMQ; one whose job Redis lost (flush,
   * crash before enqueue, lost AOF second) is queued again. Nothing is lost and nothing runs twice.
   */
  'reconcile-outbox': async (deps: MaintenanceDeps) => {
    if (!deps.queues)
      throw new UnrecoverableError('maintenance/reconcile-outbox: no queues given to the processor');
    const queued = await enqueuePendingOutbox(
      { gateway: deps.gateway, queues: deps.queues },
      RECONCILE_BATCH,
    );
    if (queued > 0) deps.log?.info({ queued }, 'outbox reconciler queued pending markers');
    return { queued };
  },
} as const satisfies Record<string, (deps: MaintenanceDeps, job: Job<unknown>) => Promise<unknown>>;

export function createMaintenanceProcessor(deps: MaintenanceDeps): Processor {
  return async (job: Job<unknown>) => {
    const handler = (
      MAINTENANCE_JOBS as Record<string, (d: MaintenanceDeps, j: Job<unknown>) => Promise<unknown>>
    )[job.name];
    if (!handler) {
      throw new UnrecoverableError(
        `maintenance: no handler for job "${job.name}"; known: ${Object.keys(MAINTENANCE_JOBS).join(', ')}`,
      );
    }
    return handler(deps, job);
  };
}
