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
import { withRedisLock } from '../redis-lock.ts';
import { takeOverWaiting } from '../take-over.ts';
import { type RescoreStats, rescoreAll, rescoreNeighbourhood } from './rescore.ts';

export const RESCORE_ALL_JOB = 'rescore-all';
export const RESCORE_NEIGHBOURHOOD_JOB = 'rescore-neighbourhood';

const asOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(toDayNumber(v)), 'must be a calendar date');

const rescoreAllData = z.object({ asOf: asOf.optional() }).strict();
const coveredJob = z.object({
  id: z.string().min(1).max(400),
  subjectIds: z.array(z.string().min(1).max(LIMITS.maxIdLength)).min(1).max(10_000),
  hops: z.number().int().min(0).max(LIMITS.maxHops),
});
type CoveredJob = z.infer<typeof coveredJob>;

const rescoreNeighbourhoodData = z
  .object({
    subjectIds: z.array(z.string().min(1).max(LIMITS.maxIdLength)).min(1).max(10_000),
    hops: z.number().int().min(0).max(LIMITS.maxHops).default(2),
    asOf: asOf.optional(),
    /** Set by the pipeline: the record whose propagation asked for this rescore (alert rules follow it). */
    recordId: z.string().min(1).max(LIMITS.maxIdLength).optional(),
    /** Set by the pipeline when the propagation withdrew nothing: try the incremental rescore first. */
    incremental: z.boolean().optional(),
    /** Set on a waiting job that another rescore took over (coalescing): this one has nothing left to do. */
    coveredBy: z.string().min(1).max(400).optional(),
    /** Set by the job that took others over: their seeds, so a retry of this job redoes their work too. */
    covered: z.array(coveredJob).max(10_000).optional(),
  })
  .strict();

export type RescoreAllJobData = z.input<typeof rescoreAllData>;
export type RescoreNeighbourhoodJobData = z.input<typeof rescoreNeighbourhoodData>;

export interface ScoreDeps {
  gateway: CypherGateway;
  log?: Logger;
  /**
   * Waiting incremental rescores one rescore takes over (their seeds join its own, one ball, one write), so a
   * backlog costs one pass per batch instead of one per record; 0 turns it off. Default DEFAULT_RESCORE_COALESCE.
   */
  coalesce?: number;
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

export const DEFAULT_RESCORE_COALESCE = 10;

/** A waiting incremental rescore this one may take over: its seeds join this pass. */
function coverableRescore(data: unknown): Omit<CoveredJob, 'id'> | null {
  const d = rescoreNeighbourhoodData.safeParse(data);
  if (!d.success || !d.data.incremental) return null;
  return { subjectIds: d.data.subjectIds, hops: d.data.hops };
}

export function createScoreProcessor(
  deps: ScoreDeps,
): Processor<unknown, RescoreStats | { coveredBy: string }> {
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
      const { subjectIds, hops, incremental, coveredBy } = parsed.data;
      // Taken over by another rescore, which also queues this one's alert evaluation.
      if (coveredBy) return { coveredBy };
      const limit = deps.coalesce ?? DEFAULT_RESCORE_COALESCE;
      let covered: CoveredJob[] = [];
      const rescore = async () => {
        // Inside the lock: the backlog that built up while waiting for it joins this pass.
        covered =
          parsed.data.covered ??
          (incremental && deps.queues
            ? await takeOverWaiting(job, deps.queues.get('score'), {
                jobName: RESCORE_NEIGHBOURHOOD_JOB,
                limit,
                accept: coverableRescore,
              })
            : []);
        return rescoreNeighbourhood(deps.gateway, {
          subjectIds: [...new Set([...subjectIds, ...covered.flatMap((c) => c.subjectIds)])],
          hops: Math.max(hops, ...covered.map((c) => c.hops)),
          incremental: incremental ?? false,
          ...(parsed.data.asOf ? { asOf: parsed.data.asOf } : {}),
          log,
        });
      };
      // One neighbourhood rescore at a time, across workers: the incremental one reads stored scores and writes
      // the larger value back, and two overlapping ones running at once would each overwrite the other's gain.
      const stats = deps.queues
        ? await withRedisLock(
            deps.queues.connection,
            `${deps.queues.prefix}:lock:rescore-neighbourhood`,
            rescore,
          )
        : await rescore();
      if (deps.queues && job.id) {
        // The score rules, once for this job and every one it took over (their seeds together); the records' own
        // rules were queued beside the rescores (propagate.ts).
        await enqueueAlertEvaluation(
          deps.queues,
          {
            subjectIds: [...new Set([...subjectIds, ...covered.flatMap((c) => c.subjectIds)])],
            hops: Math.max(hops, ...covered.map((c) => c.hops)),
          },
          alertJobIdAfter(job.id),
        );
      }
      return { ...stats, covered: covered.length };
    }
    throw new UnrecoverableError(
      `score queue: unknown job "${job.name}"; expected ${RESCORE_ALL_JOB} or ${RESCORE_NEIGHBOURHOOD_JOB}`,
    );
  };
}
