import { expect } from 'vitest';
import { RECORD_CATEGORY_CATALOGUE } from '../../../../domain/catalogues/record-categories.ts';
import type { FieldError } from '../../../../domain/errors.ts';
import type { ValidationContext } from '../../../../domain/schemas/context.ts';
import { type RowInput, validateRow } from '../../../../domain/schemas/validate-row.ts';

export const ctx: ValidationContext = { today: '2026-11-01', catalogue: RECORD_CATEGORY_CATALOGUE };

export const TENCENT = '91440300708461136T';
export const HUAWEI = '914403001922038216';
export const PERSON = '11010519491231002X';

export const accept = (row: unknown): RowInput => {
  const result = validateRow(row, ctx);
  if (!result.ok) expect.fail(`expected the row to pass, got ${JSON.stringify(result.errors)}`);
  return result.row;
};

/** Validates and returns the errors; fails the test if the row passed. */
export const reject = (row: unknown): FieldError[] => {
  const result = validateRow(row, ctx);
  if (result.ok) expect.fail(`expected the row to fail, got ${JSON.stringify(result.row)}`);
  return result.errors;
};

export const reasonFor = (errors: FieldError[], field: string): string =>
  errors
    .filter((e) => e.field === field)
    .map((e) => e.reason)
    .join(' | ');
