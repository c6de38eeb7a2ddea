/**
 * The 'alert' queue (architecture.md data flow 4). Two jobs:
 *
 *   evaluate  after a record was propagated: the record-driven rules for `recordId`; after its neighbourhood was
 *             rescored: the score rules for the watched subjects the rescore scored (`scored`); or, asked
 *             directly, the score rules for watched subjects within `hops` of `subjectIds`;
 *   sweep     after a whole-graph rescore (the nightly one, or one that served a rescore backlog): score
 *             transitions of every watched subject, seats taken by bound persons that no record evaluation saw
 *             (a relationship imported after the record), and the detector findings the rescore marked pending
 *             (new circular shareholding, nominee, shell cluster: jobs/alerts/detector-findings.ts).
 *
 * Both raise alerts through one MERGE on deterministic ids (domain/alerts/dedup.ts), so re-running a job, or the
 * same cause reaching the rules along two ways, raises nothing twice. Invalid job data fails without retries.
 */
import { type Job, type Processor, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { mergeCandidates } from '../../domain/alerts/candidates.ts';
import { evaluateNewSeats, evaluateRecord } from '../../domain/alerts/evaluate-record.ts';
import { evaluateScoreChange } from '../../domain/alerts/evaluate-scores.ts';
import type { AlertCandidate } from '../../domain/alerts/types.ts';
import { ALERT_RULE_CATALOGUE, type AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import { LIMITS } from '../../domain/limits.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { chinaToday } from '../propagate/store.ts';
import type { QueueSet } from '../queues.ts';
import { takeOverWaiting } from '../take-over.ts';
import { clearFindingsPending, findingCandidates } from './detector-findings.ts';
import { loadRecordContexts, type SeatRow, seatOf } from './record-context.ts';
import { scoreChangesOf } from './score-changes.ts';
import { raiseAlerts } from './store.ts';
import { causeNeighbourhood, watchHitsByCause, watchRowsFor } from './watch-hits.ts';

export const EVALUATE_ALERTS_JOB = 'evaluate';
export const SWEEP_ALERTS_JOB = 'sweep';

/** Bound subjects whose seats one sweep reads; the next sweep reads them again (idempotent). */
export const SWEEP_SEAT_LIMIT = 10_000;

const recordIdSchema = z.string().trim().min(1).max(LIMITS.maxIdLength);
const hopsSchema = z.number().int().min(0).max(LIMITS.maxHops);
const jobIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxIdLength + 200);
const evaluateData = z
  .object({
    recordId: recordIdSchema.optional(),
    subjectIds: z.array(z.string().min(1).max(LIMITS.maxIdLength)).max(10_000).default([]),
    hops: hopsSchema.default(2),
    /** Watched subjects a rescore scored: their score rules, without reading any neighbourhood. */
    scored: z.array(z.string().min(1).max(LIMITS.maxIdLength)).max(10_000).default([]),
    /** Set on a waiting record evaluation that another one took over (coalescing): nothing left to do. */
    coveredBy: jobIdSchema.optional(),
    /** Set by the evaluation that took others over: their records, so a retry redoes their work too. */
    covered: z
      .array(z.object({ id: jobIdSchema, recordId: recordIdSchema, hops: hopsSchema }))
      .max(10_000)
      .optional(),
  })
  .strict()
  .refine(
    (d) => d.recordId !== undefined || d.subjectIds.length > 0 || d.scored.length > 0,
    'needs recordId, subjectIds or scored',
  );
const sweepData = z.object({ asOf: z.string().optional() }).strict().nullish();

export type EvaluateAlertsJobData = z.input<typeof evaluateData>;

/** Waiting record evaluations one evaluation takes over. */
export const DEFAULT_ALERT_COALESCE = 100;

export interface AlertDeps {
  gateway: CypherGateway;
  log?: Logger;
  /**
   * With `queues`: waiting record evaluations (those propagation queues, with a record and no score seeds) one
   * such evaluation takes over, so a burst of records reads their contexts and neighbourhood once per batch; 0
   * turns it off. Default DEFAULT_ALERT_COALESCE.
   */
  coalesce?: number;
  queues?: QueueSet;
  catalogue?: AlertRuleCatalogue;
  today?: () => IsoDate;
}

export interface AlertRunSummary {
  candidates: number;
  created: string[];
  existing: number;
}

/** The 'evaluate' job as a function, for callers and tests that run it directly. */
export async function evaluateAlerts(
  gateway: CypherGateway,
  data: EvaluateAlertsJobData,
  opts: { today?: IsoDate; catalogue?: AlertRuleCatalogue; now?: string } = {},
): Promise<AlertRunSummary> {
  const parsed = evaluateData.parse(data);
  const today = opts.today ?? chinaToday();
  const catalogue = opts.catalogue ?? ALERT_RULE_CATALOGUE;
  const candidates: AlertCandidate[] = [];
  const covered = parsed.covered ?? [];
  const recordIds = [...(parsed.recordId ? [parsed.recordId] : []), ...covered.map((c) => c.recordId)];
  const loaded = await loadRecordContexts(gateway, recordIds, {
    today,
    catalogue,
    minHops: Math.max(parsed.hops, ...covered.map((c) => c.hops)),
  });
  for (const context of loaded?.contexts.values() ?? [])
    candidates.push(...evaluateRecord(catalogue, context));
  const seeds = parsed.subjectIds;
  if (seeds.length > 0) {
    // Watched subjects within `hops` of a seed.
    const around = await causeNeighbourhood(gateway, seeds, { today, catalogue, minHops: parsed.hops });
    const near = (around?.watched ?? []).filter((w) =>
      seeds.some(
        (s) => (around!.trees.get(s)?.hops.get(w.subjectId) ?? Number.POSITIVE_INFINITY) <= parsed.hops,
      ),
    );
    for (const change of await scoreChangesOf(gateway, near, today))
      candidates.push(...evaluateScoreChange(catalogue, change));
  }
  if (parsed.scored.length > 0)
    for (const change of await scoreChangesOf(gateway, await watchRowsFor(gateway, parsed.scored), today))
      candidates.push(...evaluateScoreChange(catalogue, change));
  const merged = mergeCandidates(candidates);
  const raised = await raiseAlerts(gateway, merged, opts.now);
  return {
    candidates: merged.length,
    created: raised.created,
    existing: raised.existing.length,
  };
}

/** The 'sweep' job as a function. */
export async function sweepAlerts(
  gateway: CypherGateway,
  opts: { today?: IsoDate; catalogue?: AlertRuleCatalogue; now?: string } = {},
): Promise<AlertRunSummary> {
  const today = opts.today ?? chinaToday();
  const catalogue = opts.catalogue ?? ALERT_RULE_CATALOGUE;
  const candidates: AlertCandidate[] = [];
  const watchedIds = (await gateway.read<{ id: string }>('alerts/watched-subjects')).map((r) => r.id);
  for (const change of await scoreChangesOf(gateway, await watchRowsFor(gateway, watchedIds), today))
    candidates.push(...evaluateScoreChange(catalogue, change));
  const seats = (
    await gateway.read<SeatRow>('alerts/new-seats', {
      personIds: (await gateway.read<{ id: string }>('alerts/bound-persons')).map((r) => r.id),
      today,
      limit: SWEEP_SEAT_LIMIT,
    })
  ).map(seatOf);
  if (seats.length > 0) {
    const around = await causeNeighbourhood(gateway, [...new Set(seats.map((s) => s.org.id))], {
      today,
      catalogue,
    });
    candidates.push(...evaluateNewSeats(catalogue, seats, watchHitsByCause(around)));
  }
  const findings = await findingCandidates(gateway, { today, catalogue });
  candidates.push(...findings.candidates);
  const merged = mergeCandidates(candidates);
  const now = opts.now ?? new Date().toISOString();
  const raised = await raiseAlerts(gateway, merged, now);
  // Only after their alerts exist: a sweep that fails before this line leaves them pending for the retry.
  await clearFindingsPending(gateway, findings.keys, now);
  return { candidates: merged.length, created: raised.created, existing: raised.existing.length };
}

// ── Queue side ────────────────────────────────────────────────────────────────────────────────────────────

/** Deterministic id of the alert evaluation that follows an upstream job (BullMQ ids may not contain ':'). */
export const alertJobIdAfter = (upstreamJobId: string): string =>
  `alert-${upstreamJobId}`.replaceAll(':', '_');
export const sweepJobId = (asOf: string): string => `alert-sweep-${asOf}`;

export async function enqueueAlertEvaluation(
  queues: QueueSet,
  data: EvaluateAlertsJobData,
  jobId: string,
): Promise<void> {
  await queues.get('alert').add(EVALUATE_ALERTS_JOB, data, { jobId });
}

/** The sweep after a whole-graph pass: one per day after the nightly pass unless `jobId` names another. */
export async function enqueueAlertSweep(
  queues: QueueSet,
  asOf: string,
  jobId = sweepJobId(asOf),
): Promise<void> {
  await queues.get('alert').add(SWEEP_ALERTS_JOB, { asOf }, { jobId });
}

const invalid = (job: string, error: z.ZodError) =>
  new UnrecoverableError(
    `alert/${job}: invalid job data (${error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')})`,
  );

/** An evaluation of one record's rules only (what propagation queues): the kind that is coalesced. */
const isRecordOnly = (d: {
  recordId?: string | undefined;
  subjectIds: readonly string[];
  scored: readonly string[];
}) => d.recordId !== undefined && d.subjectIds.length === 0 && d.scored.length === 0;

function coverableEvaluation(data: unknown): { recordId: string; hops: number } | null {
  const d = evaluateData.safeParse(data);
  return d.success && isRecordOnly(d.data) ? { recordId: d.data.recordId!, hops: d.data.hops } : null;
}

export function createAlertProcessor(
  deps: AlertDeps,
): Processor<unknown, AlertRunSummary | { coveredBy: string }> {
  const opts = () => ({
    ...(deps.today ? { today: deps.today() } : {}),
    ...(deps.catalogue ? { catalogue: deps.catalogue } : {}),
  });
  return async (job: Job<unknown>) => {
    if (job.name === EVALUATE_ALERTS_JOB) {
      const parsed = evaluateData.safeParse(job.data);
      if (!parsed.success) throw invalid(job.name, parsed.error);
      if (parsed.data.coveredBy) return { coveredBy: parsed.data.coveredBy };
      const data = { ...parsed.data };
      if (isRecordOnly(data) && !data.covered && deps.queues)
        data.covered = await takeOverWaiting(job, deps.queues, 'alert', {
          jobName: EVALUATE_ALERTS_JOB,
          limit: deps.coalesce ?? DEFAULT_ALERT_COALESCE,
          accept: coverableEvaluation,
        });
      const summary = await evaluateAlerts(deps.gateway, data, opts());
      deps.log?.info(
        { jobId: job.id, ...summary, created: summary.created.length, covered: data.covered?.length ?? 0 },
        'alerts evaluated',
      );
      return summary;
    }
    if (job.name === SWEEP_ALERTS_JOB) {
      const parsed = sweepData.safeParse(job.data);
      if (!parsed.success) throw invalid(job.name, parsed.error);
      const summary = await sweepAlerts(deps.gateway, opts());
      deps.log?.info({ jobId: job.id, ...summary, created: summary.created.length }, 'alert sweep');
      return summary;
    }
    throw new UnrecoverableError(
      `alert queue: unknown job "${job.name}"; expected ${EVALUATE_ALERTS_JOB} or ${SWEEP_ALERTS_JOB}`,
    );
  };
}
