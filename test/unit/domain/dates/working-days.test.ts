import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../../../domain/dates/working-days.ts';

/** National Day 2024 as published by the State Council: Oct 1–7 off, Sep 29 (Sun) and Oct 12 (Sat) worked. */
const NATIONAL_DAY_2024 = {
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
  makeUpWorkdays: ['2024-09-29', '2024-10-12'],
};

describe('addWorkingDays', () => {
  it('skips the weekend: Friday + 1 is Monday', () => {
    expect(addWorkingDays('2024-11-01', 1)).toBe('2024-11-04');
  });

  it('7 working days from a Friday decision spans two weekends', () => {
    expect(addWorkingDays('2024-11-01', 7)).toBe('2024-11-12');
  });

  it('starts counting on the next day when the decision falls on a weekend', () => {
    expect(addWorkingDays('2024-11-02', 1)).toBe('2024-11-04');
    expect(addWorkingDays('2024-11-03', 5)).toBe('2024-11-08');
  });

  it('returns the date itself for n = 0 and counts backwards for negative n', () => {
    expect(addWorkingDays('2024-11-02', 0)).toBe('2024-11-02');
    expect(addWorkingDays('2024-11-04', -1)).toBe('2024-11-01');
  });

  it('skips a plain list of holidays', () => {
    expect(addWorkingDays('2024-09-30', 7)).toBe('2024-10-09');
    expect(addWorkingDays('2024-09-30', 7, NATIONAL_DAY_2024.holidays)).toBe('2024-10-16');
  });

  it('counts make-up Saturdays (调休) as working days', () => {
    expect(addWorkingDays('2024-09-30', 7, NATIONAL_DAY_2024)).toBe('2024-10-15');
    expect(isWorkingDay('2024-10-12', NATIONAL_DAY_2024)).toBe(true);
    expect(isWorkingDay('2024-10-12')).toBe(false);
    expect(isWorkingDay('2024-10-03', NATIONAL_DAY_2024)).toBe(false);
  });

  it('rejects a fractional n and a calendar with no working days', () => {
    expect(() => addWorkingDays('2024-11-01', 1.5)).toThrow(
      expect.objectContaining({ code: 'WORKING_DAYS_NOT_INTEGER' }),
    );
    const everyDay = Array.from({ length: 800 }, (_, i) =>
      new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
    );
    expect(() => addWorkingDays('2024-01-01', 1, everyDay)).toThrow(
      expect.objectContaining({ code: 'WORKING_CALENDAR_EMPTY' }),
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2024-11-01', '2024-11-12')).toBe(7);
    expect(workingDaysBetween('2024-11-01', '2024-11-03')).toBe(0);
    expect(workingDaysBetween('2024-11-12', '2024-11-01')).toBe(0);
    expect(workingDaysBetween('2024-09-30', '2024-10-15', NATIONAL_DAY_2024)).toBe(7);
  });
});
