/**
 * Rights protection on the graph (domain.md §8): objections (seed 004 s.21) and credit repair (seed 004 s.20).
 * Each decision loads the record with its write lock, runs the pure transition of domain/punishment, and writes
 * the record, its inclusions, the personal credit entries, the objection or application and a history event in
 * one transaction. Failures are `PunishmentError`s with the domain's stable codes.
 */
import { randomUUID } from 'node:crypto';
import type { CypherGateway, TxRunner } from '../../cypher/gateway.ts';
import { findCategory, RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import {
  type Objection,
  type ObjectionResolution,
  openObjection,
  resolveObjection,
} from '../../domain/punishment/objection.ts';
import {
  applyForRepair,
  approveRepair,
  type RepairApplication,
  type RepairStep,
  rejectRepair,
  startRepairReview,
} from '../../domain/punishment/repair.ts';
import { resolveInclusions } from '../../domain/punishment/role-resolution.ts';
import type { CreditRecordFacts, HistoryEntry, Inclusion } from '../../domain/punishment/types.ts';
import type { IsoDate, RecordCategoryId, Severity } from '../../domain/vocabulary.ts';
import {
  chinaToday,
  inclusionsFromBindings,
  type LoadedRecord,
  loadRecords,
  objectionFromProps,
  objectionProps,
  recordFacts,
  repairFromProps,
  repairProps,
  writeRecordState,
} from './store.ts';

export class PunishmentError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const notFound = (what: 'record' | 'objection' | 'repair application', id: string) =>
  new PunishmentError(
    `${what === 'repair application' ? 'REPAIR' : what.toUpperCase()}_NOT_FOUND`,
    `No ${what} with id ${JSON.stringify(id)}`,
  );

async function loadOne(tx: TxRunner, recordId: string): Promise<LoadedRecord> {
  const [loaded] = await loadRecords(tx, [recordId]);
  if (!loaded) throw notFound('record', recordId);
  return loaded;
}

const countByStatus = (inclusions: readonly Inclusion[]) => {
  const out: Record<string, number> = {};
  for (const i of inclusions) out[i.status] = (out[i.status] ?? 0) + 1;
  return out;
};

const eventId = (recordId: string, action: string) => `${action}|${recordId}|${randomUUID()}`;

export interface Actor {
  actor: string;
  reason: string;
  /** Day of the step; defaults to today in China. */
  at?: IsoDate;
}

export interface ObjectionOutcomeView {
  objection: Objection & { openedAt: IsoDate | null };
  record: CreditRecordFacts;
  inclusions: Record<string, number>;
  entry: HistoryEntry;
}

const view = (objection: Objection, record: CreditRecordFacts, inclusions: readonly Inclusion[]) => ({
  objection: { ...objection, openedAt: objection.history[0]?.at ?? null },
  record,
  inclusions: countByStatus(inclusions.filter((i) => i.recordId === record.id)),
});

/** A subject objects to a record: the record goes under objection and every inclusion it derived is suspended. */
export async function fileObjection(
  gateway: CypherGateway,
  recordId: string,
  input: Actor,
): Promise<ObjectionOutcomeView> {
  const at = input.at ?? chinaToday();
  const id = `objection-${randomUUID()}`;
  return gateway.writeTx(async (tx) => {
    const loaded = await loadOne(tx, recordId);
    const step = openObjection(loaded.facts, loaded.inclusions, {
      id,
      at,
      actor: input.actor,
      reason: input.reason,
    });
    if (!step.ok) throw new PunishmentError(step.code, step.message);
    await tx.run('punishment/save-objection', {
      id,
      recordId,
      props: objectionProps(step.objection),
    });
    await writeRecordState(tx, {
      records: [{ id: recordId, props: { status: step.record.status } }],
      inclusions: { previous: loaded.inclusions, next: step.inclusions },
      events: [
        {
          id: eventId(recordId, step.entry.action),
          recordId,
          entry: step.entry,
          objectionId: id,
          details: { suspended: step.inclusions.filter((i) => i.status === 'suspended').length },
        },
      ],
    });
    return { ...view(step.objection, step.record, step.inclusions), entry: step.entry };
  });
}

/** Fields of a record an objection may correct (the facts measures depend on, and the descriptive ones). */
export interface RecordCorrection {
  category?: RecordCategoryId;
  severity?: Severity;
  actDate?: IsoDate;
  decisionDate?: IsoDate;
  publicationFrom?: IsoDate | null;
  publicationTo?: IsoDate | null;
  authority?: string;
  legalBasis?: string;
  title?: string;
}

export type ObjectionDecision = Actor &
  ({ outcome: 'upheld' } | { outcome: 'revoked' } | { outcome: 'corrected'; fields: RecordCorrection });

const FACT_FIELDS = ['category', 'severity', 'actDate', 'decisionDate', 'publicationTo'] as const;

/** Resolves an open objection: upheld (reinstated), corrected (record changed, recomputed) or revoked. */
export async function decideObjection(
  gateway: CypherGateway,
  objectionId: string,
  decision: ObjectionDecision,
): Promise<ObjectionOutcomeView> {
  const at = decision.at ?? chinaToday();
  return gateway.writeTx(async (tx) => {
    const [row] = await tx.run<{ props: Record<string, unknown> }>('punishment/objection-by-id', {
      id: objectionId,
    });
    if (!row) throw notFound('objection', objectionId);
    const objection = objectionFromProps(row.props);
    const loaded = await loadOne(tx, objection.recordId);
    const base = { at, actor: decision.actor, reason: decision.reason };
    let resolution: ObjectionResolution;
    if (decision.outcome === 'corrected') {
      const correction: Partial<CreditRecordFacts> = {};
      for (const f of FACT_FIELDS) {
        if (decision.fields[f] !== undefined) Object.assign(correction, { [f]: decision.fields[f] });
      }
      const category = correction.category ?? loaded.facts.category;
      const severity = correction.severity ?? loaded.facts.severity;
      const found = findCategory(RECORD_CATEGORY_CATALOGUE, category);
      if (!found.ok || !found.category.severities.includes(severity)) {
        throw new PunishmentError(
          'OBJECTION_CORRECTION_INVALID',
          `objection: severity ${severity} is not allowed for category ${category}${found.ok ? ` (allowed: ${found.category.severities.join(', ')})` : ''}`,
        );
      }
      resolution = {
        ...base,
        outcome: 'corrected',
        correction,
        recompute: (record) => resolveInclusions(record, loaded.relations),
      };
    } else {
      resolution = { ...base, outcome: decision.outcome };
    }
    const step = resolveObjection(objection, loaded.facts, loaded.inclusions, resolution);
    if (!step.ok) throw new PunishmentError(step.code, step.message);
    const recordProps: Record<string, unknown> = { status: step.record.status };
    if (decision.outcome === 'corrected') {
      for (const [k, v] of Object.entries(decision.fields)) if (v !== undefined) recordProps[k] = v;
      recordProps.status = step.record.status;
    }
    await tx.run('punishment/save-objection', {
      id: objection.id,
      recordId: objection.recordId,
      props: objectionProps(step.objection),
    });
    await writeRecordState(tx, {
      records: [{ id: objection.recordId, props: recordProps }],
      inclusions: { previous: loaded.inclusions, next: step.inclusions },
      events: [
        {
          id: eventId(objection.recordId, step.entry.action),
          recordId: objection.recordId,
          entry: step.entry,
          objectionId: objection.id,
          details: {
            outcome: decision.outcome,
            ...(decision.outcome === 'corrected' ? { fields: decision.fields } : {}),
            inclusions: countByStatus(step.inclusions),
          },
        },
      ],
    });
    return { ...view(step.objection, step.record, step.inclusions), entry: step.entry };
  });
}

export interface RepairView {
  application: RepairApplication;
  record: CreditRecordFacts;
  inclusions: Record<string, number>;
  entry: HistoryEntry;
}

const failRepair = (step: Exclude<RepairStep, { ok: true }>): never => {
  throw new PunishmentError(
    step.code,
    step.message,
    step.code === 'REPAIR_TOO_EARLY' && 'eligibleFrom' in step
      ? { eligibleFrom: step.eligibleFrom }
      : undefined,
  );
};

/** The subject applies for repair of a record; refused with the first admissible date when too early. */
export async function applyRepair(
  gateway: CypherGateway,
  recordId: string,
  input: Actor,
): Promise<RepairView> {
  const at = input.at ?? chinaToday();
  const id = `repair-${randomUUID()}`;
  return gateway.writeTx(async (tx) => {
    const loaded = await loadOne(tx, recordId);
    const pending = await tx.run<{ props: Record<string, unknown> }>('punishment/repairs-of-record', {
      recordId,
    });
    const open = pending
      .map((r) => repairFromProps(r.props))
      .find((a) => a.state === 'applied' || a.state === 'under_review');
    if (open) {
      throw new PunishmentError(
        'REPAIR_ALREADY_PENDING',
        `repair: application ${open.id} for record ${recordId} is ${open.state}; decide it before applying again`,
        { applicationId: open.id },
      );
    }
    const step = applyForRepair(loaded.facts, { id, at, actor: input.actor, reason: input.reason });
    if (!step.ok) return failRepair(step);
    await tx.run('punishment/save-repair', { id, recordId, props: repairProps(step.application) });
    await writeRecordState(tx, {
      events: [{ id: eventId(recordId, step.entry.action), recordId, entry: step.entry, repairId: id }],
    });
    return {
      application: step.application,
      record: loaded.facts,
      inclusions: countByStatus(loaded.inclusions),
      entry: step.entry,
    };
  });
}

export type RepairAction = 'review' | 'approve' | 'reject';

/** Review, approve or reject a repair application; approval repairs the record and lifts its inclusions. */
export async function decideRepair(
  gateway: CypherGateway,
  applicationId: string,
  input: Actor & { action: RepairAction },
): Promise<RepairView> {
  const at = input.at ?? chinaToday();
  const transition = { at, actor: input.actor, reason: input.reason };
  return gateway.writeTx(async (tx) => {
    const [row] = await tx.run<{ props: Record<string, unknown> }>('punishment/repair-by-id', {
      id: applicationId,
    });
    if (!row) throw notFound('repair application', applicationId);
    const application = repairFromProps(row.props);
    const loaded = await loadOne(tx, application.recordId);
    const recordId = application.recordId;
    if (input.action === 'approve') {
      const step = approveRepair(application, loaded.facts, loaded.inclusions, transition);
      if (!step.ok) return failRepair(step);
      await tx.run('punishment/save-repair', {
        id: application.id,
        recordId,
        props: repairProps(step.application),
      });
      await writeRecordState(tx, {
        records: [
          {
            id: recordId,
            props: { status: step.record.status, publicationTo: step.record.publicationTo ?? null },
          },
        ],
        inclusions: { previous: loaded.inclusions, next: step.inclusions },
        events: [
          {
            id: eventId(recordId, step.entry.action),
            recordId,
            entry: step.entry,
            repairId: application.id,
            details: { inclusions: countByStatus(step.inclusions) },
          },
        ],
      });
      return {
        application: step.application,
        record: step.record,
        inclusions: countByStatus(step.inclusions),
        entry: step.entry,
      };
    }
    const step =
      input.action === 'review'
        ? startRepairReview(application, transition)
        : rejectRepair(application, transition);
    if (!step.ok) return failRepair(step);
    await tx.run('punishment/save-repair', {
      id: application.id,
      recordId,
      props: repairProps(step.application),
    });
    await writeRecordState(tx, {
      events: [
        { id: eventId(recordId, step.entry.action), recordId, entry: step.entry, repairId: application.id },
      ],
    });
    return {
      application: step.application,
      record: loaded.facts,
      inclusions: countByStatus(loaded.inclusions),
      entry: step.entry,
    };
  });
}

// ── History ──────────────────────────────────────────────────────────────────────────────────────────────

export interface RecordHistory {
  record: CreditRecordFacts & { authority: string | null; legalBasis: string | null };
  events: Array<
    HistoryEntry & { id: string; objectionId: string | null; repairId: string | null; details: unknown }
  >;
  objections: Objection[];
  repairs: RepairApplication[];
  inclusions: Inclusion[];
}

const parseJson = (v: unknown): unknown => {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

export async function recordHistory(gateway: CypherGateway, recordId: string): Promise<RecordHistory> {
  const [row] = await gateway.read<{
    record: Record<string, unknown>;
    subjectId: string;
    events: Record<string, unknown>[];
    objections: Record<string, unknown>[];
    repairs: Record<string, unknown>[];
    bindings: Record<string, unknown>[];
  }>('punishment/record-history', { id: recordId });
  if (!row) throw notFound('record', recordId);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    record: {
      ...recordFacts(row.record, row.subjectId),
      authority: str(row.record.authority),
      legalBasis: str(row.record.legalBasis),
    },
    events: row.events.map((e) => ({
      id: String(e.id),
      at: String(e.at),
      actor: String(e.actor),
      action: String(e.action),
      reason: String(e.reason ?? ''),
      objectionId: str(e.objectionId),
      repairId: str(e.repairId),
      details: parseJson(e.details),
    })),
    objections: row.objections.map(objectionFromProps),
    repairs: row.repairs.map(repairFromProps),
    inclusions: inclusionsFromBindings(row.bindings),
  };
}
