import { describe, expect, it } from 'vitest';
import { intervalsOverlap, isActiveOn, isEmptyInterval } from '../../../../domain/dates/intervals.ts';

describe('isActiveOn', () => {
  const tenure = { validFrom: '2020-01-01', validTo: '2024-03-01' };

  it('includes validFrom and excludes validTo', () => {
    expect(isActiveOn(tenure, '2019-12-31')).toBe(false);
    expect(isActiveOn(tenure, '2020-01-01')).toBe(true);
    expect(isActiveOn(tenure, '2024-02-29')).toBe(true);
    expect(isActiveOn(tenure, '2024-03-01')).toBe(false);
  });

  it('gives a handover day to exactly one of outgoing and incoming holders', () => {
    const successor = { validFrom: '2024-03-01' };
    for (const day of ['2024-02-29', '2024-03-01', '2024-03-02']) {
      expect(Number(isActiveOn(tenure, day)) + Number(isActiveOn(successor, day)), day).toBe(1);
    }
  });

  it('treats missing or null ends as unbounded', () => {
    expect(isActiveOn({}, '1900-01-01')).toBe(true);
    expect(isActiveOn({ validFrom: null, validTo: '2024-01-01' }, '1900-01-01')).toBe(true);
    expect(isActiveOn({ validFrom: '2024-01-01', validTo: null }, '2999-01-01')).toBe(true);
  });

  it('an interval ending where it starts is empty and never active', () => {
    const empty = { validFrom: '2024-01-01', validTo: '2024-01-01' };
    expect(isEmptyInterval(empty)).toBe(true);
    expect(isActiveOn(empty, '2024-01-01')).toBe(false);
    expect(isEmptyInterval(tenure)).toBe(false);
  });
});

describe('intervalsOverlap', () => {
  it('does not count touching half-open intervals as overlapping', () => {
    expect(intervalsOverlap({ validTo: '2024-03-01' }, { validFrom: '2024-03-01' })).toBe(false);
    expect(intervalsOverlap({ validTo: '2024-03-02' }, { validFrom: '2024-03-01' })).toBe(true);
    expect(intervalsOverlap({}, { validFrom: '2024-03-01', validTo: '2024-04-01' })).toBe(true);
  });
});
