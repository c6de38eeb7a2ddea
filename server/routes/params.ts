/** Request fields shared by several route families, so they validate and explain errors the same way. */
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates/iso-date.ts';

export const isoDateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isIsoDate, 'is not a calendar date');

/** `a,b,c` → ['a','b','c'], each checked against the allowed values. */
export const csvEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));
