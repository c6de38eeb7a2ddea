import { describe, expect, it } from 'vitest';
import { composeCheck } from '../../../../domain/punishment/check.ts';
import {
  type ObjectionStep,
  openObjection,
  resolveObjection,
} from '../../../../domain/punishment/objection.ts';
import { resolveInclusions } from '../../../../domain/punishment/role-resolution.ts';
import { A, penalty, relations } from './fixtures.ts';

const inclusions = resolveInclusions(penalty, relations);
const unrelated = { ...inclusions[0]!, id: 'other', recordId: 'rec-other' };
const all = [...inclusions, unrelated];

const ok = <T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
};

const open = (): ObjectionStep =>
  ok(openObjection(penalty, all, { id: 'obj-1', at: '2024-05-01', actor: 'org-A', reason: '处罚对象错误' }));

const checkA = (step: { inclusions: typeof inclusions }) =>
  composeCheck({
    subjectId: A,
    scenario: 'fiscal_funds',
    asOf: '2024-06-01',
    direct: step.inclusions.filter((i) => i.subjectId === A),
    relations: [],
    related: [],
  });

describe('objection', () => {
  it('opening puts the record under objection and suspends its inclusions only', () => {
    const step = open();
    expect(step.record.status).toBe('under_objection');
    expect(step.objection).toMatchObject({ state: 'open', outcome: null, statusBefore: 'active' });
    expect(step.entry).toEqual({
      at: '2024-05-01',
      actor: 'org-A',
      action: 'objection_opened',
      reason: '处罚对象错误',
    });
    expect(
      step.inclusions.filter((i) => i.recordId === penalty.id).every((i) => i.status === 'suspended'),
    ).toBe(true);
    expect(step.inclusions.find((i) => i.id === 'other')?.status).toBe('in_force');
    expect(checkA(step).punishments[0]?.status).toBe('suspended');
  });

  it('upheld reinstates the record and puts the inclusions back in force', () => {
    const opened = open();
    const step = ok(
      resolveObjection(opened.objection, opened.record, opened.inclusions, {
        outcome: 'upheld',
        at: '2024-05-20',
        actor: 'provider:market-regulation',
        reason: '经核实记录无误',
      }),
    );
    expect(step.record.status).toBe('active');
    expect(step.inclusions.filter((i) => i.recordId === penalty.id)).toEqual(inclusions);
    expect(step.objection.history.map((h) => h.action)).toEqual([
      'objection_opened',
      'objection_resolved_upheld',
    ]);
    expect(checkA(step).punishments[0]?.status).toBe('in_force');
  });

  it('revoked withdraws the record and everything derived from it', () => {
    const opened = open();
    const step = ok(
      resolveObjection(opened.objection, opened.record, opened.inclusions, {
        outcome: 'revoked',
        at: '2024-05-20',
        actor: 'provider',
        reason: '经核实有误，予以撤销',
      }),
    );
    expect(step.record.status).toBe('revoked');
    const own = step.inclusions.filter((i) => i.recordId === penalty.id);
    expect(own.length).toBe(inclusions.length);
    for (const i of own)
      expect(i).toMatchObject({ status: 'withdrawn', ended: { on: '2024-05-20', reason: 'record_revoked' } });
    expect(step.inclusions.find((i) => i.id === 'other')?.status).toBe('in_force');
    expect(checkA(step).punishments).toEqual([]);
    expect(resolveInclusions(step.record, relations)).toEqual([]);
  });

  it('corrected changes the record and recomputes: a downgrade to general withdraws every measure', () => {
    const opened = open();
    const step = ok(
      resolveObjection(opened.objection, opened.record, opened.inclusions, {
        outcome: 'corrected',
        correction: { severity: 'general', publicationTo: '2024-04-20' },
        recompute: (record) => resolveInclusions(record, relations),
        at: '2024-05-20',
        actor: 'provider',
        reason: '情节认定有误',
      }),
    );
    expect(step.record).toMatchObject({ status: 'active', severity: 'general' });
    const own = step.inclusions.filter((i) => i.recordId === penalty.id);
    expect(own.every((i) => i.status === 'withdrawn' && i.ended?.reason === 'record_corrected')).toBe(true);
  });

  it('corrected with a different responsible person keeps the rest in force and swaps that person', () => {
    const opened = open();
    const step = ok(
      resolveObjection(opened.objection, opened.record, opened.inclusions, {
        outcome: 'corrected',
        correction: { directlyResponsible: ['p-xu'] },
        recompute: (record) => resolveInclusions(record, relations),
        at: '2024-05-20',
        actor: 'provider',
        reason: '直接责任人员更正',
      }),
    );
    const live = step.inclusions.filter((i) => i.recordId === penalty.id && i.status === 'in_force');
    expect(live.some((i) => i.subjectId === 'p-xu')).toBe(true);
    expect(live.some((i) => i.subjectId === 'p-wu')).toBe(false);
    expect(live.some((i) => i.subjectId === 'p-li')).toBe(true);
  });

  it('refuses invalid transitions with typed codes', () => {
    const opened = open();
    expect(
      openObjection(opened.record, opened.inclusions, { id: 'x', at: '2024-05-02', actor: 'a', reason: 'r' }),
    ).toMatchObject({
      ok: false,
      code: 'OBJECTION_ALREADY_OPEN',
    });
    expect(
      openObjection({ ...penalty, status: 'repaired' }, [], {
        id: 'x',
        at: '2024-05-02',
        actor: 'a',
        reason: 'r',
      }),
    ).toMatchObject({ ok: false, code: 'OBJECTION_RECORD_NOT_ACTIVE' });
    const done = ok(
      resolveObjection(opened.objection, opened.record, opened.inclusions, {
        outcome: 'upheld',
        at: '2024-05-20',
        actor: 'p',
        reason: 'r',
      }),
    );
    expect(
      resolveObjection(done.objection, done.record, done.inclusions, {
        outcome: 'revoked',
        at: '2024-05-21',
        actor: 'p',
        reason: 'r',
      }),
    ).toMatchObject({ ok: false, code: 'OBJECTION_NOT_OPEN' });
    expect(
      resolveObjection(opened.objection, { ...opened.record, id: 'rec-9' }, [], {
        outcome: 'upheld',
        at: '2024-05-20',
        actor: 'p',
        reason: 'r',
      }),
    ).toMatchObject({ ok: false, code: 'OBJECTION_RECORD_MISMATCH' });
    expect(
      resolveObjection(opened.objection, opened.record, opened.inclusions, {
        outcome: 'corrected',
        correction: { decisionDate: '2023-01-01' },
        recompute: () => [],
        at: '2024-05-20',
        actor: 'p',
        reason: 'r',
      }),
    ).toMatchObject({ ok: false, code: 'OBJECTION_CORRECTION_INVALID' });
  });
});
