import { describe, expect, it } from 'vitest';
import { MEASURE_CATALOGUE, type MeasureCatalogue } from '../../../../domain/catalogues/measures.ts';
import {
  holdersOfRole,
  inclusionId,
  reconcileInclusions,
  resolveInclusions,
} from '../../../../domain/punishment/role-resolution.ts';
import type { Inclusion } from '../../../../domain/punishment/types.ts';
import { A, courtOrder, penalty, relations } from './fixtures.ts';

const reached = (inclusions: Inclusion[], measureCode: string) =>
  inclusions
    .filter((i) => i.measureCode === measureCode)
    .map((i) => `${i.subjectId}:${i.role}`)
    .sort();

describe('resolveInclusions', () => {
  const inclusions = resolveInclusions(penalty, relations);

  it('reaches the legal representative on the act date, not the one appointed afterwards', () => {
    const procurement = reached(inclusions, 'P10_PUBLIC_RESOURCE_TRADING');
    expect(procurement).toContain('p-li:legal_representative');
    expect(inclusions.some((i) => i.subjectId === 'p-wang')).toBe(false);
    const li = inclusions.find(
      (i) => i.id === inclusionId('P10_PUBLIC_RESOURCE_TRADING', 'rec-1', 'p-li', 'legal_representative'),
    );
    expect(li?.via).toEqual([
      { from: 'p-li', type: 'LEGAL_REP', to: A, validFrom: '2018-01-01', validTo: '2023-06-01' },
    ]);
    expect(li).toMatchObject({
      from: '2023-04-20',
      to: '2026-04-20',
      status: 'in_force',
      recordSubjectId: A,
    });
  });

  it('does not reach a director who left before the act, but reaches officers in post', () => {
    expect(inclusions.some((i) => i.subjectId === 'p-zhao')).toBe(false);
    expect(reached(inclusions, 'P10_HONOURS_REVOKED')).toContain('p-sun:director_supervisor_senior_manager');
  });

  it('reads the act date half-open: a seat ending on the act date is not held, one starting on it is', () => {
    const moved = relations.map((r) =>
      r.fromId === 'p-li' && r.toId === A
        ? { ...r, validTo: '2023-03-15' }
        : r.fromId === 'p-wang'
          ? { ...r, validFrom: '2023-03-15' }
          : r,
    );
    const holders = holdersOfRole('legal_representative', penalty, moved, MEASURE_CATALOGUE.roleMapping);
    expect(holders.map((h) => h.subjectId)).toEqual(['p-wang']);
  });

  it('binds the subject, legal representative, principal and directly responsible persons (seed 004 s.15)', () => {
    expect(reached(inclusions, 'P10_FISCAL_FUNDS')).toEqual([
      'org-A:subject',
      'p-li:legal_representative',
      'p-li:principal_responsible_person',
      'p-sun:principal_responsible_person',
      'p-wu:directly_responsible_person',
    ]);
    const wu = inclusions.find((i) => i.subjectId === 'p-wu');
    expect(wu?.via[0]).toMatchObject({ from: 'p-wu', type: 'NAMED_ON_RECORD', to: A });
    expect(reached(inclusions, 'P15_PERSONAL_CREDIT_RECORD')).not.toContain('org-A:subject');
  });

  it('reaches person shareholders at or above the threshold for honours, not organisations or small holders', () => {
    const honours = reached(inclusions, 'P10_HONOURS_REVOKED');
    expect(honours).toContain('p-qian:responsible_shareholder');
    expect(honours.some((h) => h.startsWith('p-zhou') || h.startsWith('org-H'))).toBe(false);
  });

  it('takes the shareholder threshold from the catalogue', () => {
    const lower: MeasureCatalogue = {
      ...MEASURE_CATALOGUE,
      roleMapping: {
        ...MEASURE_CATALOGUE.roleMapping,
        responsible_shareholder: {
          ...MEASURE_CATALOGUE.roleMapping.responsible_shareholder,
          rules: [{ source: 'relation', relation: 'SHAREHOLDER', minStakePct: 2, personsOnly: true }],
        },
      },
    };
    expect(reached(resolveInclusions(penalty, relations, lower), 'P10_HONOURS_REVOKED')).toContain(
      'p-zhou:responsible_shareholder',
    );
  });

  it('court high-consumption order binds the actual controller (SPC 2015 art. 3) until lifted', () => {
    const court = resolveInclusions(courtOrder, relations);
    expect(reached(court, 'SPC_HIGH_CONSUMPTION')).toEqual([
      'org-A:subject',
      'p-chen:actual_controller',
      'p-li:legal_representative',
      'p-li:principal_responsible_person',
      'p-sun:principal_responsible_person',
    ]);
    expect(court.every((i) => i.measureCode === 'SPC_HIGH_CONSUMPTION' && i.to === null)).toBe(true);
    // The administrative measures do not bind the actual controller.
    expect(inclusions.some((i) => i.subjectId === 'p-chen')).toBe(false);
  });

  it('triggers nothing for a minor penalty or a record no longer standing; suspends under objection', () => {
    expect(resolveInclusions({ ...penalty, severity: 'minor' }, relations)).toEqual([]);
    for (const status of ['repaired', 'expired', 'revoked'] as const)
      expect(resolveInclusions({ ...penalty, status }, relations)).toEqual([]);
    const suspended = resolveInclusions({ ...penalty, status: 'under_objection' }, relations);
    expect(suspended.length).toBe(inclusions.length);
    expect(suspended.every((i) => i.status === 'suspended')).toBe(true);
  });

  it('is deterministic: a re-run, in any input order, yields identical inclusions and ids', () => {
    const again = resolveInclusions(penalty, [...relations].reverse());
    expect(again).toEqual(inclusions);
    expect(new Set(inclusions.map((i) => i.id)).size).toBe(inclusions.length);
    expect(inclusionId('M', 'r/1', 's', 'subject')).not.toBe(inclusionId('M', 'r', '1/s', 'subject'));
  });

  it('grants reward inclusions to a red-list subject only', () => {
    const red = resolveInclusions(
      { ...penalty, id: 'red-1', category: 'red_list', severity: 'general', directlyResponsible: [] },
      relations,
    );
    expect(red.length).toBeGreaterThan(0);
    expect(red.every((i) => i.polarity === 'reward' && i.subjectId === A && i.role === 'subject')).toBe(true);
    expect(red.map((i) => i.measureCode)).toContain('R4_GREEN_CHANNEL');
  });
});

describe('reconcileInclusions', () => {
  it('keeps shared ids, withdraws the missing and adds the new', () => {
    const before = resolveInclusions(penalty, relations);
    const after = resolveInclusions({ ...penalty, directlyResponsible: ['p-xu'] }, relations);
    const result = reconcileInclusions(before, after, '2024-01-10');
    expect(result.added.every((id) => id.includes('p-xu'))).toBe(true);
    expect(result.added.length).toBeGreaterThan(0);
    expect(result.withdrawn.every((id) => id.includes('p-wu'))).toBe(true);
    expect(result.withdrawn.length).toBe(result.added.length);
    const wu = result.inclusions.find((i) => i.subjectId === 'p-wu');
    expect(wu).toMatchObject({
      status: 'withdrawn',
      ended: { on: '2024-01-10', reason: 'record_corrected' },
    });
    expect(result.kept.length + result.withdrawn.length).toBe(before.length);
  });
});
