import { describe, expect, it } from 'vitest';
import {
  applyForRepair,
  approveRepair,
  rejectRepair,
  repairOpensOn,
  startRepairReview,
} from '../../../../domain/punishment/repair.ts';
import { resolveInclusions } from '../../../../domain/punishment/role-resolution.ts';
import { penalty, relations } from './fixtures.ts';

const inclusions = resolveInclusions(penalty, relations);
const by = (at: string) => ({ at, actor: 'org-A', reason: '已整改并消除不良影响' });

const ok = <T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
};

describe('credit repair', () => {
  it('refuses an application before the minimum publication period, naming the date it opens', () => {
    // Serious penalty decided 2023-04-20: minimum 1 year (NDRC).
    expect(applyForRepair(penalty, { id: 'rep-1', ...by('2024-04-19') })).toEqual({
      ok: false,
      code: 'REPAIR_TOO_EARLY',
      eligibleFrom: '2024-04-20',
      message: expect.stringContaining('2024-04-20'),
    });
  });

  it('accepts on the first admissible day; approval ends publication and lifts the inclusions', () => {
    const applied = ok(applyForRepair(penalty, { id: 'rep-1', ...by('2024-04-20') }));
    expect(applied.application.state).toBe('applied');
    const review = ok(
      startRepairReview(applied.application, { at: '2024-04-22', actor: 'credit-office', reason: '受理' }),
    );
    const approved = ok(
      approveRepair(review.application, penalty, inclusions, {
        at: '2024-05-10',
        actor: 'credit-office',
        reason: '同意修复',
      }),
    );
    expect(approved.record).toMatchObject({ status: 'repaired', publicationTo: '2024-05-10' });
    expect(approved.inclusions.every((i) => i.status === 'lifted' && i.ended?.on === '2024-05-10')).toBe(
      true,
    );
    expect(approved.inclusions.every((i) => i.ended?.reason === 'record_repaired')).toBe(true);
    expect(approved.application.history.map((h) => h.action)).toEqual([
      'repair_applied',
      'repair_under_review',
      'repair_approved',
    ]);
    expect(resolveInclusions(approved.record, relations)).toEqual([]);
  });

  it('a general penalty opens after 3 months; a minor one has nothing to repair', () => {
    expect(repairOpensOn({ ...penalty, severity: 'general' })).toEqual({
      ok: true,
      eligibleFrom: '2023-07-20',
    });
    expect(applyForRepair({ ...penalty, severity: 'minor' }, { id: 'r', ...by('2025-01-01') })).toMatchObject(
      {
        ok: false,
        code: 'REPAIR_NOT_APPLICABLE',
      },
    );
  });

  it('rejects, and refuses transitions out of order or on a record under objection', () => {
    const applied = ok(applyForRepair(penalty, { id: 'rep-1', ...by('2024-06-01') }));
    expect(approveRepair(applied.application, penalty, inclusions, by('2024-06-02'))).toMatchObject({
      ok: false,
      code: 'REPAIR_INVALID_TRANSITION',
    });
    const review = ok(startRepairReview(applied.application, by('2024-06-02')));
    expect(ok(rejectRepair(review.application, by('2024-06-03'))).application.state).toBe('rejected');
    expect(
      approveRepair(
        review.application,
        { ...penalty, status: 'under_objection' },
        inclusions,
        by('2024-06-03'),
      ),
    ).toMatchObject({ ok: false, code: 'REPAIR_RECORD_NOT_ACTIVE' });
    expect(
      applyForRepair({ ...penalty, status: 'under_objection' }, { id: 'r', ...by('2024-06-01') }),
    ).toMatchObject({
      ok: false,
      code: 'REPAIR_RECORD_NOT_ACTIVE',
    });
  });
});
