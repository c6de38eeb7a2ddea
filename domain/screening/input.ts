/**
 * What a bank sends to screening, checked and prepared (issue 7): each row names a subject by name plus USCC
 * (or an old registration number), or by a person's resident ID number. A person's ID number is replaced here by
 * its keyed hash and masked form, so the clear number never reaches a queue, a log or a stored result.
 * Every problem is reported with the row's line and field, all at once, so a file is fixed in one pass.
 */
import type { FieldError } from '../errors.ts';
import { validateRegistrationNumber } from '../identifiers/registration-number.ts';
import { hashResidentId, maskResidentId, validateResidentId } from '../identifiers/resident-id.ts';
import { validateUscc } from '../identifiers/uscc.ts';
import { LIMITS } from '../limits.ts';
import type { IsoDate } from '../vocabulary.ts';
import { SCREENING_LIMITS } from './limits.ts';

/** A row as the client sends it (JSON body or a CSV line). */
export interface ScreeningInputRow {
  ref?: string | null;
  name?: string | null;
  uscc?: string | null;
  idNumber?: string | null;
}

export const INPUT_FIELDS = ['ref', 'name', 'uscc', 'idNumber'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** A row ready to screen: identifiers normalised, the ID number only as hash and masked form. */
export interface PreparedRow {
  /** Position in the input: the CSV line number, or 1-based index in a JSON list. */
  line: number;
  ref: string | null;
  name: string | null;
  /** Normalised USCC or 15-digit registration number. */
  code: string | null;
  codeKind: 'uscc' | 'regNo' | null;
  idHash: string | null;
  idMasked: string | null;
}

export interface RowError extends FieldError {
  line: number;
}

export interface PrepareContext {
  secret: string;
  today: IsoDate;
}

const blank = (v: string | null | undefined): v is null | undefined => v == null || v.trim() === '';

/** Checks and prepares one row; `field` names are prefixed with `fieldPrefix` (e.g. `subjects[3].`). */
export function prepareRow(
  row: ScreeningInputRow,
  line: number,
  ctx: PrepareContext,
  fieldPrefix = '',
): { ok: true; row: PreparedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: InputField | '', reason: string) =>
    errors.push({ line, field: `${fieldPrefix}${field}`, reason });
  const prepared: PreparedRow = {
    line,
    ref: null,
    name: null,
    code: null,
    codeKind: null,
    idHash: null,
    idMasked: null,
  };
  if (!blank(row.ref)) {
    const ref = row.ref.trim();
    if (ref.length > SCREENING_LIMITS.maxRefLength)
      fail('ref', `is ${ref.length} characters; at most ${SCREENING_LIMITS.maxRefLength}`);
    else prepared.ref = ref;
  }
  if (!blank(row.name)) {
    const name = row.name.trim();
    if ([...name].length > LIMITS.maxNameLength)
      fail('name', `is ${[...name].length} characters; at most ${LIMITS.maxNameLength}`);
    else prepared.name = name;
  }
  if (!blank(row.uscc)) {
    const uscc = validateUscc(row.uscc);
    if (uscc.ok) {
      prepared.code = uscc.value;
      prepared.codeKind = 'uscc';
    } else {
      const regNo = validateRegistrationNumber(row.uscc);
      if (regNo.ok) {
        prepared.code = regNo.value;
        prepared.codeKind = 'regNo';
      } else fail('uscc', `is not a valid unified social credit code: ${uscc.message}`);
    }
  }
  if (!blank(row.idNumber)) {
    const id = validateResidentId(row.idNumber, { today: ctx.today });
    if (id.ok) {
      prepared.idHash = hashResidentId(id.value, ctx.secret);
      prepared.idMasked = maskResidentId(id.value);
    } else fail('idNumber', `is not a valid resident ID number: ${id.message}`);
  }
  if (prepared.code !== null && prepared.idHash !== null)
    fail('', 'give a USCC (organisation) or an ID number (person), not both');
  if (errors.length === 0 && prepared.name === null && prepared.code === null && prepared.idHash === null)
    fail('', 'name one subject: name, uscc or idNumber is required');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, row: prepared };
}

export interface PreparedBatch {
  rows: PreparedRow[];
  errors: RowError[];
  /** Errors beyond MAX_REPORTED_ERRORS were counted but not listed. */
  errorCount: number;
}

/** Enough problems to fix a file; a file with thousands of bad rows is probably the wrong file. */
export const MAX_REPORTED_ERRORS = 100;

/** Prepares every row, collecting all problems (up to MAX_REPORTED_ERRORS listed). */
export function prepareRows(
  rows: ReadonlyArray<{ row: ScreeningInputRow; line: number; fieldPrefix?: string }>,
  ctx: PrepareContext,
): PreparedBatch {
  const out: PreparedRow[] = [];
  const errors: RowError[] = [];
  let errorCount = 0;
  for (const { row, line, fieldPrefix } of rows) {
    const r = prepareRow(row, line, ctx, fieldPrefix);
    if (r.ok) out.push(r.row);
    else {
      errorCount += r.errors.length;
      for (const e of r.errors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    }
  }
  return { rows: out, errors, errorCount };
}
