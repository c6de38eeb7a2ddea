import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionsError } from '../../../../analytics/errors.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import { REL } from '../../../../analytics/projection/relation-codes.ts';
import { toGraphology } from '../../../../analytics/projection/to-graphology.ts';
import { graph, guarantee, legalRep, officer, org, person, stake } from '../fixtures.ts';

const input = graph(
  [person('P'), org('A'), org('B')],
  [
    stake('P', 'A', 60),
    legalRep('P', 'A', { validFrom: '2020-01-01', validTo: '2022-01-01' }),
    officer('P', 'B', 'chair', { validFrom: '2022-01-01' }),
    guarantee('A', 'B', 500),
  ],
);

describe('buildCsr', () => {
  it('keeps relationships valid on the as-of date (validFrom inclusive, validTo exclusive)', () => {
    const at = (asOf: string) => buildCsr(input, { asOf }).edgeCount;
    expect(at('2019-12-31')).toBe(2);
    expect(at('2020-01-01')).toBe(3);
    expect(at('2021-12-31')).toBe(3);
    expect(at('2022-01-01')).toBe(3); // legal rep ended, chair began
  });

  it('lays out out- and in-edges with attributes and an input back-reference', () => {
    const csr = buildCsr(input, { asOf: '2023-01-01' });
    const p = csr.indexOf.get('P')!;
    const a = csr.indexOf.get('A')!;
    const slots = [];
    for (let k = csr.outOffsets[p]!; k < csr.outOffsets[p + 1]!; k++) slots.push(k);
    expect(slots.map((k) => csr.ids[csr.outTargets[k]!])).toEqual(['A', 'B']);
    const sh = slots.find((k) => csr.edgeType[k] === REL.SHAREHOLDER)!;
    expect(csr.edgeValue[sh]).toBeCloseTo(0.6, 12);
    expect(csr.input.edges[csr.edgeRef[sh]!]).toBe(input.edges[0]);
    const ins = [];
    for (let q = csr.inOffsets[a]!; q < csr.inOffsets[a + 1]!; q++) ins.push(csr.ids[csr.inSources[q]!]);
    expect(ins).toEqual(['P']);
    // Input untouched.
    expect(input.edges[0]).toEqual(stake('P', 'A', 60));
  });

  it('raises InvalidInputError listing every problem', () => {
    const bad = graph(
      [org('A'), org('A'), { id: 'X', kind: 'alien' as never }],
      [
        stake('A', 'nobody', 150),
        { type: 'LOVES' as never, from: 'A', to: 'A' },
        legalRep('A', 'A', { validFrom: '2020-13-01' }),
      ],
      [
        {
          id: 'r',
          subjectId: 'A',
          category: 'x',
          severity: 'huge' as never,
          polarity: 'negative',
          status: 'active',
          actDate: 'x',
          decisionDate: '2020-01-01',
        },
      ],
    );
    try {
      buildCsr(bad, { asOf: '2024-01-01' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      const err = e as InvalidInputError;
      expect(err.code).toBe('ANALYTICS_INVALID_INPUT');
      const paths = err.issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'nodes[1].id',
          'nodes[2].kind',
          'edges[0].to',
          'edges[0].stakePct',
          'edges[1].type',
          'edges[2].validFrom',
          'records[0].severity',
          'records[0].actDate',
        ]),
      );
    }
    expect(() => buildCsr(graph([]), { asOf: 'yesterday' })).toThrow(InvalidOptionsError);
  });

  it('builds an empty projection', () => {
    const csr = buildCsr(graph([]), { asOf: '2024-01-01' });
    expect(csr.nodeCount).toBe(0);
    expect(csr.outOffsets.length).toBe(1);
  });
});

describe('toGraphology', () => {
  it('makes a filtered multigraph view', () => {
    const g = toGraphology(input, { asOf: '2021-01-01', types: ['SHAREHOLDER', 'LEGAL_REP'] });
    expect(g.order).toBe(3);
    expect(g.size).toBe(2);
    const sub = toGraphology(input, { nodes: ['P', 'A'] });
    expect(sub.order).toBe(2);
    expect(sub.size).toBe(2);
  });
});
