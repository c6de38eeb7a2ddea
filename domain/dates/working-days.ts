/**
 * Working-day arithmetic for statutory deadlines such as "disclose within 7 working days of the decision"
 * (seed 004 s.16). China moves working days around public holidays (调休): some weekdays are holidays and some
 * weekends are working days, and the State Council publishes the list each year, so both are data supplied by
 * the caller, never computed here.
 */
import { DomainError } from '../errors.ts';
import type { IsoDate } from '../vocabulary.ts';
import { addDays, dayOfWeek } from './iso-date.ts';

export interface WorkingCalendar {
  /** Weekdays that are public holidays. */
  holidays?: Iterable<IsoDate>;
  /** Saturdays and Sundays that are working days (调休补班). */
  makeUpWorkdays?: Iterable<IsoDate>;
}

/** A bare list is taken as holidays, the common case. */
export type WorkingCalendarInput = Iterable<IsoDate> | WorkingCalendar;

interface ResolvedCalendar {
  holidays: ReadonlySet<IsoDate>;
  makeUpWorkdays: ReadonlySet<IsoDate>;
}

const isIterable = (value: unknown): value is Iterable<IsoDate> =>
  typeof value === 'object' && value !== null && Symbol.iterator in value;

const resolve = (calendar: WorkingCalendarInput | undefined): ResolvedCalendar => {
  if (calendar === undefined) return { holidays: new Set(), makeUpWorkdays: new Set() };
  if (isIterable(calendar)) return { holidays: new Set(calendar), makeUpWorkdays: new Set() };
  return {
    holidays: new Set(calendar.holidays ?? []),
    makeUpWorkdays: new Set(calendar.makeUpWorkdays ?? []),
  };
};

const isWorking = (date: IsoDate, calendar: ResolvedCalendar): boolean => {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
};

export const isWorkingDay = (date: IsoDate, calendar?: WorkingCalendarInput): boolean =>
  isWorking(date, resolve(calendar));

/** No real calendar has a year without a working day; a longer gap means the holiday list is wrong. */
const MAX_GAP_DAYS = 366;

/**
 * The date `n` working days after `date` (before it for negative `n`). Counting starts on the next day, as a
 * "within 7 working days of the decision" deadline does: a decision on Friday with n = 1 is due Monday.
 * With n = 0 the date itself is returned even if it is not a working day.
 */
export const addWorkingDays = (date: IsoDate, n: number, calendar?: WorkingCalendarInput): IsoDate => {
  if (!Number.isInteger(n))
    throw new DomainError('WORKING_DAYS_NOT_INTEGER', `n must be an integer, got ${n}`);
  const resolved = resolve(calendar);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  let gap = 0;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorking(current, resolved)) {
      remaining--;
      gap = 0;
    } else if (++gap > MAX_GAP_DAYS) {
      throw new DomainError(
        'WORKING_CALENDAR_EMPTY',
        `no working day in the ${MAX_GAP_DAYS} days after ${current}; check the holiday list`,
      );
    }
  }
  return current;
};

/** Working days in (from, to]: the count a deadline check needs ("is `to` within n working days of `from`?"). */
export const workingDaysBetween = (from: IsoDate, to: IsoDate, calendar?: WorkingCalendarInput): number => {
  const resolved = resolve(calendar);
  if (to <= from) return 0;
  let count = 0;
  for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
    if (isWorking(current, resolved)) count++;
  }
  return count;
};
