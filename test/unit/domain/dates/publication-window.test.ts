import { describe, expect, it } from 'vitest';
import { getCategory, RECORD_CATEGORY_CATALOGUE } from '../../../../domain/catalogues/record-categories.ts';
import {
  disclosureDeadline,
  publicationWindow,
  repairEligibleFrom,
  retentionUntil,
} from '../../../../domain/dates/publication-window.ts';

const category = (id: Parameters<typeof getCategory>[1]) => getCategory(RECORD_CATEGORY_CATALOGUE, id);
const penalty = category('administrative_penalty');

describe('publicationWindow', () => {
  it('does not publish minor penalties', () => {
    expect(publicationWindow(penalty, 'minor', '2024-04-15')).toBeNull();
  });

  it('general penalty: at least 3 months, at most 1 year', () => {
    expect(publicationWindow(penalty, 'general', '2024-04-15')).toEqual({
      from: '2024-04-15',
      minUntil: '2024-07-15',
      maxUntil: '2025-04-15',
    });
  });

  it('serious penalty: at least 1 year, at most 3 years', () => {
    expect(publicationWindow(penalty, 'serious', '2024-04-15')).toEqual({
      from: '2024-04-15',
      minUntil: '2025-04-15',
      maxUntil: '2027-04-15',
    });
  });

  it('clamps month ends', () => {
    expect(publicationWindow(penalty, 'general', '2024-11-30')?.minUntil).toBe('2025-02-28');
    expect(publicationWindow(penalty, 'serious', '2024-02-29')).toMatchObject({
      minUntil: '2025-02-28',
      maxUntil: '2027-02-28',
    });
  });

  it('lists a dishonest judgment debtor for 2 years, removable at once on fulfilment', () => {
    expect(publicationWindow(category('dishonest_judgment_debtor'), 'serious', '2024-05-10')).toEqual({
      from: '2024-05-10',
      minUntil: '2024-05-10',
      maxUntil: '2026-05-10',
    });
  });

  it('leaves open-ended lists without a fixed end', () => {
    expect(
      publicationWindow(category('high_consumption_restriction'), 'serious', '2024-05-10')?.maxUntil,
    ).toBeNull();
    expect(publicationWindow(category('red_list'), 'general', '2024-05-10')?.maxUntil).toBeNull();
  });

  it('refuses a severity the category does not allow', () => {
    expect(() => publicationWindow(category('dishonest_judgment_debtor'), 'minor', '2024-05-10')).toThrow(
      expect.objectContaining({ code: 'SEVERITY_NOT_ALLOWED' }),
    );
  });
});

describe('deadlines derived from the catalogue', () => {
  it('penalties and licences must be disclosed within 7 working days; lists have no such deadline', () => {
    expect(disclosureDeadline(penalty, '2024-11-01')).toBe('2024-11-12');
    expect(disclosureDeadline(category('administrative_licence'), '2024-11-01')).toBe('2024-11-12');
    expect(disclosureDeadline(category('red_list'), '2024-11-01')).toBeNull();
  });

  it('repair is admissible after the minimum publication period', () => {
    expect(repairEligibleFrom(penalty, 'general', '2024-04-15')).toBe('2024-07-15');
    expect(repairEligibleFrom(penalty, 'serious', '2024-04-15')).toBe('2025-04-15');
    expect(repairEligibleFrom(penalty, 'minor', '2024-04-15')).toBeNull();
    expect(repairEligibleFrom(category('dishonest_judgment_debtor'), 'serious', '2024-04-15')).toBe(
      '2024-04-15',
    );
  });

  it('negative information is kept 5 years from the end of the act; positive has no limit', () => {
    expect(retentionUntil(penalty, '2024-04-15')).toBe('2029-04-15');
    expect(retentionUntil(category('honour'), '2024-04-15')).toBeNull();
  });
});
