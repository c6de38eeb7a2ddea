/**
 * One entry point for every import row, NDJSON or CSV: dispatch on `kind`, validate, normalise, and turn every
 * problem into `{ field, reason }` so that the import report can list all of a row's errors at once.
 */
import type { z } from 'zod';
import type { FieldError } from '../errors.ts';
import { cleanRow, type ValidationContext } from './context.ts';
import { createRecordRowSchema, RECORD_ROW_FIELDS, type RecordInput } from './record.ts';
import { createRelationRowSchema, RELATION_ROW_FIELDS, type RelationInput } from './relation.ts';
import { createSubjectRowSchema, SUBJECT_ROW_FIELDS, type SubjectInput } from './subject.ts';

export const ROW_KINDS = ['subject', 'relation', 'record'] as const;
export type RowKind = (typeof ROW_KINDS)[number];
export type RowInput = SubjectInput | RelationInput | RecordInput;

export type RowValidation = { ok: true; row: RowInput } | { ok: false; errors: FieldError[] };

export interface RowSchemas {
  subject: ReturnType<typeof createSubjectRowSchema>;
  relation: ReturnType<typeof createRelationRowSchema>;
  record: ReturnType<typeof createRecordRowSchema>;
}

export const createRowSchemas = (ctx: ValidationContext): RowSchemas => ({
  subject: createSubjectRowSchema(ctx),
  relation: createRelationRowSchema(ctx),
  record: createRecordRowSchema(ctx),
});

/** Building zod schemas costs far more than using them; an import validates millions of rows with one context. */
const cache = new WeakMap<ValidationContext, RowSchemas>();
const schemasFor = (ctx: ValidationContext): RowSchemas => {
  let schemas = cache.get(ctx);
  if (!schemas) {
    schemas = createRowSchemas(ctx);
    cache.set(ctx, schemas);
  }
  return schemas;
};

export const ROW_FIELDS: Readonly<Record<RowKind, readonly string[]>> = {
  subject: SUBJECT_ROW_FIELDS,
  relation: RELATION_ROW_FIELDS,
  record: RECORD_ROW_FIELDS,
};

/** Zod issues → field errors; unknown keys become one error per key, duplicates are dropped. */
export const toFieldErrors = (
  issues: readonly z.core.$ZodIssue[],
  knownFields?: readonly string[],
): FieldError[] => {
  const unknownReason = knownFields
    ? `unknown field; expected one of: ${knownFields.join(', ')}`
    : 'unknown field';
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const push = (field: string, reason: string) => {
    const key = `${field}\u0000${reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ field, reason });
  };
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push(base ? `${base}.${key}` : key, unknownReason);
    } else {
      push(base, issue.message);
    }
  }
  return out;
};

const isRowKind = (value: unknown): value is RowKind => ROW_KINDS.includes(value as RowKind);

export const validateRow = (input: unknown, ctx: ValidationContext): RowValidation => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input;
    return {
      ok: false,
      errors: [{ field: '', reason: `a row must be an object with a kind field, got ${got}` }],
    };
  }
  const cleaned = cleanRow(input) as Record<string, unknown>;
  const kind = typeof cleaned.kind === 'string' ? cleaned.kind.trim().toLowerCase() : cleaned.kind;
  if (!isRowKind(kind)) {
    const reason =
      kind === undefined
        ? `is required: one of ${ROW_KINDS.join(', ')}`
        : `must be one of ${ROW_KINDS.join(', ')}; got ${JSON.stringify(kind)}`;
    return { ok: false, errors: [{ field: 'kind', reason }] };
  }
  const parsed = schemasFor(ctx)[kind].safeParse({ ...cleaned, kind });
  return parsed.success
    ? { ok: true, row: parsed.data }
    : { ok: false, errors: toFieldErrors(parsed.error.issues, ROW_FIELDS[kind]) };
};
