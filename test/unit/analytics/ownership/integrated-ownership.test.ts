import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotConvergedError, UnknownSubjectError } from '../../../../analytics/errors.ts';
import {
  integratedHoldingsOf,
  integratedOwnershipAll,
  integratedOwnersOf,
} from '../../../../analytics/ownership/integrated-ownership.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import type { ProjectionEdge, ProjectionNode } from '../../../../analytics/projection/projection-input.ts';
import { AS_OF, graph, org, person, stake } from '../fixtures.ts';

const stakeOf = (r: ReturnType<typeof integratedOwnersOf>, id: string): number =>
  r.stakes.find((s) => s.id === id)?.integrated ?? 0;

describe('integrated ownership (hand-checked)', () => {
  it('multiplies along a chain: 60 % × 50 % = 30 %', () => {
    const csr = buildCsr(
      graph([person('P'), org('A'), org('B')], [stake('P', 'A', 60), stake('A', 'B', 50)]),
      {
        asOf: AS_OF,
      },
    );
    const up = integratedOwnersOf(csr, 'B');
    expect(stakeOf(up, 'P')).toBeCloseTo(0.3, 12);
    expect(stakeOf(up, 'A')).toBeCloseTo(0.5, 12);
    const chain = up.stakes.find((s) => s.id === 'P')!.chains[0]!;
    expect(chain.path).toEqual(['P', 'A', 'B']);
    expect(chain.stakes).toEqual([0.6, 0.5]);
    expect(chain.product).toBeCloseTo(0.3, 12);
    const down = integratedHoldingsOf(csr, 'P');
    expect(down.stakes.map((s) => [s.id, Number(s.integrated.toFixed(12))])).toEqual([
      ['A', 0.6],
      ['B', 0.3],
    ]);
  });

  it('adds two 20 % holdings reached through different chains to 40 %', () => {
    // P holds 40 % of X and 50 % of Y; X holds 50 % of T and Y holds 40 % of T: 0.4·0.5 + 0.5·0.4 = 0.4.
    const csr = buildCsr(
      graph(
        [person('P'), org('X'), org('Y'), org('T')],
        [stake('P', 'X', 40), stake('P', 'Y', 50), stake('X', 'T', 50), stake('Y', 'T', 40)],
      ),
      { asOf: AS_OF },
    );
    const up = integratedOwnersOf(csr, 'T');
    expect(stakeOf(up, 'P')).toBeCloseTo(0.4, 12);
    const chains = up.stakes.find((s) => s.id === 'P')!.chains;
    expect(chains).toHaveLength(2);
    expect(chains.map((c) => Number(c.product.toFixed(12)))).toEqual([0.2, 0.2]);
  });

  it('solves a three-company loop exactly', () => {
    /*
     * A → B 50 %, B → C 50 %, C → A 20 % (a loop with product 0.5·0.5·0.2 = 0.05);
     * outside holders: P 80 % of A, Q 50 % of B, R 50 % of C.
     * Every walk from an outside holder into the loop may go round it any number of times, each round × 0.05,
     * so the geometric factor is 1 / (1 − 0.05) = 1/0.95:
     *   P in A = 0.8 / 0.95 = 0.842105…,  P in B = 0.8·0.5 / 0.95 = 0.421052…,  P in C = 0.8·0.25 / 0.95 = 0.210526…
     *   Q in A = 0.5·0.5·0.2 / 0.95 = 0.052631…,  R in A = 0.5·0.2 / 0.95 = 0.105263…
     *   P + Q + R in A = (0.8 + 0.05 + 0.1) / 0.95 = 1 (the ultimate owners share A completely).
     * A's own loop holding: N[A][A] − 1 = 1/0.95 − 1 = 0.052631…
     * Company A in C: walks A → B → C that do not return to A: only the direct chain, 0.5·0.5 = 0.25.
     * Company C in B: C → A → B = 0.2·0.5 = 0.1.
     */
    const csr = buildCsr(
      graph(
        [person('P'), person('Q'), person('R'), org('A'), org('B'), org('C')],
        [
          stake('A', 'B', 50),
          stake('B', 'C', 50),
          stake('C', 'A', 20),
          stake('P', 'A', 80),
          stake('Q', 'B', 50),
          stake('R', 'C', 50),
        ],
      ),
      { asOf: AS_OF },
    );
    const upA = integratedOwnersOf(csr, 'A');
    expect(stakeOf(upA, 'P')).toBeCloseTo(0.8 / 0.95, 12);
    expect(stakeOf(upA, 'Q')).toBeCloseTo(0.05 / 0.95, 12);
    expect(stakeOf(upA, 'R')).toBeCloseTo(0.1 / 0.95, 12);
    expect(upA.selfHolding).toBeCloseTo(1 / 0.95 - 1, 12);
    const ultimateSum = upA.stakes.filter((s) => s.ultimate).reduce((a, s) => a + s.integrated, 0);
    expect(ultimateSum).toBeCloseTo(1, 12);
    expect(stakeOf(integratedOwnersOf(csr, 'B'), 'P')).toBeCloseTo(0.4 / 0.95, 12);
    const upC = integratedOwnersOf(csr, 'C');
    expect(stakeOf(upC, 'P')).toBeCloseTo(0.2 / 0.95, 12);
    expect(stakeOf(upC, 'A')).toBeCloseTo(0.25, 12);
    expect(stakeOf(integratedOwnersOf(csr, 'B'), 'C')).toBeCloseTo(0.1, 12);
    // Down from P agrees with up to each company.
    const downP = integratedHoldingsOf(csr, 'P');
    expect(stakeOf(downP, 'C')).toBeCloseTo(0.2 / 0.95, 12);
    // Down from A: its holding in C is first-passage 0.25 as well.
    expect(stakeOf(integratedHoldingsOf(csr, 'A'), 'C')).toBeCloseTo(0.25, 12);
    // Whole-graph pass agrees.
    const all = integratedOwnershipAll(csr, { minStake: 0 });
    const find = (t: string, o: string): number => {
      for (let i = 0; i < all.count; i++) {
        if (csr.ids[all.target[i]!] === t && csr.ids[all.owner[i]!] === o) return all.stake[i]!;
      }
      return 0;
    };
    expect(find('A', 'P')).toBeCloseTo(0.8 / 0.95, 12);
    expect(find('C', 'R')).toBeCloseTo(0.5 / 0.95, 12);
  });

  it('throws NotConvergedError on a loop owned 100 % inside itself', () => {
    const csr = buildCsr(
      graph([person('P'), org('A'), org('B')], [stake('A', 'B', 100), stake('B', 'A', 100)]),
      {
        asOf: AS_OF,
      },
    );
    expect(() => integratedOwnersOf(csr, 'A')).toThrow(NotConvergedError);
    try {
      integratedOwnersOf(csr, 'A');
    } catch (e) {
      expect((e as NotConvergedError).code).toBe('ANALYTICS_NOT_CONVERGED');
    }
  });

  it('raises UnknownSubjectError for an id not in the projection', () => {
    const csr = buildCsr(graph([org('A')]), { asOf: AS_OF });
    expect(() => integratedOwnersOf(csr, 'nope')).toThrow(UnknownSubjectError);
  });

  it('marks the neighbourhood truncated at the hop limit', () => {
    const nodes = [org('C0'), org('C1'), org('C2'), org('C3')];
    const edges = [stake('C1', 'C0', 100), stake('C2', 'C1', 100), stake('C3', 'C2', 100)];
    const r = integratedOwnersOf(buildCsr(graph(nodes, edges), { asOf: AS_OF }), 'C0', { maxDepth: 2 });
    expect(r.truncated).toBe(true);
    expect(r.stakes.map((s) => s.id)).toEqual(['C1', 'C2']);
  });
});

/** Random ownership graphs: every company's direct owners sum to at most 100 %. */
const ownershipGraph = (allowLoops: boolean) =>
  fc
    .record({
      persons: fc.integer({ min: 1, max: 4 }),
      companies: fc.integer({ min: 1, max: 8 }),
      seed: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100 })), { maxLength: 30 }),
    })
    .map(({ persons, companies, seed }) => {
      const nodes: ProjectionNode[] = [];
      for (let i = 0; i < persons; i++) nodes.push(person(`P${i}`));
      for (let i = 0; i < companies; i++) nodes.push(org(`C${i}`));
      const budget = new Array<number>(companies).fill(100);
      const hasOwner = new Set<string>();
      const edges: ProjectionEdge[] = [];
      for (const [a, b, pct] of seed) {
        const target = b % companies;
        const ownerIdx = a % (persons + companies);
        const owner = nodes[ownerIdx]!.id;
        const targetId = `C${target}`;
        if (owner === targetId) continue;
        // Tree mode: owners must come from "earlier" companies and each company has one owner at most.
        if (!allowLoops) {
          if (ownerIdx >= persons && ownerIdx - persons >= target) continue;
          if (hasOwner.has(targetId)) continue;
        }
        const p = Math.min(pct, budget[target]!);
        if (p <= 0) continue;
        budget[target]! -= p;
        hasOwner.add(targetId);
        edges.push(stake(owner, targetId, p));
      }
      // Leave every loop an outside way out so the series converges: cap loops strictly below 100 %.
      return graph(nodes, edges);
    });

describe('integrated ownership (properties)', () => {
  it('never exceeds 100 % when owners sum to at most 100 %', () => {
    fc.assert(
      fc.property(ownershipGraph(true), (input) => {
        const csr = buildCsr(input, { asOf: AS_OF });
        for (const node of input.nodes) {
          let r: ReturnType<typeof integratedOwnersOf>;
          try {
            r = integratedOwnersOf(csr, node.id, { chainsPerCounterpart: 0 });
          } catch (e) {
            // A loop held 100 % inside itself is the one legitimate failure.
            if (e instanceof NotConvergedError) continue;
            throw e;
          }
          for (const s of r.stakes) expect(s.integrated).toBeLessThanOrEqual(1 + 1e-9);
          const ultimate = r.stakes.filter((s) => s.ultimate).reduce((a, s) => a + s.integrated, 0);
          expect(ultimate).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('equals the product of direct stakes on a tree', () => {
    fc.assert(
      fc.property(ownershipGraph(false), (input) => {
        const csr = buildCsr(input, { asOf: AS_OF });
        const parent = new Map<string, { owner: string; pct: number }>();
        for (const e of input.edges) parent.set(e.to, { owner: e.from, pct: e.stakePct! / 100 });
        for (const node of input.nodes) {
          const r = integratedOwnersOf(csr, node.id);
          // Walk the unique chain upward and compare.
          let product = 1;
          let cur = node.id;
          const expected = new Map<string, number>();
          while (parent.has(cur)) {
            const p = parent.get(cur)!;
            product *= p.pct;
            expected.set(p.owner, product);
            cur = p.owner;
          }
          expect(r.stakes.length).toBe(expected.size);
          for (const [id, v] of expected) expect(stakeOf(r, id)).toBeCloseTo(v, 12);
        }
      }),
      { numRuns: 200 },
    );
  });
});
