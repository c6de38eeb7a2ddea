/**
 * Propagation (architecture.md data flow 2; domain.md §6): for each new or changed record, resolve the persons
 * who held the bound roles on the act date (domain `resolveInclusions`), reconcile with what the record derived
 * before (`reconcileInclusions`: a corrected record recomputes, what no longer follows is withdrawn), write the
 * inclusions with MERGE on their deterministic ids, refresh the personal credit entries and mark the record's
 * outbox markers done, all in one transaction. Re-running for the same record writes nothing new.
 *
 * The queue job carries one record id; `propagateRecords` takes many, so a backlog (or a benchmark) can handle
 * several records per transaction.
 */
import { createHash } from 'node:crypto';
import { type Job, type Processor, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { MEASURE_CATALOGUE, type MeasureCatalogue } from '../../domain/catalogues/measures.ts';
import { LIMITS } from '../../domain/limits.ts';
import { reconcileInclusions, resolveInclusions } from '../../domain/punishment/role-resolution.ts';
import type { Inclusion, InclusionEndReason } from '../../domain/punishment/types.ts';
import type { IsoDate, RecordStatus } from '../../domain/vocabulary.ts';
import { alertJobIdAfter, enqueueAlertEvaluation } from '../alerts/processor.ts';
import type { QueueSet } from '../queues.ts';
import {
  PIPELINE_RESCORE_HOPS,
  RESCORE_NEIGHBOURHOOD_JOB,
  type RescoreNeighbourhoodJobData,
  rescoreAfterJobId,
} from '../score/score-processor.ts';
import { takeOverWaiting } from '../take-over.ts';
import {
  type BindingRow,
  changedBindings,
  chinaToday,
  type EventInput,
  type LoadedRecord,
  loadRecords,
  writeRecordState,
} from './store.ts';

/** Why a record's inclusions end when the record itself no longer stands. */
const END_REASON: Partial<Record<RecordStatus, InclusionEndReason>> = {
  repaired: 'record_repaired',
  expired: 'record_expired',
  revoked: 'record_revoked',
};

export interface Derivation {
  /** Every inclusion of the record after reconciliation. */
  inclusions: Inclusion[];
  /** BOUND_BY rows that differ from what is stored (to be written). */
  changed: BindingRow[];
  added: string[];
  kept: string[];
  withdrawn: string[];
}

/** The pure step: what the record should derive now, compared with what it derived before. */
export function deriveRecord(
  loaded: Pick<LoadedRecord, 'facts' | 'relations' | 'inclusions'>,
  at: IsoDate,
  catalogue: MeasureCatalogue = MEASURE_CATALOGUE,
): Derivation {
  const fresh = resolveInclusions(loaded.facts, loaded.relations, catalogue);
  const reason = END_REASON[loaded.facts.status] ?? 'record_corrected';
  const reconciled = reconcileInclusions(loaded.inclusions, fresh, at, reason);
  // A record that was repaired or expired lifts what it triggered (a lawful end); revoked or corrected withdraws.
  const lifts = reason === 'record_repaired' || reason === 'record_expired';
  const withdrawn = new Set(reconciled.withdrawn);
  const inclusions = reconciled.inclusions.map((i) =>
    lifts && withdrawn.has(i.id) ? { ...i, status: 'lifted' as const } : i,
  );
  const changed = changedBindings(loaded.inclusions, inclusions);
  return {
    inclusions,
    changed,
    added: reconciled.added,
    kept: reconciled.kept,
    withdrawn: reconciled.withdrawn,
  };
}

export interface PropagationSummary {
  records: number;
  /** Ids asked for that are not (or no longer) in the graph. */
  missing: string[];
  /** BOUND_BY relationships written (one per bound subject and record that changed). */
  bindingsWritten: number;
  /** Inclusions added and withdrawn over all records. */
  added: number;
  withdrawn: number;
  outboxDone: number;
  /** The records' subjects and the subjects of bindings written: what rescoring and alerting look around. */
  affectedSubjectIds?: string[];
  /** The same per record found, for the stages that follow each record. */
  perRecord?: RecordOutcome[];
}

export interface RecordOutcome {
  recordId: string;
  /** The record's subject and the subjects of its bindings written. */
  affectedSubjectIds: string[];
  /** Inclusions withdrawn (a rescore may then not assume risk only grew). */
  withdrawn: number;
}

export interface PropagateOptions {
  /** The day used for withdrawals (`ended.on`); defaults to today in China. */
  today?: IsoDate;
  catalogue?: MeasureCatalogue;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Propagates several records in one transaction. */
export async function propagateRecords(
  gateway: CypherGateway,
  recordIds: readonly string[],
  opts: PropagateOptions = {},
): Promise<PropagationSummary> {
  const today = opts.today ?? chinaToday();
  // Sorted: two batches that share records lock them in the same order, so they wait instead of deadlocking.
  const ids = [...new Set(recordIds)].sort();
  return gateway.writeTx(async (tx) => {
    const loaded = await loadRecords(tx, ids, { markOutboxDone: true });
    const found = new Set(loaded.map((l) => l.facts.id));
    const changed: BindingRow[] = [];
    const events: EventInput[] = [];
    let outboxDone = 0;
    const perRecord: RecordOutcome[] = [];
    let added = 0;
    let withdrawn = 0;
    for (const record of loaded) {
      const d = deriveRecord(record, today, opts.catalogue);
      outboxDone += record.outbox.length;
      perRecord.push({
        recordId: record.facts.id,
        affectedSubjectIds: [
          ...new Set([record.facts.subjectId, ...d.changed.map((b) => b.subjectId)]),
        ].sort(),
        withdrawn: d.withdrawn.length,
      });
      if (d.changed.length === 0) continue;
      changed.push(...d.changed);
      added += d.added.length;
      withdrawn += d.withdrawn.length;
      // The first derivation is visible in the bindings themselves; a recomputation that withdraws is a step
      // of the record's history.
      if (d.withdrawn.length > 0) {
        const rowHash = typeof record.props.rowHash === 'string' ? record.props.rowHash : '';
        events.push({
          id: `propagated|${record.facts.id}|${digest(`${rowHash}|${d.added.join(',')}|${d.withdrawn.join(',')}`)}`,
          recordId: record.facts.id,
          entry: {
            at: today,
            actor: 'system:propagate',
            action: 'inclusions_recomputed',
            reason: `record ${record.facts.status}: measures resolved for the roles held on the act date ${record.facts.actDate}`,
          },
          details: { added: d.added.length, kept: d.kept.length, withdrawn: d.withdrawn },
        });
      }
    }
    const written = await writeRecordState(tx, { bindings: changed, events });
    const affected = new Set([...loaded.map((l) => l.facts.subjectId), ...changed.map((b) => b.subjectId)]);
    return {
      records: loaded.length,
      missing: ids.filter((id) => !found.has(id)),
      bindingsWritten: written.bindings,
      added,
      withdrawn,
      outboxDone,
      affectedSubjectIds: [...affected].sort(),
      perRecord,
    };
  });
}

// ── Queue side ────────────────────────────────────────────────────────────────────────────────────────────

export const PROPAGATE_JOB = 'propagate';

const recordIdSchema = z.string().trim().min(1).max(LIMITS.maxIdLength);
const jobIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxIdLength + 200);
const jobDataSchema = z.object({
  recordId: recordIdSchema,
  outboxId: z
    .string()
    .max(LIMITS.maxIdLength + 80)
    .optional(),
  /** Set on a waiting job that another propagation took over (coalescing): nothing left to do. */
  coveredBy: jobIdSchema.optional(),
  /** Set by the job that took others over: their records, so a retry of this job redoes their work too. */
  covered: z
    .array(z.object({ id: jobIdSchema, recordId: recordIdSchema }))
    .max(10_000)
    .optional(),
});
export type PropagateJobData = z.infer<typeof jobDataSchema>;

/**
 * Deterministic job id: the same record content is propagated once while the finished job is kept. BullMQ ids
 * may not contain ':' and may not be integers, so the record id is URI-encoded (':' → %3A) behind a prefix.
 */
export const propagateJobId = (recordId: string, rowHash: string): string =>
  `propagate-${encodeURIComponent(recordId)}-${rowHash}`;

/** The content hash in an outbox marker id (`record:<recordId>:<rowHash>`). */
export const rowHashOfOutboxId = (outboxId: string): string => outboxId.slice(outboxId.lastIndexOf(':') + 1);

/** Waiting propagations one job takes over: their records join its transaction. */
export const DEFAULT_PROPAGATE_COALESCE = 50;

export interface PropagateDeps {
  gateway: CypherGateway;
  log?: Logger;
  /**
   * Waiting propagations one job takes over (their records propagated in its transaction), so a burst of
   * records costs one transaction per batch; 0 turns it off. Default DEFAULT_PROPAGATE_COALESCE. Only with
   * `queues`.
   */
  coalesce?: number;
  /** When given, the next pipeline stage (rescore the neighbourhood, then alert rules) is queued. */
  queues?: QueueSet;
  /** Clock for withdrawals; defaults to today in China. */
  today?: () => IsoDate;
}

/** A waiting propagation this one may take over: its record joins this transaction. */
function coverablePropagation(data: unknown): { recordId: string } | null {
  const d = jobDataSchema.safeParse(data);
  return d.success ? { recordId: d.data.recordId } : null;
}

/**
 * The processor of the 'propagate' queue. Invalid job data fails at once, without retries. With `queues`, a job
 * takes over the propagations waiting behind it (jobs/take-over.ts) and propagates their records with its own in
 * one transaction; the stages after it stay per record, with ids derived from each record's own job id.
 */
export function createPropagateProcessor(
  deps: PropagateDeps,
): Processor<unknown, PropagationSummary | { coveredBy: string }> {
  return async (job: Job<unknown>) => {
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`propagate: invalid job data (${fields}); expected { recordId: string }`);
    }
    const { recordId, coveredBy } = parsed.data;
    if (coveredBy) return { coveredBy };
    const covered =
      parsed.data.covered ??
      (deps.queues
        ? await takeOverWaiting(job, deps.queues, 'propagate', {
            jobName: PROPAGATE_JOB,
            limit: deps.coalesce ?? DEFAULT_PROPAGATE_COALESCE,
            accept: coverablePropagation,
          })
        : []);
    const summary = await propagateRecords(deps.gateway, [recordId, ...covered.map((c) => c.recordId)], {
      today: deps.today?.(),
    });
    deps.log?.debug(
      { jobId: job.id, ...summary, perRecord: undefined, covered: covered.length },
      'records propagated',
    );
    const queues = deps.queues;
    if (queues && job.id) {
      const outcome = new Map((summary.perRecord ?? []).map((o) => [o.recordId, o]));
      const jobs = [{ id: job.id, recordId }, ...covered];
      await Promise.all(
        jobs.map(async (j) => {
          const o = outcome.get(j.recordId);
          if (o) await enqueueAfterPropagation(queues, j.id, o);
        }),
      );
    }
    return { ...summary, covered: covered.length };
  };
}

/**
 * The stages after one record's propagation, with ids derived from its propagate job's deterministic id (a
 * re-delivered propagation queues nothing twice). The record's own rules need the graph, not scores: they are
 * evaluated at once, beside the rescore (whose score rules follow it), so an alert does not wait for the
 * neighbourhood to be rescored.
 */
async function enqueueAfterPropagation(queues: QueueSet, jobId: string, o: RecordOutcome): Promise<void> {
  await enqueueAlertEvaluation(
    queues,
    { recordId: o.recordId, hops: PIPELINE_RESCORE_HOPS },
    alertJobIdAfter(jobId),
  );
  await queues.get('score').add(
    RESCORE_NEIGHBOURHOOD_JOB,
    {
      subjectIds: o.affectedSubjectIds.slice(0, 10_000),
      hops: PIPELINE_RESCORE_HOPS,
      recordId: o.recordId,
      // Nothing withdrawn: the sources' risk only gained, so the incremental rescore may apply.
      incremental: o.withdrawn === 0,
    } satisfies RescoreNeighbourhoodJobData,
    { jobId: rescoreAfterJobId(jobId) },
  );
}

/**
 * Puts pending outbox markers (oldest first, at most `limit`) on the 'propagate' queue with deterministic job
 * ids, so enqueuing the same marker twice runs it once. The reconciler and schedule around it are the pipeline's.
 * Returns the number of markers handed to the queue.
 */
export async function enqueuePendingOutbox(
  services: { gateway: CypherGateway; queues: QueueSet },
  limit: number,
): Promise<number> {
  const pending = await services.gateway.read<{ id: string; recordId: string }>('punishment/pending-outbox', {
    limit: Math.max(0, Math.floor(limit)),
  });
  if (pending.length === 0) return 0;
  await services.queues.get('propagate').addBulk(
    pending.map((o) => ({
      name: PROPAGATE_JOB,
      data: { recordId: o.recordId, outboxId: o.id } satisfies PropagateJobData,
      opts: { jobId: propagateJobId(o.recordId, rowHashOfOutboxId(o.id)) },
    })),
  );
  return pending.length;
}
