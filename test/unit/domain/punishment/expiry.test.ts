import { describe, expect, it } from 'vitest';
import { MEASURE_CATALOGUE, type MeasureCatalogue } from '../../../../domain/catalogues/measures.ts';
import { expireOn } from '../../../../domain/punishment/expiry.ts';
import { resolveInclusions } from '../../../../domain/punishment/role-resolution.ts';
import { courtOrder, penalty, relations } from './fixtures.ts';

const inclusions = resolveInclusions(penalty, relations);

describe('expireOn', () => {
  it('ends nothing the day before the publication window closes', () => {
    expect(expireOn([penalty], inclusions, '2026-04-19')).toEqual({ records: [], inclusions: [] });
  });

  it('expires the record and lifts its inclusions on the exclusive end date', () => {
    const result = expireOn([penalty], inclusions, '2026-04-20');
    expect(result.records).toEqual([{ record: { ...penalty, status: 'expired' }, endsOn: '2026-04-20' }]);
    expect(result.inclusions.length).toBe(inclusions.length);
    for (const ended of result.inclusions) {
      expect(ended).toMatchObject({ endsOn: '2026-04-20', reason: 'record_expired' });
      expect(ended.inclusion).toMatchObject({
        status: 'lifted',
        ended: { on: '2026-04-20', reason: 'record_expired' },
      });
    }
  });

  it('catches up a missed run with the real end date', () => {
    expect(expireOn([penalty], inclusions, '2026-05-01').records[0]?.endsOn).toBe('2026-04-20');
  });

  it('ends a fixed-duration measure when its years are over, while the record still stands', () => {
    const twoYears: MeasureCatalogue = {
      ...MEASURE_CATALOGUE,
      measures: MEASURE_CATALOGUE.measures.map((m) =>
        m.code === 'P10_FISCAL_FUNDS' ? { ...m, duration: { years: 2 } } : m,
      ),
    };
    const own = resolveInclusions(penalty, relations, twoYears);
    expect(own.filter((i) => i.measureCode === 'P10_FISCAL_FUNDS').every((i) => i.to === '2025-04-20')).toBe(
      true,
    );
    expect(expireOn([penalty], own, '2025-04-19').inclusions).toEqual([]);
    const result = expireOn([penalty], own, '2025-04-20');
    expect(result.records).toEqual([]);
    expect(new Set(result.inclusions.map((e) => e.inclusion.measureCode))).toEqual(
      new Set(['P10_FISCAL_FUNDS']),
    );
    expect(result.inclusions.every((e) => e.reason === 'duration_over')).toBe(true);
  });

  it('never expires an order that only lifting ends, and sweeps inclusions of revoked records', () => {
    const court = resolveInclusions(courtOrder, relations);
    expect(expireOn([courtOrder], court, '2099-01-01')).toEqual({ records: [], inclusions: [] });
    const swept = expireOn([{ ...courtOrder, status: 'revoked' }], court, '2024-01-01');
    expect(
      swept.inclusions.every((e) => e.inclusion.status === 'withdrawn' && e.reason === 'record_revoked'),
    ).toBe(true);
    expect(swept.inclusions.length).toBe(court.length);
  });
});
