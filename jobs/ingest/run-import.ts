/**
 * Imports files of subjects, relations and credit records. Two passes: subjects first (from every file),
 * then relations and records, so rows may refer to subjects anywhere in the input. Rows are validated
 * against the domain, prepared (ID numbers hashed) and written in batches, each batch one transaction;
 * the next batch is validated while the previous one is written. Bad rows are reported with file, line,
 * field and reason and never block the good ones. A database failure aborts the import between batches:
 * every committed batch is complete and none is half-written.
 */

import type { CypherGateway } from '../../cypher/gateway.ts';
import type { ValidationContext } from '../../domain/schemas/context.ts';
import type { RecordInput } from '../../domain/schemas/record.ts';
import type { RelationInput } from '../../domain/schemas/relation.ts';
import type { SubjectInput } from '../../domain/schemas/subject.ts';
import { validateRow } from '../../domain/schemas/validate-row.ts';
import {
  type BatchResult,
  type Outcome,
  writeRecords,
  writeRelations,
  writeSubjects,
} from './batch-writer.ts';
import { KnownSubjects } from './known-subjects.ts';
import {
  prepareRecord,
  prepareRelation,
  prepareSubject,
  type RecordWrite,
  type RelationWrite,
  type SubjectWrite,
} from './prepare.ts';
import { type ImportFile, readRows } from './sources.ts';

export interface RowError {
  file: string;
  line: number;
  field: string;
  reason: string;
}

export type KindCounts = Record<Outcome | 'rejected', number>;

export interface ImportSummary {
  files: string[];
  rowsRead: number;
  counts: { subject: KindCounts; relation: KindCounts; record: KindCounts; unreadable: number };
  errorCount: number;
  errors: RowError[];
  errorsTruncated: boolean;
  ms: number;
}

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
  rowsRead: number;
  phase: 'subjects' | 'relations and records';
}

export interface ImportOptions {
  gateway: CypherGateway;
  secret: string;
  validation: ValidationContext;
  batchSize: number;
  /** Batches written at once (default 2: Neo4j uses a core per transaction). */
  writeConcurrency?: number;
  /** The error list keeps this many rows (the count covers all). */
  maxErrors?: number;
  onProgress?: (p: ImportProgress) => void;
}

export class ImportAbortedError extends Error {
  readonly code = 'IMPORT_ABORTED';
  constructor(
    message: string,
    readonly summary: ImportSummary,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

const emptyCounts = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 });
const kindOf = (raw: Record<string, unknown>) =>
  typeof raw.kind === 'string' ? raw.kind.trim().toLowerCase() : undefined;

export async function runImport(files: ImportFile[], opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const maxErrors = opts.maxErrors ?? 10_000;
  const summary: ImportSummary = {
    files: files.map((f) => f.name),
    rowsRead: 0,
    counts: { subject: emptyCounts(), relation: emptyCounts(), record: emptyCounts(), unreadable: 0 },
    errorCount: 0,
    errors: [],
    errorsTruncated: false,
    ms: 0,
  };
  const addError = (e: RowError) => {
    summary.errorCount += 1;
    if (summary.errors.length < maxErrors) summary.errors.push(e);
    else summary.errorsTruncated = true;
  };

  const pass1Files = files.filter((f) => !f.csvKind || f.csvKind === 'subject');
  const pass2Files = files.filter((f) => f.csvKind !== 'subject');
  const bytesTotal = [...pass1Files, ...pass2Files].reduce((n, f) => n + f.bytes, 0);
  let bytesBefore = 0;

  const known = new KnownSubjects();
  // Up to `writeConcurrency` batches are written at once while the next one is validated, so Neo4j
  // can use every core. Subjects all commit before relations and records start (the passes), and the
  // fast-path keys are claimed synchronously here, so concurrent batches never create the same thing.
  const running = new Set<Promise<void>>();
  let failure: unknown = null;
  let currentFile = '';
  const flush = async <T extends { line: number }>(
    kind: 'subject' | 'relation' | 'record',
    batch: T[],
    write: (g: CypherGateway, b: T[], known: KnownSubjects) => Promise<BatchResult>,
  ): Promise<void> => {
    if (batch.length === 0) return;
    while (running.size >= (opts.writeConcurrency ?? 2)) await Promise.race(running);
    if (failure) throw failure;
    const file = currentFile;
    const task: Promise<void> = write(opts.gateway, batch, known)
      .then((result) => {
        for (const o of result.outcomes) summary.counts[kind][o] += 1;
        for (const p of result.problems) {
          summary.counts[kind].rejected += 1;
          addError({ file, line: p.line, field: p.field, reason: p.reason });
        }
      })
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => running.delete(task));
    running.add(task);
  };
  const drain = async () => {
    await Promise.all(running);
    if (failure) throw failure;
  };

  const runPass = async (passFiles: ImportFile[], phase: ImportProgress['phase']) => {
    for (const file of passFiles) {
      currentFile = file.name;
      let subjects: SubjectWrite[] = [];
      let relations: RelationWrite[] = [];
      let records: RecordWrite[] = [];
      let lastReport = 0;
      const onBytes = (n: number) => {
        if (opts.onProgress && n - lastReport > 256 * 1024) {
          lastReport = n;
          opts.onProgress({ bytesDone: bytesBefore + n, bytesTotal, rowsRead: summary.rowsRead, phase });
        }
      };
      for await (const row of readRows(file, onBytes)) {
        if (phase === 'subjects') {
          if (row.parseError !== undefined) {
            summary.rowsRead += 1;
            summary.counts.unreadable += 1;
            addError({ file: file.name, line: row.line, field: '', reason: row.parseError });
            continue;
          }
          if (kindOf(row.raw!) !== 'subject') continue;
        } else if (row.parseError !== undefined || kindOf(row.raw!) === 'subject') {
          continue;
        }
        summary.rowsRead += 1;
        const checked = validateRow(row.raw, opts.validation);
        if (!checked.ok) {
          const k = kindOf(row.raw!);
          if (k === 'subject' || k === 'relation' || k === 'record') summary.counts[k].rejected += 1;
          else summary.counts.unreadable += 1;
          for (const e of checked.errors)
            addError({ file: file.name, line: row.line, field: e.field, reason: e.reason });
          continue;
        }
        const input = checked.row;
        if (input.kind === 'subject') {
          subjects.push(prepareSubject(input as SubjectInput, row.line, opts.secret));
          if (subjects.length >= opts.batchSize) {
            await flush('subject', subjects, writeSubjects);
            subjects = [];
          }
        } else if (input.kind === 'relation') {
          relations.push(prepareRelation(input as RelationInput, row.line, opts.secret));
          if (relations.length >= opts.batchSize) {
            await flush('relation', relations, writeRelations);
            relations = [];
          }
        } else {
          records.push(prepareRecord(input as RecordInput, row.line, opts.secret));
          if (records.length >= opts.batchSize) {
            await flush('record', records, writeRecords);
            records = [];
          }
        }
      }
      await flush('subject', subjects, writeSubjects);
      await flush('relation', relations, writeRelations);
      await flush('record', records, writeRecords);
      await drain();
      bytesBefore += file.bytes;
      opts.onProgress?.({ bytesDone: bytesBefore, bytesTotal, rowsRead: summary.rowsRead, phase });
    }
  };

  try {
    await runPass(pass1Files, 'subjects');
    await runPass(pass2Files, 'relations and records');
  } catch (err) {
    await Promise.allSettled(running);
    summary.ms = performance.now() - started;
    const reason = (err as Error).message;
    throw new ImportAbortedError(
      `Import stopped in ${currentFile}: ${reason}. Every batch written before this one is complete; fix the cause and import again (rows already loaded are recognised and not duplicated).`,
      summary,
      err,
    );
  }
  summary.errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  const written = (['subject', 'relation', 'record'] as const).reduce(
    (n, k) => n + summary.counts[k].created + summary.counts[k].updated,
    0,
  );
  // Fresh index statistics, so the queries planned next (propagation, analytics) seek instead of scanning.
  if (written > 0) await opts.gateway.refreshStatistics();
  summary.ms = performance.now() - started;
  return summary;
}
