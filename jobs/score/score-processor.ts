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
import { watchRowsFor } from '../alerts/watch-hits.ts';
import { todayInChina } from '../projection/load-projection.ts';
import type { QueueSet } from '../queues.ts';
import { withRedisLock } from '../redis-lock.ts';
import { takeOverWaiting } from '../take-over.ts';
import { RescoreCost, shouldEscalate } from './escalation.ts';
import { canReuseStructure, type RescoreStats, rescoreAll, rescoreNeighbourhood } from './rescore.ts';

export const RESCORE_ALL_JOB = 'rescore-all';
export const RESCORE_NEIGHBOURHOOD_JOB = 'rescore-neighbourhood';

const asOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(toDayNumber(v)), 'must be a calendar date');

const rescoreAllData = z.object({ asOf: asOf.optional() }).strict();
const coveredJob = z.object({
  id: z.string().min(1).max(400),
  /** Empty when a whole-graph pass took the job over: it scores everyone, so the seeds need not be kept. */
  subjectIds: z.array(z.string().min(1).max(LIMITS.maxIdLength)).max(10_000),
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
    /** Set with `covered` when the backlog was served by one whole-graph pass (jobs/score/escalation.ts). */
    wholeGraph: z.boolean().optional(),
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
  /**
   * Waiting rescores below which a backlog is never served by one whole-graph pass; above it, the pass is chosen
   * when it costs less than the backlog (jobs/score/escalation.ts). Default DEFAULT_WHOLE_GRAPH_BACKLOG.
   */
  wholeGraphBacklog?: number;
  /** Whole-graph passes keep the structure for reuse up to this many subjects (RescoreAllOptions). */
  keepStructureUpTo?: number;
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
export const DEFAULT_WHOLE_GRAPH_BACKLOG = 50;
/** Most jobs one whole-graph pass takes over (the `covered` list's bound); the rest wait for the next pass. */
const WHOLE_GRAPH_TAKE_OVER = 10_000;
/** A job queued on another host whose clock is behind may look older than it is: only clearly older ones stop. */
export const CLOCK_MARGIN_MS = 2000;
/** How long a rescore waits for the one running before it (its lease is renewed while it works). */
const RESCORE_LOCK_WAIT_MS = 15 * 60_000;
/** Watched subjects one score-rule evaluation takes (its job data's bound); more are split over several. */
const MAX_SCORED_PER_EVALUATION = 10_000;
/** Longest a whole-graph pass waits for queued imports and propagations, whose rescores it then serves too. */
const UPSTREAM_WAIT_MS = 30_000;

/** A waiting incremental rescore this one may take over: its seeds join this pass. */
function coverableRescore(data: unknown): Omit<CoveredJob, 'id'> | null {
  const d = rescoreNeighbourhoodData.safeParse(data);
  if (!d.success || !d.data.incremental) return null;
  return { subjectIds: d.data.subjectIds, hops: d.data.hops };
}

/** The last whole-graph pass (analytics/last-score-pass.cypher). */
type LastPass = { ms: number; fullMs: number; reusedMs: number | null; startedAt: string | null };

/** Any waiting neighbourhood rescore: a whole-graph pass serves every one (only its id is kept). */
function anyRescore(data: unknown): Omit<CoveredJob, 'id'> | null {
  const d = rescoreNeighbourhoodData.safeParse(data);
  return d.success && !d.data.coveredBy ? { subjectIds: [], hops: 0 } : null;
}

/** The sweep after a whole-graph pass that served a backlog (one per pass, unlike the nightly one per day). */
export const sweepAfterJobId = (jobId: string): string => `alert-sweep-after-${jobId}`.replaceAll(':', '_');

export function createScoreProcessor(
  deps: ScoreDeps,
): Processor<unknown, RescoreStats | { coveredBy: string }> {
  const log = (msg: string, fields?: Record<string, unknown>) => deps.log?.info(fields ?? {}, msg);
  const cost = new RescoreCost();
  const keep = deps.keepStructureUpTo === undefined ? {} : { keepStructureUpTo: deps.keepStructureUpTo };
  /** Inside the lock: serve the whole backlog with one whole-graph pass when that is cheaper (or a retry of one). */
  const wholeGraphPass = async (
    job: Job<unknown>,
    data: RescoreNeighbourhoodJobData,
    last: LastPass | undefined,
  ): Promise<{ stats: RescoreStats; covered: CoveredJob[] } | null> => {
    const queues = deps.queues;
    if (!queues || !data.incremental) return null;
    let covered = data.covered;
    if (!data.wholeGraph) {
      // A pass of its own (a retry of a batch), or batching turned off (PIPELINE_BATCHING): no take-over.
      if (covered || deps.coalesce === 0) return null;
      // Imports and propagations still queued will ask for rescores: they count in the backlog, and the pass waits
      // for them (a while) so that one pass serves a whole burst instead of one pass per part of it, and does not
      // read the whole graph while a stream of records is being written.
      const upstream = async () => {
        let n = 0;
        for (const name of ['imports', 'propagate'] as const) {
          const c = await queues.get(name).getJobCounts('waiting', 'active', 'prioritized');
          n += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
        }
        return n;
      };
      const backlog = (await queues.get('score').getWaitingCount()) + (await upstream());
      const minBacklog = deps.wholeGraphBacklog ?? DEFAULT_WHOLE_GRAPH_BACKLOG;
      if (backlog < minBacklog || cost.perJobMs === null) return null;
      // A pass that can reuse this process's kept structure costs what the last such pass cost.
      const reusable = last ? await canReuseStructure(deps.gateway, data.asOf ?? todayInChina()) : false;
      const fullPassMs = last ? (reusable && last.reusedMs !== null ? last.reusedMs : last.fullMs) : null;
      const decision = { backlog, perJobMs: cost.perJobMs, fullPassMs, reusable, minBacklog };
      if (!shouldEscalate(decision)) return null;
      for (const until = Date.now() + UPSTREAM_WAIT_MS; Date.now() < until && (await upstream()) > 0; )
        await new Promise((r) => setTimeout(r, 200));
      log('rescore backlog served by one whole-graph pass', decision);
      covered = await takeOverWaiting(job, queues, 'score', {
        jobName: RESCORE_NEIGHBOURHOOD_JOB,
        limit: Math.min(await queues.get('score').getWaitingCount(), WHOLE_GRAPH_TAKE_OVER),
        accept: anyRescore,
        extra: { wholeGraph: true },
      });
    }
    const stats = await rescoreAll(deps.gateway, {
      ...(data.asOf ? { asOf: data.asOf } : {}),
      ...keep,
      reuseStructure: true,
      log,
    });
    return { stats, covered: covered ?? [] };
  };
  return async (job: Job<unknown>) => {
    if (job.name === RESCORE_ALL_JOB) {
      const parsed = rescoreAllData.safeParse(job.data ?? {});
      if (!parsed.success) throw new UnrecoverableError(`rescore-all: invalid data: ${parsed.error.message}`);
      const stats = await rescoreAll(deps.gateway, {
        ...(parsed.data.asOf ? { asOf: parsed.data.asOf } : {}),
        ...keep,
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
      const queues = deps.queues;
      const neighbourhood = async () => {
        const t0 = performance.now();
        // Inside the lock: the backlog that built up while waiting for it joins this pass.
        const covered =
          parsed.data.covered ??
          (incremental && queues
            ? await takeOverWaiting(job, queues, 'score', {
                jobName: RESCORE_NEIGHBOURHOOD_JOB,
                limit,
                accept: coverableRescore,
              })
            : []);
        const result = await rescoreNeighbourhood(deps.gateway, {
          subjectIds: [...new Set([...subjectIds, ...covered.flatMap((c) => c.subjectIds)])],
          hops: Math.max(hops, ...covered.map((c) => c.hops)),
          incremental: incremental ?? false,
          ...(parsed.data.asOf ? { asOf: parsed.data.asOf } : {}),
          log,
        });
        if (result.mode === 'incremental') cost.observe(performance.now() - t0, 1 + covered.length);
        return { result, covered };
      };
      if (!queues || !job.id) {
        const { rescored: _, ...stats } = (await neighbourhood()).result;
        return stats;
      }
      const jobId = job.id;
      // One rescore at a time, across workers: the incremental one reads stored scores and writes the larger value
      // back, and two overlapping ones running at once would each overwrite the other's gain.
      return withRedisLock(
        queues.connection,
        `${queues.prefix}:lock:rescore-neighbourhood`,
        async () => {
          const [last] = await deps.gateway.read<LastPass>('analytics/last-score-pass');
          // Queued before the last whole-graph pass started: that pass scored its records, and its sweep follows.
          if (
            !parsed.data.covered &&
            last?.startedAt &&
            job.timestamp < Date.parse(last.startedAt) - CLOCK_MARGIN_MS
          )
            return { coveredBy: `whole-graph pass started ${last.startedAt}` };
          const whole = await wholeGraphPass(job, parsed.data, last);
          if (whole) {
            // Every watched subject's score, seat and detector rules, as after the nightly pass.
            await enqueueAlertSweep(queues, whole.stats.asOf, sweepAfterJobId(jobId));
            return { ...whole.stats, mode: 'whole-graph' as const, covered: whole.covered.length };
          }
          const { result, covered } = await neighbourhood();
          const { rescored, ...stats } = result;
          // The score rules concern watched subjects whose stored score moved, so they look at the watched subjects
          // this pass scored (for this job and every one it took over), and nothing is queued when it scored none.
          const scored = [...new Set((await watchRowsFor(deps.gateway, rescored)).map((w) => w.subjectId))];
          for (let i = 0; i < scored.length; i += MAX_SCORED_PER_EVALUATION)
            await enqueueAlertEvaluation(
              queues,
              { scored: scored.slice(i, i + MAX_SCORED_PER_EVALUATION) },
              i === 0 ? alertJobIdAfter(jobId) : `${alertJobIdAfter(jobId)}-${i / MAX_SCORED_PER_EVALUATION}`,
            );
          return { ...stats, covered: covered.length };
        },
        // The holder may be a whole-graph pass (minutes at a million subjects): wait for it rather than fail.
        { waitMs: RESCORE_LOCK_WAIT_MS },
      );
    }
    throw new UnrecoverableError(
      `score queue: unknown job "${job.name}"; expected ${RESCORE_ALL_JOB} or ${RESCORE_NEIGHBOURHOOD_JOB}`,
    );
  };
}
