import { RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import type { ValidationContext } from '../../domain/schemas/context.ts';

/** The validation context of an import that starts now: today's date in China and the shipped catalogue. */
export function validationContextNow(now: Date = new Date()): ValidationContext {
  // Dates in the records are Chinese calendar days: "today" is today in UTC+8.
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return { today, catalogue: RECORD_CATEGORY_CATALOGUE };
}
