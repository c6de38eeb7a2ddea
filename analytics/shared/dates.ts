/**
 * Calendar-day arithmetic for ISO dates (YYYY-MM-DD, a time part is ignored): days-from-civil by H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms". Parsing is by hand so millions of edges parse quickly.
 */
import type { IsoDate } from '../../domain/vocabulary.ts';

/** Day number used for an open interval start (−∞). */
export const OPEN_START = -2147483648;
/** Day number used for an open interval end (+∞). */
export const OPEN_END = 2147483647;

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 for `YYYY-MM-DD…`, or NaN when the text is not a valid calendar date. */
export function toDayNumber(iso: string): number {
  if (typeof iso !== 'string' || iso.length < 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) {
    return Number.NaN;
  }
  const y0 = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y0 < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y0, m)) return Number.NaN;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** ISO date for a day number (inverse of toDayNumber). */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Start day of an interval bound (inclusive); null/undefined = open. NaN when malformed. */
export function startDay(validFrom: string | null | undefined): number {
  return validFrom == null ? OPEN_START : toDayNumber(validFrom);
}

/** End day of an interval bound (exclusive); null/undefined = open. NaN when malformed. */
export function endDay(validTo: string | null | undefined): number {
  return validTo == null ? OPEN_END : toDayNumber(validTo);
}

/** Whether the half-open interval [validFrom, validTo) contains `day`. */
export function isValidOnDay(
  validFrom: string | null | undefined,
  validTo: string | null | undefined,
  day: number,
): boolean {
  return startDay(validFrom) <= day && day < endDay(validTo);
}
