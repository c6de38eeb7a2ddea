/**
 * The 'score' queue's processor: `rescore-all` (the scheduled whole-graph pass) and `rescore-neighbourhood`
 * (after a change, the subjects within `hops` of the changed ones). A plain function over its dependencies,
 * tested by calling it directly; invalid job data fails at once without retries.
 */
import { type Job, type Processor, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import { toDayNumber } from '../../analytics/shared/dates.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { LIMITS } from '../../domain/limits.ts';
import { alertJobIdAfter, enqueueAlertEvaluation, enqueueAlertSweep } from '../alerts/processor.ts';
import type { QueueSet } from '../queues.ts';
import { type RescoreStats, rescoreAll, rescoreNeighbourhood } from './rescore.ts';

export const RESCORE_ALL_JOB = 'rescore-all';
export const RESCORE_NEIGHBOURHOOD_JOB = 'rescore-neighbourhood';

const asOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(toDayNumber(v)), 'must be a calendar date');

const rescoreAllData = z.object({ asOf: asOf.optional() }).strict();
const rescoreNeighbourhoodData = z
  .object({
    subjectIds: z.array(z.string().min(1).max(LIMITS.maxIdLength)).min(1).max(10_000),
    hops: z.number().int().min(0).max(LIMITS.maxHops).default(2),
    asOf: asOf.optional(),
    /** Set by the pipeline: the record whose propagation asked for this rescore (alert rules follow it). */
    recordId: z.string().min(1).max(LIMITS.maxIdLength).optional(),
    /** Set by the pipeline when the propagation withdrew nothing: try the incremental rescore first. */
    incremental: z.boolean().optional(),
  })
  .strict();

export type RescoreAllJobData = z.input<typeof rescoreAllData>;
export type RescoreNeighbourhoodJobData = z.input<typeof rescoreNeighbourhoodData>;

export interface ScoreDeps {
  gateway: CypherGateway;
  log?: Logger;
  /** When given, alert evaluation is queued after each rescore (the pipeline's last stage). */
  queues?: QueueSet;
}

/** Hops around a propagated record's subjects that the pipeline rescores (and alerts on for score rules). */
export const PIPELINE_RESCORE_HOPS = 2;

/** The rescore that follows an upstream job (propagation), with an id derived from that job's. */
export const rescoreAfterJobId = (upstreamJobId: string): string =>
  `rescore-after-${upstreamJobId}`.replaceAll(':', '_');

/** A deterministic job id for a rescore of these subjects on this day (BullMQ ids may not contain ':'). */
export const rescoreNeighbourhoodJobId = (subjectIds: readonly string[], day: string): string =>
  `rescore-${day}-${[...subjectIds].sort().join(',').slice(0, 200)}`;

export function createScoreProcessor(deps: ScoreDeps): Processor<unknown, RescoreStats> {
  const log = (msg: string, fields?: Record<string, unknown>) => deps.log?.info(fields ?? {}, msg);
  return async (job: Job<unknown>) => {
    if (job.name === RESCORE_ALL_JOB) {
      const parsed = rescoreAllData.safeParse(job.data ?? {});
      if (!parsed.success) throw new UnrecoverableError(`rescore-all: invalid data: ${parsed.error.message}`);
      const stats = await rescoreAll(deps.gateway, {
        ...(parsed.data.asOf ? { asOf: parsed.data.asOf } : {}),
        log,
      });
      if (deps.queues) await enqueueAlertSweep(deps.queues, stats.asOf);
      return stats;
    }
    if (job.name === RESCORE_NEIGHBOURHOOD_JOB) {
      const parsed = rescoreNeighbourhoodData.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`rescore-neighbourhood: invalid data: ${parsed.error.message}`);
      const { subjectIds, hops, incremental } = parsed.data;
      const stats = await rescoreNeighbourhood(deps.gateway, {
        subjectIds,
        hops,
        incremental: incremental ?? false,
        ...(parsed.data.asOf ? { asOf: parsed.data.asOf } : {}),
        log,
      });
      if (deps.queues && job.id)
        await enqueueAlertEvaluation(
          deps.queues,
          // The score rules; the record's own rules were queued beside this rescore (propagate.ts).
          { subjectIds, hops },
          alertJobIdAfter(job.id),
        );
      return stats;
    }
    throw new UnrecoverableError(
      `score queue: unknown job "${job.name}"; expected ${RESCORE_ALL_JOB} or ${RESCORE_NEIGHBOURHOOD_JOB}`,
    );
  };
}
