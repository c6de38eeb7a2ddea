import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  dayOfWeek,
  daysBetween,
  fromEpochDay,
  parseDateLoose,
  parseIsoDate,
  toEpochDay,
} from '../../../../domain/dates/iso-date.ts';

describe('parseIsoDate', () => {
  it('accepts real days including 29 February in leap years', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseIsoDate('2000-02-29')).toMatchObject({ ok: true });
  });

  it.each([
    ['2023-02-29', 'DATE_INVALID'],
    ['1900-02-29', 'DATE_INVALID'],
    ['2024-04-31', 'DATE_INVALID'],
    ['2024-13-01', 'DATE_INVALID'],
    ['2024-00-10', 'DATE_INVALID'],
    ['2024-1-5', 'DATE_FORMAT'],
    ['2024-01-05T00:00:00Z', 'DATE_FORMAT'],
  ])('rejects %s with %s', (input, code) => {
    expect(parseIsoDate(input)).toMatchObject({ ok: false, code });
  });
});

describe('parseDateLoose', () => {
  it.each([
    ['2024-1-5', '2024-01-05'],
    ['2024/01/05', '2024-01-05'],
    ['2024.1.5', '2024-01-05'],
    ['2024年1月5日', '2024-01-05'],
    ['20240105', '2024-01-05'],
    [' 2024-01-05 ', '2024-01-05'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseDateLoose(input)).toEqual({ ok: true, value: expected });
  });

  it('still rejects impossible dates and other text', () => {
    expect(parseDateLoose('2023/2/29')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseDateLoose('05/01/2024')).toMatchObject({ ok: false, code: 'DATE_FORMAT' });
  });
});

describe('arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('clamps to the end of the month when adding months and years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2024-11-01')).toBe(5);
    expect(dayOfWeek('2024-11-03')).toBe(0);
    expect(dayOfWeek('1949-10-01')).toBe(6);
  });

  it('property: epoch days round-trip and match Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 50_000 }), (epochDay) => {
        const date = fromEpochDay(epochDay);
        expect(toEpochDay(date)).toBe(epochDay);
        expect(new Date(Date.UTC(1970, 0, 1 + epochDay)).toISOString().slice(0, 10)).toBe(date);
      }),
    );
  });

  it('throws on a malformed date passed to arithmetic (a bug, not user input)', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(expect.objectContaining({ code: 'DATE_INVALID' }));
  });
});
