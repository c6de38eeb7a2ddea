import { describe, expect, it } from 'vitest';
import { actualController } from '../../../../analytics/control/actual-controller.ts';
import { beneficialOwners } from '../../../../analytics/control/beneficial-owners.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../../../../analytics/errors.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import { AS_OF, graph, officer, org, person, stake } from '../fixtures.ts';

describe('beneficial owners', () => {
  it('names natural persons at or above 25 % integrated, with chains', () => {
    // P: 60 % of H, H 50 % of T → 30 %; Q: 20 % direct + 40 %·50 % via H = 40 %; R: 10 % direct (below).
    const csr = buildCsr(
      graph(
        [person('P'), person('Q'), person('R'), org('H'), org('T')],
        [
          stake('P', 'H', 60),
          stake('Q', 'H', 40),
          stake('H', 'T', 50),
          stake('Q', 'T', 20),
          stake('R', 'T', 10),
        ],
      ),
      { asOf: AS_OF },
    );
    const r = beneficialOwners(csr, 'T');
    expect(r.method).toBe('ownership_or_control');
    expect(r.owners.map((o) => [o.id, Number(o.integrated.toFixed(10))])).toEqual([
      ['Q', 0.4],
      ['P', 0.3],
    ]);
    expect(r.owners[1]!.evidence[0]!.path).toEqual(['P', 'H', 'T']);
  });

  it('falls back to senior managers (manager, chair) when nobody reaches the threshold', () => {
    const csr = buildCsr(
      graph(
        [person('A'), person('B'), person('M'), person('C'), person('D'), org('T')],
        [
          stake('A', 'T', 20),
          stake('B', 'T', 20),
          officer('M', 'T', 'manager'),
          officer('C', 'T', 'chair'),
          officer('D', 'T', 'director'),
          officer('X', 'T', 'manager', { validTo: '2020-01-01' }),
        ].filter((e) => e.from !== 'X'),
      ),
      { asOf: AS_OF },
    );
    const r = beneficialOwners(csr, 'T');
    expect(r.method).toBe('senior_manager_fallback');
    expect(r.owners.map((o) => [o.id, o.role])).toEqual([
      ['C', 'chair'],
      ['M', 'manager'],
    ]);
  });

  it('rejects a threshold outside (0, 1] and unknown subjects', () => {
    const csr = buildCsr(graph([org('T')]), { asOf: AS_OF });
    expect(() => beneficialOwners(csr, 'T', { threshold: 0 })).toThrow(InvalidOptionsError);
    expect(() => beneficialOwners(csr, 'Z')).toThrow(UnknownSubjectError);
  });
});

describe('actual controller', () => {
  it('prefers a declared controller', () => {
    const csr = buildCsr(
      graph(
        [person('P'), person('D'), org('T')],
        [stake('P', 'T', 90), { type: 'ACTUAL_CONTROLLER', from: 'D', to: 'T' }],
      ),
      { asOf: AS_OF },
    );
    const r = actualController(csr, 'T');
    expect(r.method).toBe('declared');
    expect(r.controllers.map((c) => c.id)).toEqual(['D']);
  });

  it('takes over through a chain of majority control', () => {
    // P controls H1 (60 %) and H2 (51 %); H1 has 30 % and H2 25 % of T: the bloc P controls has 55 % > 50 %.
    // Integrated P in T is only 0.6·0.3 + 0.51·0.25 = 0.3075, yet P controls T.
    const csr = buildCsr(
      graph(
        [person('P'), person('Q'), person('X'), org('H1'), org('H2'), org('T')],
        [
          stake('P', 'H1', 60),
          stake('Q', 'H1', 40),
          stake('P', 'H2', 51),
          stake('Q', 'H2', 49),
          stake('H1', 'T', 30),
          stake('H2', 'T', 25),
          stake('X', 'T', 45),
        ],
      ),
      { asOf: AS_OF },
    );
    const r = actualController(csr, 'T');
    expect(r.method).toBe('majority_control');
    expect(r.controllers[0]!.id).toBe('P');
    expect(r.controllers[0]!.share).toBeCloseTo(0.55, 12);
    expect(r.controllers[0]!.evidence.map((e) => e.path)).toEqual([
      ['P', 'H1', 'T'],
      ['P', 'H2', 'T'],
    ]);
  });

  it('names a clearly largest holder, and reports a tie as a tie', () => {
    const clear = buildCsr(
      graph(
        [person('A'), person('B'), person('C'), org('T')],
        [stake('A', 'T', 45), stake('B', 'T', 30), stake('C', 'T', 25)],
      ),
      { asOf: AS_OF },
    );
    expect(actualController(clear, 'T')).toMatchObject({
      method: 'largest_holder',
      controllers: [{ id: 'A' }],
    });
    const tie = buildCsr(
      graph(
        [person('A'), person('B'), person('C'), org('T')],
        [stake('A', 'T', 40), stake('B', 'T', 40), stake('C', 'T', 20)],
      ),
      { asOf: AS_OF },
    );
    const r = actualController(tie, 'T');
    expect(r.method).toBe('tie');
    expect(r.controllers.map((c) => c.id).sort()).toEqual(['A', 'B']);
  });

  it('finds nobody for a company without owners', () => {
    const csr = buildCsr(graph([org('T')]), { asOf: AS_OF });
    expect(actualController(csr, 'T')).toMatchObject({ method: 'none', controllers: [] });
  });
});
