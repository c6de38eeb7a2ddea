/**
 * Writes one batch of prepared rows in one transaction: all of it or none of it. Rows that cannot be
 * written (unknown subject, identifier owned by another subject, wrong kind of subject at a relation's
 * end) are reported with their line and field; the rest of the batch is written.
 */
import { Neo4jError } from 'neo4j-driver';
import type { CypherGateway, TxRunner } from '../../cypher/gateway.ts';
import type { ProtectedSubjectRef } from '../../domain/schemas/protect.ts';
import { RELATION_ENDS } from '../../domain/schemas/relation.ts';
import { type KnownSubject, type KnownSubjects, refKey } from './known-subjects.ts';
import { type RecordWrite, type RelationWrite, relationKey, type SubjectWrite } from './prepare.ts';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'stale';
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}
export interface BatchResult {
  outcomes: Outcome[];
  problems: RowProblem[];
}

const describeRef = (r: ProtectedSubjectRef) =>
  r.by === 'idHash'
    ? 'the person with this ID number'
    : r.by === 'uscc'
      ? `USCC ${r.value}`
      : `subject id ${r.value}`;

/** Resolves references from the import's own subjects first, then from the database. */
async function resolve(
  tx: TxRunner,
  refs: ProtectedSubjectRef[],
  known: KnownSubjects,
): Promise<Map<string, KnownSubject>> {
  const out = new Map<string, KnownSubject>();
  const ask = new Map<string, ProtectedSubjectRef>();
  for (const r of refs) {
    const key = refKey(r);
    const hit = known.get(r);
    if (hit) out.set(key, hit);
    else ask.set(key, r);
  }
  if (ask.size > 0) {
    const rows = await tx.run<{ key: string; id: string; kind: string }>('ingest/resolve-subjects', {
      refs: [...ask].map(([key, r]) => ({ key, by: r.by, value: r.value })),
    });
    for (const r of rows) out.set(r.key, { id: r.id, kind: r.kind });
  }
  return out;
}

export interface SubjectBatchResult extends BatchResult {
  createdIds: Set<string>;
}

async function subjectsTx(tx: TxRunner, batch: SubjectWrite[]): Promise<SubjectBatchResult> {
  const problems: RowProblem[] = [];
  // Two rows of one batch claiming the same identifier for different subjects: the first wins.
  const claimed = new Map<string, string>();
  const accepted: SubjectWrite[] = [];
  for (const row of batch) {
    const ids = [
      ['uscc', row.props.uscc],
      ['regNo', row.props.regNo],
      ['idNumber', row.props.idHash],
    ].filter(([, v]) => typeof v === 'string') as Array<[string, string]>;
    const clash = ids.find(
      ([field, v]) => claimed.has(`${field}:${v}`) && claimed.get(`${field}:${v}`) !== row.id,
    );
    if (clash) {
      problems.push({
        line: row.line,
        field: clash[0],
        reason: `already given to subject ${claimed.get(`${clash[0]}:${clash[1]}`)} earlier in this batch`,
      });
      continue;
    }
    for (const [field, v] of ids) claimed.set(`${field}:${v}`, row.id);
    accepted.push(row);
  }
  const conflicts = await tx.run<{ line: number; field: string; ownerId: string }>(
    'ingest/find-identifier-owners',
    {
      rows: accepted.map((r) => ({
        line: r.line,
        id: r.id,
        uscc: r.props.uscc,
        regNo: r.props.regNo,
        idHash: r.props.idHash,
      })),
    },
  );
  const badLines = new Set<number>();
  for (const c of conflicts) {
    badLines.add(c.line);
    problems.push({
      line: c.line,
      field: c.field,
      reason: `already belongs to subject ${c.ownerId}; give that subject's id to update it`,
    });
  }
  const rows = accepted.filter((r) => !badLines.has(r.line));
  const existing = new Set(
    (
      await tx.run<{ id: string }>('ingest/existing-subjects', { ids: [...new Set(rows.map((r) => r.id))] })
    ).map((r) => r.id),
  );
  // New ids take the CREATE fast path once; a repeated id in the batch, and every existing one, is merged.
  const createdIds = new Set<string>();
  const toCreate: SubjectWrite[] = [];
  const toMerge: SubjectWrite[] = [];
  for (const r of rows) {
    if (!existing.has(r.id) && !createdIds.has(r.id)) {
      createdIds.add(r.id);
      toCreate.push(r);
    } else {
      toMerge.push(r);
    }
  }
  const outcomes: Outcome[] = [];
  if (toCreate.length > 0) {
    const created = await tx.run<{ line: number }>('ingest/create-subjects', { rows: toCreate });
    for (const _ of created) outcomes.push('created');
  }
  if (toMerge.length > 0) {
    const written = await tx.run<{ line: number; outcome: Outcome }>('ingest/upsert-subjects', {
      rows: toMerge.map(({ contacts: _c, ...r }) => r),
    });
    const outcomeOf = new Map(written.map((w) => [w.line, w.outcome]));
    for (const w of written) outcomes.push(w.outcome);
    const contactRows = toMerge
      .filter((r) => outcomeOf.get(r.line) === 'updated' || outcomeOf.get(r.line) === 'created')
      .map((r) => ({ id: r.id, replace: true, contacts: r.contacts }));
    if (contactRows.length > 0) await tx.run('ingest/link-contacts', { rows: contactRows });
  }
  await markStructureChange(tx, outcomes);
  return { outcomes, problems, createdIds };
}

async function relationsTx(tx: TxRunner, batch: RelationWrite[], known: KnownSubjects): Promise<BatchResult> {
  const found = await resolve(
    tx,
    batch.flatMap((r) => [r.from, r.to]),
    known,
  );
  const problems: RowProblem[] = [];
  const rows: Array<Record<string, unknown>> = [];
  for (const r of batch) {
    const ends = RELATION_ENDS[r.type];
    const resolved = (['from', 'to'] as const).map((side) => {
      const ref = r[side];
      const hit = found.get(refKey(ref));
      if (!hit) {
        problems.push({
          line: r.line,
          field: side,
          reason: `unknown subject: no ${describeRef(ref)} has been imported`,
        });
        return null;
      }
      const want = ends[side];
      const isPerson = hit.kind === 'natural_person';
      if ((want === 'person' && !isPerson) || (want === 'organisation' && isPerson)) {
        problems.push({
          line: r.line,
          field: side,
          reason: `${r.type} needs ${want === 'person' ? 'a natural person' : 'an organisation'} here; ${hit.id} is ${hit.kind}`,
        });
        return null;
      }
      return hit.id;
    });
    const [fromId, toId] = resolved;
    if (!fromId || !toId) continue;
    if (fromId === toId) {
      problems.push({ line: r.line, field: 'to', reason: 'a subject cannot be related to itself' });
      continue;
    }
    rows.push({
      line: r.line,
      type: r.type,
      fromId,
      toId,
      key: relationKey(r, fromId, toId),
      rowHash: r.rowHash,
      props: r.props,
    });
  }
  // Between two subjects this import created, nothing can exist yet unless this import wrote it: CREATE.
  const fast: typeof rows = [];
  const merge: typeof rows = [];
  for (const row of rows) {
    const isNew = known.isFresh(row.fromId as string) && known.isFresh(row.toId as string);
    (isNew && known.claimRelationKey(row.key as string) ? fast : merge).push(row);
  }
  const outcomes: Outcome[] = [];
  if (fast.length > 0) {
    const created = await tx.run<{ line: number }>('ingest/create-relations', { rows: fast });
    for (const _ of created) outcomes.push('created');
  }
  if (merge.length > 0) {
    const written = await tx.run<{ line: number; outcome: Outcome }>('ingest/upsert-relations', {
      rows: merge,
    });
    for (const w of written) outcomes.push(w.outcome);
  }
  await markStructureChange(tx, outcomes);
  return { outcomes, problems };
}

/** A batch that created or changed subjects or relationships gives the graph a new structure version. */
async function markStructureChange(tx: TxRunner, outcomes: readonly Outcome[]): Promise<void> {
  if (outcomes.some((o) => o === 'created' || o === 'updated')) await tx.run('ingest/bump-structure-version');
}

async function recordsTx(tx: TxRunner, batch: RecordWrite[], known: KnownSubjects): Promise<BatchResult> {
  const found = await resolve(
    tx,
    batch.map((r) => r.subject),
    known,
  );
  const problems: RowProblem[] = [];
  const rows: Array<Record<string, unknown>> = [];
  for (const r of batch) {
    const hit = found.get(refKey(r.subject));
    if (!hit) {
      problems.push({
        line: r.line,
        field: 'subject',
        reason: `unknown subject: no ${describeRef(r.subject)} has been imported`,
      });
      continue;
    }
    rows.push({
      line: r.line,
      id: r.id,
      subjectId: hit.id,
      rowHash: r.rowHash,
      version: r.version,
      props: r.props,
    });
  }
  const written = await tx.run<{ line: number; outcome: Outcome }>('ingest/upsert-records', { rows });
  return { outcomes: written.map((w) => w.outcome), problems };
}

const isConstraintError = (err: unknown) =>
  err instanceof Neo4jError && err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';

/**
 * Runs the batch in one transaction. Should a row still break a constraint (a case the checks above
 * did not foresee), the batch is split in halves until the offending rows are isolated and reported,
 * so the good rows load and nothing is half-written.
 */
async function writeIsolating<T extends { line: number }, R extends BatchResult>(
  gateway: CypherGateway,
  batch: T[],
  work: (tx: TxRunner, rows: T[]) => Promise<R>,
  merge: (a: R, b: R) => R,
  rejected: (problem: RowProblem) => R,
): Promise<R> {
  try {
    return await gateway.writeTx((tx) => work(tx, batch));
  } catch (err) {
    if (!isConstraintError(err)) throw err;
    if (batch.length === 1) {
      return rejected({
        line: batch[0]!.line,
        field: '',
        reason: `rejected by the database: ${(err as Error).message}`,
      });
    }
    const mid = Math.ceil(batch.length / 2);
    const a = await writeIsolating(gateway, batch.slice(0, mid), work, merge, rejected);
    const b = await writeIsolating(gateway, batch.slice(mid), work, merge, rejected);
    return merge(a, b);
  }
}

const mergeResults = (a: BatchResult, b: BatchResult): BatchResult => ({
  outcomes: [...a.outcomes, ...b.outcomes],
  problems: [...a.problems, ...b.problems],
});
const rejectedResult = (p: RowProblem): BatchResult => ({ outcomes: [], problems: [p] });

/** Writes subjects; the committed ones become known to the rest of the import. */
export async function writeSubjects(
  g: CypherGateway,
  batch: SubjectWrite[],
  known: KnownSubjects,
): Promise<BatchResult> {
  const result = await writeIsolating(
    g,
    batch,
    subjectsTx,
    (a, b) => ({ ...mergeResults(a, b), createdIds: new Set([...a.createdIds, ...b.createdIds]) }),
    (p) => ({ ...rejectedResult(p), createdIds: new Set<string>() }),
  );
  const rejectedLines = new Set(result.problems.map((p) => p.line));
  known.addWritten(
    batch.filter((r) => !rejectedLines.has(r.line)),
    result.createdIds,
  );
  return result;
}

export const writeRelations = (g: CypherGateway, batch: RelationWrite[], known: KnownSubjects) =>
  writeIsolating(g, batch, (tx, rows) => relationsTx(tx, rows, known), mergeResults, rejectedResult);

export const writeRecords = (g: CypherGateway, batch: RecordWrite[], known: KnownSubjects) =>
  writeIsolating(g, batch, (tx, rows) => recordsTx(tx, rows, known), mergeResults, rejectedResult);
