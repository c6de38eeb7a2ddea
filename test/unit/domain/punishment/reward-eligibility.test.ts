import { describe, expect, it } from 'vitest';
import { threeCleanYears } from '../../../../domain/punishment/reward-eligibility.ts';
import type { CreditRecordFacts } from '../../../../domain/punishment/types.ts';
import { penalty } from './fixtures.ts';

const repaired: CreditRecordFacts = { ...penalty, status: 'repaired', publicationTo: '2024-05-10' };

describe('threeCleanYears', () => {
  it('is clean with no records once the subject is three years old', () => {
    expect(threeCleanYears([], '2024-06-01', { establishedOn: '2021-06-01' })).toMatchObject({
      clean: true,
      eligibleFrom: '2024-06-01',
    });
    expect(threeCleanYears([], '2024-05-31', { establishedOn: '2021-06-01' }).clean).toBe(false);
  });

  it('counts three years from the day a record stopped standing', () => {
    expect(threeCleanYears([repaired], '2027-05-09')).toMatchObject({
      clean: false,
      cleanSince: '2024-05-10',
      eligibleFrom: '2027-05-10',
      blocking: ['rec-1'],
    });
    expect(threeCleanYears([repaired], '2027-05-10')).toMatchObject({ clean: true, blocking: [] });
  });

  it('is never clean while a published record stands with no end', () => {
    const open = { ...penalty, category: 'serious_dishonesty_list' as const, publicationTo: null };
    expect(threeCleanYears([open], '2030-01-01')).toMatchObject({
      clean: false,
      eligibleFrom: null,
      blocking: ['rec-1'],
    });
  });

  it('ignores revoked and positive records, and counts an unpublished minor penalty on its decision day', () => {
    expect(threeCleanYears([{ ...penalty, status: 'revoked' }], '2024-06-01').clean).toBe(true);
    expect(
      threeCleanYears([{ ...penalty, category: 'red_list', severity: 'general' }], '2024-06-01').clean,
    ).toBe(true);
    const minor = { ...penalty, severity: 'minor' as const, publicationTo: null };
    expect(threeCleanYears([minor], '2026-04-20')).toMatchObject({
      clean: false,
      eligibleFrom: '2026-04-21',
    });
    expect(threeCleanYears([minor], '2026-04-21').clean).toBe(true);
  });
});
