/**
 * Calendar dates as `YYYY-MM-DD` strings (vocabulary `IsoDate`). Acts, decisions and tenures are days in China
 * Standard Time, not instants, so all arithmetic is on whole days in UTC and never touches the local time zone:
 * the same input gives the same date on every server.
 */
import { DomainError, type Failure } from '../errors.ts';
import type { IsoDate } from '../vocabulary.ts';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Forms seen in Chinese government spreadsheets: 2024-1-5, 2024/01/05, 2024.1.5, 2024年1月5日, 20240105. */
const LOOSE_DATE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))$/;

export type DateErrorCode = 'DATE_FORMAT' | 'DATE_INVALID';
export type DateResult = { ok: true; value: IsoDate } | Failure<DateErrorCode>;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const formatIsoDate = (year: number, month: number, day: number): IsoDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

const fromParts = (text: string, year: number, month: number, day: number): DateResult => {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      code: 'DATE_INVALID',
      message: `${JSON.stringify(text)} is not a real calendar date`,
    };
  }
  return { ok: true, value: formatIsoDate(year, month, day) };
};

/** Strict `YYYY-MM-DD` that names a real day (rejects 2023-02-29). */
export const parseIsoDate = (text: string): DateResult => {
  const m = ISO_DATE.exec(text);
  if (!m) {
    return {
      ok: false,
      code: 'DATE_FORMAT',
      message: `expected a date as YYYY-MM-DD, got ${JSON.stringify(text)}`,
    };
  }
  return fromParts(text, Number(m[1]), Number(m[2]), Number(m[3]));
};

/** Import-side parsing: accepts the common spreadsheet forms and returns the ISO form. */
export const parseDateLoose = (input: string): DateResult => {
  const text = input.trim();
  const m = LOOSE_DATE.exec(text);
  if (!m) {
    return {
      ok: false,
      code: 'DATE_FORMAT',
      message: `expected a date such as 2024-01-05 (or 2024/1/5, 2024年1月5日, 20240105), got ${JSON.stringify(text)}`,
    };
  }
  const month = m[2] ?? m[4] ?? m[6];
  const day = m[3] ?? m[5] ?? m[7];
  return fromParts(text, Number(m[1]), Number(month), Number(day));
};

export const isIsoDate = (text: string): text is IsoDate => parseIsoDate(text).ok;

/** Throws: for dates that validation already accepted, a bad one here is a bug, not user input. */
const split = (date: IsoDate): [number, number, number] => {
  const parsed = parseIsoDate(date);
  if (!parsed.ok) throw new DomainError(parsed.code, parsed.message);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
};

/** Days since 1970-01-01 (negative before). */
export const toEpochDay = (date: IsoDate): number => {
  const [y, m, d] = split(date);
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d);
  return Math.round(utc.getTime() / MS_PER_DAY);
};

export const fromEpochDay = (epochDay: number): IsoDate => {
  const utc = new Date(epochDay * MS_PER_DAY);
  return formatIsoDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
};

export const addDays = (date: IsoDate, days: number): IsoDate => fromEpochDay(toEpochDay(date) + days);

/**
 * Calendar months; a day past the end of the target month is clamped to its last day (2024-01-31 + 1 month =
 * 2024-02-29), which is how Chinese rules counting "X 个月" are read in practice, rather than rolling into the
 * next month.
 */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const [y, m, d] = split(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate(year, month, Math.min(d, daysInMonth(year, month)));
};

/** 2024-02-29 + 1 year = 2025-02-28 (same clamping as `addMonths`). */
export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

/** Negative, zero or positive like `Array.prototype.sort` expects. ISO strings order lexically. */
export const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export const daysBetween = (from: IsoDate, to: IsoDate): number => toEpochDay(to) - toEpochDay(from);

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: IsoDate): number => {
  const day = (toEpochDay(date) + 4) % 7; // 1970-01-01 was a Thursday
  return day < 0 ? day + 7 : day;
};

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
