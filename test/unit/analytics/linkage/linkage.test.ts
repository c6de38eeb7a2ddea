import { describe, expect, it } from 'vitest';
import { InvalidOptionsError, UnknownSubjectError } from '../../../../analytics/errors.ts';
import { kHopNeighbourhood } from '../../../../analytics/linkage/k-hop-neighbourhood.ts';
import { strongestPaths } from '../../../../analytics/linkage/strongest-paths.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import { AS_OF, graph, guarantee, legalRep, officer, org, person, stake } from '../fixtures.ts';

const input = graph(
  [person('P'), person('Q'), org('A'), org('B'), org('C'), org('D'), org('Z')],
  [
    legalRep('P', 'A'),
    stake('A', 'B', 100),
    stake('A', 'C', 10),
    officer('Q', 'B', 'director'),
    officer('Q', 'C', 'director'),
    guarantee('C', 'D', 1000),
  ],
);
const csr = buildCsr(input, { asOf: AS_OF });

describe('k-hop neighbourhood', () => {
  it('walks both directions to the hop limit', () => {
    const r = kHopNeighbourhood(csr, 'A', { maxHops: 1 });
    expect(r.nodes.map((n) => [n.id, n.hops])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 1],
      ['P', 1],
    ]);
    expect(r.edges).toHaveLength(3);
    expect(r.truncated).toBe(false);
  });

  it('filters by type and direction, and says when the node cap cut it', () => {
    expect(
      kHopNeighbourhood(csr, 'A', { maxHops: 3, types: ['SHAREHOLDER'], direction: 'out' }).nodes.map(
        (n) => n.id,
      ),
    ).toEqual(['A', 'B', 'C']);
    const capped = kHopNeighbourhood(csr, 'A', { maxHops: 5, maxNodes: 3 });
    expect(capped.nodes).toHaveLength(3);
    expect(capped.truncated).toBe(true);
    expect(kHopNeighbourhood(csr, 'Z').nodes).toHaveLength(1);
  });

  it('raises typed errors', () => {
    expect(() => kHopNeighbourhood(csr, 'nope')).toThrow(UnknownSubjectError);
    expect(() => kHopNeighbourhood(csr, 'A', { maxHops: -1 })).toThrow(InvalidOptionsError);
  });
});

describe('strongest paths', () => {
  it('ranks paths by the product of relation strengths', () => {
    const r = strongestPaths(csr, 'P', 'Q', { limit: 3 });
    expect(r.paths.map((p) => p.nodes)).toEqual([
      ['P', 'A', 'B', 'Q'],
      ['P', 'A', 'C', 'Q'],
    ]);
    // 0.9 (LEGAL_REP) × 0.9·(0.3 + 0.7·1) (100 % stake) × 0.7 (OFFICER)
    expect(r.paths[0]!.strength).toBeCloseTo(0.9 * 0.9 * 0.7, 12);
    expect(r.paths[1]!.strength).toBeCloseTo(0.9 * 0.9 * (0.3 + 0.07) * 0.7, 12);
    expect(r.paths[0]!.links[2]).toMatchObject({
      from: 'Q',
      to: 'B',
      type: 'OFFICER',
      reversed: true,
      role: 'director',
    });
  });

  it('respects maxHops and finds nothing across components', () => {
    expect(strongestPaths(csr, 'P', 'Q', { maxHops: 2 }).paths).toEqual([]);
    expect(strongestPaths(csr, 'P', 'Z').paths).toEqual([]);
    expect(strongestPaths(csr, 'P', 'D', { maxHops: 3 }).paths[0]!.nodes).toEqual(['P', 'A', 'C', 'D']);
  });
});
