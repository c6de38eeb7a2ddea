/** Request fields shared by several route families, so they validate and explain errors the same way. */
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates/iso-date.ts';

export const isoDateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isIsoDate, 'is not a calendar date');
