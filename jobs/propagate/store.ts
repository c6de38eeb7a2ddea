/**
 * How joint reward and punishment lives in the graph, and the mapping between graph rows and the domain's plain
 * shapes (domain/punishment/types.ts). The storage model:
 *
 *   (:Subject)-[:BOUND_BY]->(:Record)   one relationship per subject a record's measures reach (the record's own
 *       subject, its legal representative, officers…), holding that pair's domain inclusions as parallel lists:
 *       inclusion k is measureCodes[k], roles[k], polarities[k], legalBases[k], froms[k], tos[k], statuses[k],
 *       endedOns[k], endReasons[k] ('' stands for null: Neo4j lists hold no nulls; a column whose values are all
 *       equal is stored once, as a one-element list, so read column[k] as coalesce(column[k], column[0])), its
 *       path is viaByRole (JSON)[roles[k]], and its id is the domain's `inclusionId(measure, record, subject, role)`.
 *       The record's facts (category, severity, act date, its subject) are read from the record, the bound
 *       subject from the start node (queries project them as recordId, subjectId, recordSubjectId, recordCategory,
 *       severity, actDate). Summary properties serve the indexes and filters: status (in_force > suspended >
 *       lifted > withdrawn over the pair), punishment (any punishment), from (earliest start), nextEnd (first end
 *       of a live inclusion), lastEndedOn. A binding of a person that carries the personal-record measure (P15) is
 *       also that person's credit-record entry (seed 004 s.15): personalEntry, entryStatus.
 *   (:Record)-[:HAS_EVENT]->(:RecordEvent {id, recordId, at, actor, action, reason, details (JSON), recordedAt})
 *   (:Objection {id, recordId, state, outcome, statusBefore, history (JSON)})-[:ABOUT]->(:Record)
 *   (:RepairApplication {id, recordId, subjectId, state, appliedAt, history (JSON)})-[:FOR_RECORD]->(:Record)
 *   (:CheckLog {id, at, day, actor, subjectId, scenario, asOf, answerSummary (JSON)})
 *
 * Why one relationship per pair and not a node per inclusion: a serious record reaches ~5 subjects through ~11
 * measures and ~2 roles each, about 30 inclusions; writing 30 nodes and 60 relationships per record caps
 * propagation far below the throughput the pipeline needs, while the pair holds the same facts in ~5 writes and
 * is exactly what the check walks (subject → what binds it).
 *
 * Every write of a record's inclusions goes through `writeRecordState`, so the bindings, the record's status and
 * its history change together in one transaction.
 */
import type { TxRunner } from '../../cypher/gateway.ts';
import type { BoundRole, MeasurePolarity } from '../../domain/catalogues/measures.ts';
import type { Objection, ObjectionOutcome } from '../../domain/punishment/objection.ts';
import type { RepairApplication, RepairState } from '../../domain/punishment/repair.ts';
import { inclusionId } from '../../domain/punishment/role-resolution.ts';
import type {
  CreditRecordFacts,
  DatedRelation,
  HistoryEntry,
  Inclusion,
  InclusionEndReason,
  InclusionStatus,
  PathStep,
} from '../../domain/punishment/types.ts';
import { compareIds } from '../../domain/text-order.ts';
import type {
  IsoDate,
  OfficerRole,
  RecordCategoryId,
  RecordStatus,
  RelationKind,
  Severity,
  SubjectKind,
} from '../../domain/vocabulary.ts';

/** The measure whose inclusions are also entries in the person's own credit record (seed 004 s.15). */
export const PERSONAL_RECORD_MEASURE = 'P15_PERSONAL_CREDIT_RECORD';

type Props = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Today as a calendar day in China (UTC+8): record dates are Chinese calendar days. */
export const chinaToday = (now: Date = new Date()): IsoDate =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const recordFacts = (p: Props, subjectId?: string): CreditRecordFacts => {
  const facts: CreditRecordFacts = {
    id: String(p.id),
    subjectId: subjectId ?? String(p.subjectId),
    category: p.category as RecordCategoryId,
    severity: p.severity as Severity,
    actDate: String(p.actDate),
    decisionDate: String(p.decisionDate),
    status: (str(p.status) ?? 'active') as RecordStatus,
    publicationTo: str(p.publicationTo),
  };
  if (Array.isArray(p.directlyResponsible)) facts.directlyResponsible = p.directlyResponsible.map(String);
  return facts;
};

export const datedRelation = (p: Props): DatedRelation => {
  const rel: DatedRelation = {
    type: p.type as RelationKind,
    fromId: String(p.fromId),
    toId: String(p.toId),
    fromKind: p.fromKind as SubjectKind,
    validFrom: str(p.validFrom),
    validTo: str(p.validTo),
  };
  if (typeof p.role === 'string') rel.role = p.role as OfficerRole;
  if (typeof p.stakePct === 'number') rel.stakePct = p.stakePct;
  return rel;
};

const BINDING_STATUS_ORDER: readonly InclusionStatus[] = ['in_force', 'suspended', 'lifted', 'withdrawn'];
const strOrNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
const maxOf = (xs: readonly string[]) =>
  xs.reduce<string | null>((m, x) => (m === null || x > m ? x : m), null);
const minOf = (xs: readonly string[]) =>
  xs.reduce<string | null>((m, x) => (m === null || x < m ? x : m), null);
const aggregateStatus = (statuses: readonly InclusionStatus[]): InclusionStatus | null =>
  BINDING_STATUS_ORDER.find((st) => statuses.includes(st)) ?? null;

/** A column stored once when all its values are equal (most are: one record, one decision, one status). */
const column = (values: readonly string[]): string[] =>
  values.length > 0 && values.every((v) => v === values[0]) ? [values[0]!] : [...values];

export interface BindingRow {
  subjectId: string;
  recordId: string;
  props: Props;
}

const bindingKey = (r: BindingRow) => `${r.recordId}\u0000${r.subjectId}`;

/** The BOUND_BY rows for a set of inclusions, one per (record, bound subject); deterministic order and content. */
export function bindingRows(inclusions: readonly Inclusion[]): BindingRow[] {
  const groups = new Map<string, Inclusion[]>();
  for (const i of inclusions) {
    const key = `${i.recordId}\u0000${i.subjectId}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const rows: BindingRow[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => compareIds(a.id, b.id));
    const first = list[0]!;
    const viaByRole: Record<string, readonly PathStep[]> = {};
    for (const i of list) viaByRole[i.role] ??= i.via;
    const statuses = list.map((i) => i.status);
    const live = list.filter((i) => i.status === 'in_force' || i.status === 'suspended');
    const entry = list.filter((i) => i.measureCode === PERSONAL_RECORD_MEASURE);
    const endedOns = list.map((i) => i.ended?.on ?? '');
    rows.push({
      subjectId: first.subjectId,
      recordId: first.recordId,
      props: {
        measureCodes: list.map((i) => i.measureCode),
        roles: list.map((i) => i.role),
        polarities: column(list.map((i) => i.polarity)),
        legalBases: column(list.map((i) => i.legalBasis)),
        froms: column(list.map((i) => i.from)),
        tos: column(list.map((i) => i.to ?? '')),
        statuses: column(statuses),
        endedOns: column(endedOns),
        endReasons: column(list.map((i) => i.ended?.reason ?? '')),
        viaByRole: JSON.stringify(viaByRole),
        status: aggregateStatus(statuses),
        punishment: list.some((i) => i.polarity === 'punishment'),
        from: minOf(list.map((i) => i.from)),
        nextEnd: minOf(live.flatMap((i) => (i.to === null ? [] : [i.to]))),
        lastEndedOn: maxOf(endedOns.filter((d) => d !== '')),
        personalEntry: entry.length > 0,
        entryStatus: aggregateStatus(entry.map((i) => i.status)),
      },
    });
  }
  return rows.sort((a, b) => compareIds(bindingKey(a), bindingKey(b)));
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
/** Reads a column written by `column`: a one-element list stands for every row. */
const at = (values: readonly string[], k: number): string | undefined => values[k] ?? values[0];

/** The domain inclusions a stored BOUND_BY relationship holds. */
export function inclusionsFromBinding(p: Props): Inclusion[] {
  const codes = list(p.measureCodes);
  const roles = list(p.roles);
  const polarities = list(p.polarities);
  const bases = list(p.legalBases);
  const froms = list(p.froms);
  const tos = list(p.tos);
  const statuses = list(p.statuses);
  const endedOns = list(p.endedOns);
  const endReasons = list(p.endReasons);
  let viaByRole: Record<string, PathStep[]> = {};
  try {
    viaByRole = JSON.parse(String(p.viaByRole ?? '{}')) as Record<string, PathStep[]>;
  } catch {
    viaByRole = {};
  }
  const recordId = String(p.recordId);
  const subjectId = String(p.subjectId);
  return codes.map((measureCode, k) => {
    const role = at(roles, k) as BoundRole;
    const inclusion: Inclusion = {
      id: inclusionId(measureCode, recordId, subjectId, role),
      measureCode,
      polarity: at(polarities, k) as MeasurePolarity,
      recordId,
      recordSubjectId: String(p.recordSubjectId),
      recordCategory: p.recordCategory as RecordCategoryId,
      severity: p.severity as Severity,
      actDate: String(p.actDate),
      subjectId,
      role,
      via: viaByRole[role] ?? [],
      legalBasis: at(bases, k) ?? '',
      from: at(froms, k) ?? '',
      to: strOrNull(at(tos, k)),
      status: at(statuses, k) as InclusionStatus,
    };
    const endedOn = strOrNull(at(endedOns, k));
    if (endedOn) inclusion.ended = { on: endedOn, reason: at(endReasons, k) as InclusionEndReason };
    return inclusion;
  });
}

export const inclusionsFromBindings = (bindings: readonly Props[]): Inclusion[] =>
  bindings.flatMap(inclusionsFromBinding).sort((a, b) => compareIds(a.id, b.id));

/** Binding rows of `next` that differ from those of `previous` (unchanged pairs are not rewritten). */
export function changedBindings(previous: readonly Inclusion[], next: readonly Inclusion[]): BindingRow[] {
  if (previous.length === 0) return bindingRows(next);
  const before = new Map(bindingRows(previous).map((r) => [bindingKey(r), JSON.stringify(r.props)]));
  return bindingRows(next).filter((r) => before.get(bindingKey(r)) !== JSON.stringify(r.props));
}

const parseHistory = (v: unknown): HistoryEntry[] => {
  if (typeof v !== 'string') return [];
  try {
    const parsed = JSON.parse(v) as unknown;
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]) : [];
  } catch {
    return [];
  }
};

export const objectionFromProps = (p: Props): Objection => ({
  id: String(p.id),
  recordId: String(p.recordId),
  state: p.state === 'resolved' ? 'resolved' : 'open',
  outcome: (str(p.outcome) as ObjectionOutcome | null) ?? null,
  statusBefore: (str(p.statusBefore) ?? 'active') as RecordStatus,
  history: parseHistory(p.history),
});

export const objectionProps = (o: Objection): Props => {
  const first = o.history[0];
  const last = o.history.at(-1);
  const resolved = o.state === 'resolved' && last !== undefined;
  return {
    state: o.state,
    outcome: o.outcome,
    statusBefore: o.statusBefore,
    openedAt: first?.at ?? null,
    openedBy: first?.actor ?? null,
    openReason: first?.reason ?? null,
    decidedAt: resolved ? last.at : null,
    decidedBy: resolved ? last.actor : null,
    decisionReason: resolved ? last.reason : null,
    history: JSON.stringify(o.history),
  };
};

export const repairFromProps = (p: Props): RepairApplication => ({
  id: String(p.id),
  recordId: String(p.recordId),
  subjectId: String(p.subjectId),
  state: p.state as RepairState,
  appliedAt: String(p.appliedAt),
  history: parseHistory(p.history),
});

export const repairProps = (a: RepairApplication): Props => ({
  subjectId: a.subjectId,
  state: a.state,
  appliedAt: a.appliedAt,
  appliedBy: a.history[0]?.actor ?? null,
  history: JSON.stringify(a.history),
});

/** A record as loaded for a decision or a propagation. */
export interface LoadedRecord {
  props: Props;
  facts: CreditRecordFacts;
  relations: DatedRelation[];
  inclusions: Inclusion[];
  outbox: string[];
}

/**
 * Loads records and what their decisions need, taking their write locks; missing ids are left out. With
 * `markOutboxDone` (a propagation, which handles every pending marker it reads) the markers are marked done in the
 * same read: one statement fewer per transaction, and the caller's transaction still decides whether they stay so.
 */
export async function loadRecords(
  tx: TxRunner,
  ids: readonly string[],
  opts: { markOutboxDone?: boolean } = {},
): Promise<LoadedRecord[]> {
  const rows = await tx.run<{
    record: Props;
    subjectId: string;
    relations: Props[];
    bindings: Props[];
    outbox: string[];
  }>('punishment/load-records', { ids, markOutboxDone: opts.markOutboxDone ?? false });
  return rows.map((row) => ({
    props: row.record,
    facts: recordFacts(row.record, row.subjectId),
    relations: row.relations.map(datedRelation),
    inclusions: inclusionsFromBindings(row.bindings),
    outbox: row.outbox,
  }));
}

export interface EventInput {
  id: string;
  recordId: string;
  entry: HistoryEntry;
  details?: Record<string, unknown>;
  objectionId?: string;
  repairId?: string;
}

export interface RecordStateWrite {
  /** Record properties to set, by record id (status, corrected fields, publication end). */
  records?: Array<{ id: string; props: Props }>;
  /**
   * The records' inclusions after the decision, every one of them (a binding holds all inclusions of its pair),
   * with what was stored before: only the pairs that changed are written.
   */
  inclusions?: { previous: readonly Inclusion[]; next: readonly Inclusion[] };
  /** Binding rows already computed (`changedBindings`), for callers that needed them first. */
  bindings?: readonly BindingRow[];
  events?: readonly EventInput[];
}

/** Writes a decision's results in the caller's transaction, so they commit (or fail) together. */
export async function writeRecordState(tx: TxRunner, w: RecordStateWrite): Promise<{ bindings: number }> {
  if (w.records?.length) await tx.run('punishment/update-records', { rows: w.records });
  const rows = [
    ...(w.bindings ?? []),
    ...(w.inclusions ? changedBindings(w.inclusions.previous, w.inclusions.next) : []),
  ];
  // Relationship writes lock both ends; taking the subjects' locks in one global order keeps concurrent
  // propagations (which share persons: nominees, shareholders) from deadlocking each other.
  rows.sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
  if (rows.length) await tx.run('punishment/write-bindings', { rows });
  if (w.events?.length) {
    await tx.run('punishment/add-events', {
      events: w.events.map((e) => ({
        id: e.id,
        recordId: e.recordId,
        props: {
          at: e.entry.at,
          actor: e.entry.actor,
          action: e.entry.action,
          reason: e.entry.reason,
          objectionId: e.objectionId ?? null,
          repairId: e.repairId ?? null,
          details: e.details ? JSON.stringify(e.details) : null,
        },
      })),
    });
  }
  return { bindings: rows.length };
}

export interface CreditEntry {
  recordId: string;
  recordSubjectId: string;
  category: RecordCategoryId;
  severity: Severity;
  roles: BoundRole[];
  path: readonly PathStep[];
  status: InclusionStatus;
  from: IsoDate;
  to: IsoDate | null;
  ended: Inclusion['ended'] | null;
}

/** The records entered in a subject's own credit record because they reach it (seed 004 s.15). */
export async function creditEntriesOf(
  gateway: { read: TxRunner['run'] },
  subjectId: string,
): Promise<CreditEntry[]> {
  const rows = await gateway.read<{ binding: Props }>('punishment/credit-entries-of', { subjectId });
  return rows.map(({ binding }) => {
    const entry = inclusionsFromBinding(binding).filter((i) => i.measureCode === PERSONAL_RECORD_MEASURE);
    const first = entry[0]!;
    return {
      recordId: first.recordId,
      recordSubjectId: first.recordSubjectId,
      category: first.recordCategory,
      severity: first.severity,
      roles: entry.map((i) => i.role),
      path: first.via,
      status: binding.entryStatus as InclusionStatus,
      from: first.from,
      to: first.to,
      ended: entry.find((i) => i.ended)?.ended ?? null,
    };
  });
}
