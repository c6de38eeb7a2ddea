/**
 * Field-level building blocks shared by the three row schemas. Import rows come from CSV as often as from
 * NDJSON, so every field accepts text where a number or date is expected, and every message names what was
 * wrong with the value and what was expected, for the person fixing the spreadsheet.
 */
import { z } from 'zod';
import { parseDateLoose } from '../dates/iso-date.ts';
import { quote } from '../errors.ts';
import { normaliseIdentifier, toHalfWidth } from '../identifiers/normalise.ts';
import { validateRegistrationNumber } from '../identifiers/registration-number.ts';
import { validateResidentId } from '../identifiers/resident-id.ts';
import { validateUscc } from '../identifiers/uscc.ts';
import { LIMITS } from '../limits.ts';
import type { IsoDate } from '../vocabulary.ts';

const describe = (input: unknown): string =>
  input === null
    ? 'null'
    : Array.isArray(input)
      ? 'a list'
      : typeof input === 'object'
        ? 'an object'
        : quote(input);

/** Error map for the few zod built-in issues our schemas can still raise. */
export const humanise = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${issue.expected === 'string' ? 'text' : issue.expected}, got ${describe(issue.input)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters, got ${String(issue.input ?? '').length}`
        : `must be at most ${issue.maximum}`;
    case 'invalid_union':
      return issue.input === undefined ? 'is required' : `expected a number, got ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
};
const E = { error: humanise };

/** A string as it arrives in a row: anything else (number, object) is reported, not coerced. */
export const rawText = (max: number) => z.string(E).max(max, E);

/** Free text: trimmed, internal runs of whitespace (including ideographic spaces) collapsed. */
export const text = (max: number) => rawText(max).transform((v) => v.replace(/\s+/g, ' ').trim());

/** Values that are joined across subjects (addresses): also folded to half-width so that shared ones match. */
export const matchableText = (max: number) =>
  rawText(max).transform((v) => toHalfWidth(v).replace(/\s+/g, ' ').trim());

/** An enum that also accepts case variants and listed aliases (CSV from Chinese sources uses 股东, 董事…). */
export const choice = <const T extends readonly string[]>(
  values: T,
  aliases: Readonly<Record<string, T[number]>> = {},
  caseFold: 'upper' | 'lower' = 'lower',
) =>
  rawText(64).transform((v, ctx): T[number] => {
    const key = caseFold === 'upper' ? v.trim().toUpperCase() : v.trim().toLowerCase();
    const found = values.find((x) => x === key) ?? aliases[v.trim()];
    if (found === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}; got ${quote(v)}` });
      return z.NEVER;
    }
    return found;
  });

export interface NumberRange {
  /** Exclusive lower bound. */
  gt?: number;
  /** Inclusive lower bound. */
  gte?: number;
  /** Inclusive upper bound. */
  lte?: number;
  /** Word used in the message: "stake must be > 0 and ≤ 100, got 140". */
  label: string;
  /** Accept a trailing % (percentages typed in a spreadsheet). */
  percent?: boolean;
}

const rangeText = (range: NumberRange): string =>
  [
    range.gt !== undefined ? `> ${range.gt}` : range.gte !== undefined ? `≥ ${range.gte}` : null,
    range.lte !== undefined ? `≤ ${range.lte}` : null,
  ]
    .filter((x) => x !== null)
    .join(' and ');

/** Number or numeric text ("35.5", "1,000,000", and "35%" when `percent`). */
export const numberIn = (range: NumberRange) =>
  z.union([z.number(E), z.string(E)], E).transform((input, ctx): number => {
    let value = input;
    if (typeof value === 'string') {
      let t = toHalfWidth(value).trim().replaceAll(',', '');
      if (range.percent && t.endsWith('%')) t = t.slice(0, -1).trim();
      value = t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number.NaN : Number(t);
      if (Number.isNaN(value)) {
        ctx.addIssue({ code: 'custom', message: `${range.label} must be a number, got ${quote(input)}` });
        return z.NEVER;
      }
    }
    const outside =
      !Number.isFinite(value) ||
      (range.gt !== undefined && !(value > range.gt)) ||
      (range.gte !== undefined && !(value >= range.gte)) ||
      (range.lte !== undefined && !(value <= range.lte));
    if (outside) {
      ctx.addIssue({ code: 'custom', message: `${range.label} must be ${rangeText(range)}, got ${value}` });
      return z.NEVER;
    }
    return value;
  });

/** A calendar date in any common spreadsheet form, returned as YYYY-MM-DD; optionally not after `today()`. */
export const date = (options: { label: string; notAfter?: () => IsoDate }) =>
  rawText(32).transform((v, ctx): IsoDate => {
    const parsed = parseDateLoose(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    const limit = options.notAfter?.();
    if (limit !== undefined && parsed.value > limit) {
      ctx.addIssue({
        code: 'custom',
        message: `${options.label} ${parsed.value} is in the future (today is ${limit})`,
      });
      return z.NEVER;
    }
    return parsed.value;
  });

export const uscc = () =>
  rawText(64).transform((v, ctx): string => {
    const result = validateUscc(v);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });

export const registrationNumber = () =>
  rawText(64).transform((v, ctx): string => {
    const result = validateRegistrationNumber(v);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });

export const residentId = (today: () => IsoDate) =>
  rawText(64).transform((v, ctx): string => {
    const result = validateResidentId(v, { today: today() });
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });

/** Administrative division code (GB/T 2260): 6 digits, e.g. 440300 Shenzhen. */
export const divisionCode = () =>
  rawText(16).transform((v, ctx): string => {
    const value = normaliseIdentifier(v);
    if (!/^\d{6}$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `region must be a 6-digit division code such as 440300, got ${quote(v)}`,
      });
      return z.NEVER;
    }
    return value;
  });

/**
 * Phones are compared across subjects to find clusters that share one, so they are reduced to digits
 * (with a leading + kept): "0755-8601 3388" and "075586013388" must be the same contact point.
 */
export const phone = () =>
  rawText(LIMITS.maxPhoneLength).transform((v, ctx): string => {
    const t = toHalfWidth(v).trim();
    const digits = t.replace(/[\s\-()]/g, '');
    if (!/^\+?\d{5,20}$/.test(digits)) {
      ctx.addIssue({
        code: 'custom',
        message: `phone must be digits (spaces, -, ( ) and a leading + allowed), got ${quote(v)}`,
      });
      return z.NEVER;
    }
    return digits;
  });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email = () =>
  rawText(LIMITS.maxEmailLength).transform((v, ctx): string => {
    const value = toHalfWidth(v).trim().toLowerCase();
    if (!EMAIL.test(value)) {
      ctx.addIssue({ code: 'custom', message: `email must look like name@example.com, got ${quote(v)}` });
      return z.NEVER;
    }
    return value;
  });

/** Offset assumed for timestamps without one: source systems are in China Standard Time. */
const CHINA_OFFSET = '+08:00';
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A row's version: a number, or an ISO timestamp turned into epoch milliseconds, so that "a later version
 * updates" is a plain numeric comparison downstream.
 */
export const version = () =>
  z.union([z.number(E), z.string(E)], E).transform((input, ctx): number => {
    if (typeof input === 'number' || /^\d+(\.\d+)?$/.test(input.trim())) {
      const value = Number(input);
      if (Number.isFinite(value) && value >= 0) return value;
    } else {
      const m = TIMESTAMP.exec(input.trim());
      if (m) {
        const iso = `${m[1]}T${m[2] ?? '00:00'}${m[3] ?? CHINA_OFFSET}`;
        const ms = Date.parse(iso);
        if (Number.isFinite(ms) && parseDateLoose(m[1]!).ok) return ms;
      }
    }
    ctx.addIssue({
      code: 'custom',
      message: `version must be a non-negative number or an ISO timestamp (2024-05-01T10:00:00+08:00), got ${quote(input)}`,
    });
    return z.NEVER;
  });

/** Source-system ids and provenance labels. */
export const identifierText = () => rawText(LIMITS.maxIdLength).transform((v) => v.trim());
