import type { RecordCategoryCatalogue } from '../catalogues/record-categories.ts';
import type { IsoDate } from '../vocabulary.ts';

/** What validation needs from outside the row; injected so that the domain never reads a clock or a file. */
export interface ValidationContext {
  /** Dates after this (birth, act, decision, registration) are rejected as typos. */
  readonly today: IsoDate;
  readonly catalogue: RecordCategoryCatalogue;
}

/**
 * CSV has no "absent": an empty cell is an empty string, and a shared header across row kinds leaves the
 * other kinds' columns empty. Treat empty (after trimming) and null as absent, so the schemas see only the
 * fields that were actually given. Values are otherwise passed through untouched.
 */
export const cleanRow = (input: unknown): unknown => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key.trim()] = value;
  }
  return out;
};

/** Object-level checks run even when a field failed, so that one pass reports every problem in the row. */
export const ALWAYS = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/*
 * In an object-level check a field that failed its own parse holds a marker or its raw input, not a value:
 * these guards let the check skip it instead of reporting a second, confusing error.
 */
export const isIsoDateValue = (v: unknown): v is IsoDate =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
