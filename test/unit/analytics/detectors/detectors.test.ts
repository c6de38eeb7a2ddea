import { describe, expect, it } from 'vitest';
import { detectCircularShareholding } from '../../../../analytics/detectors/circular-shareholding.ts';
import { detectCommunitiesDetailed } from '../../../../analytics/detectors/communities.ts';
import { detectGuaranteeChains } from '../../../../analytics/detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from '../../../../analytics/detectors/guarantee-circles.ts';
import { detectMassRegistration } from '../../../../analytics/detectors/mass-registration.ts';
import { detectProfessionalNominees } from '../../../../analytics/detectors/professional-nominees.ts';
import { detectShellClusters } from '../../../../analytics/detectors/shell-clusters.ts';
import { InvalidOptionsError } from '../../../../analytics/errors.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import type { ProjectionEdge, ProjectionNode } from '../../../../analytics/projection/projection-input.ts';
import { AS_OF, graph, guarantee, legalRep, officer, org, person, record, stake } from '../fixtures.ts';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('circular shareholding', () => {
  it('finds a three-company loop and a self-holding, not the tree around them', () => {
    const csr = buildCsr(
      graph(
        [person('P'), org('A'), org('B'), org('C'), org('S'), org('T')],
        [
          stake('A', 'B', 50),
          stake('B', 'C', 50),
          stake('C', 'A', 20),
          stake('P', 'A', 80),
          stake('S', 'S', 10),
          stake('A', 'T', 100),
        ],
      ),
      { asOf: AS_OF },
    );
    const items = detectCircularShareholding(csr);
    expect(items.map((i) => i.members)).toEqual([['A', 'B', 'C'], ['S']]);
    expect(items[0]!.evidence.cycle).toEqual(['A', 'B', 'C', 'A']);
    expect(items[0]!.strength).toBeCloseTo(0.05, 12);
    expect(items[0]!.evidence.internalEdgeCount).toBe(3);
  });
});

describe('guarantee circles and chains', () => {
  it('finds a guarantee circle of 4 with its total amount', () => {
    const [a, b, c, d] = ids('G', 4) as [string, string, string, string];
    const csr = buildCsr(
      graph(
        [a, b, c, d, 'X'].map((id) => org(id)),
        [
          guarantee(a, b, 100),
          guarantee(b, c, 200),
          guarantee(c, d, 300),
          guarantee(d, a, 400),
          guarantee('X', a, 50),
        ],
      ),
      { asOf: AS_OF },
    );
    const circles = detectGuaranteeCircles(csr);
    expect(circles).toHaveLength(1);
    expect(circles[0]).toMatchObject({ members: [a, b, c, d], size: 4 });
    expect(circles[0]!.evidence.totalAmount).toBe(1000);
    expect(circles[0]!.evidence.cycle).toEqual([a, b, c, d, a]);
    expect(circles[0]!.strength).toBeCloseTo(4 / 12, 12);
  });

  it('finds a chain of 5 with its total exposure, ignoring shorter chains', () => {
    const chain = ids('K', 5);
    const edges: ProjectionEdge[] = [];
    for (let i = 0; i < 4; i++) edges.push(guarantee(chain[i]!, chain[i + 1]!, 10 * (i + 1)));
    edges.push(guarantee('Y1', 'Y2', 5), guarantee('Y2', 'Y3', 5)); // only 3 long
    const csr = buildCsr(
      graph(
        [...chain, 'Y1', 'Y2', 'Y3'].map((id) => org(id)),
        edges,
      ),
      { asOf: AS_OF },
    );
    const chains = detectGuaranteeChains(csr, { minLength: 4 });
    expect(chains).toHaveLength(1);
    expect(chains[0]!.members).toEqual(chain);
    expect(chains[0]!.size).toBe(5);
    expect(chains[0]!.evidence.totalExposure).toBe(100);
    expect(chains[0]!.evidence.links).toHaveLength(4);
    expect(detectGuaranteeChains(csr, { minLength: 3 })).toHaveLength(2);
  });

  it('walks a chain through a circle', () => {
    const csr = buildCsr(
      graph(
        ['S', 'A', 'B', 'C', 'E'].map((id) => org(id)),
        [
          guarantee('S', 'A', 1),
          guarantee('A', 'B', 1),
          guarantee('B', 'A', 1),
          guarantee('B', 'C', 1),
          guarantee('C', 'E', 1),
        ],
      ),
      { asOf: AS_OF },
    );
    const chains = detectGuaranteeChains(csr, { minLength: 4 });
    expect(chains[0]!.members).toEqual(['S', 'A', 'B', 'C', 'E']);
    expect(chains[0]!.evidence.circlesCrossed).toBe(1);
  });
});

describe('professional nominees', () => {
  it('flags a person with 30 seats and not one with 9', () => {
    const orgs = ids('O', 30);
    const nodes: ProjectionNode[] = [person('N'), person('M'), ...orgs.map((id) => org(id))];
    const edges: ProjectionEdge[] = orgs.map((o, i) =>
      i % 2 === 0 ? legalRep('N', o) : officer('N', o, 'director'),
    );
    edges.push(officer('N', 'O1', 'manager')); // a second seat at the same organisation counts once
    for (const o of orgs.slice(0, 9)) edges.push(legalRep('M', o));
    const csr = buildCsr(graph(nodes, edges), { asOf: AS_OF });
    const items = detectProfessionalNominees(csr);
    expect(items).toHaveLength(1);
    expect(items[0]!.members[0]).toBe('N');
    expect(items[0]!.size).toBe(30);
    expect(items[0]!.evidence.seats).toHaveLength(31);
    expect(items[0]!.members).toHaveLength(31);
    expect(detectProfessionalNominees(csr, { threshold: 9 })).toHaveLength(2);
    expect(() => detectProfessionalNominees(csr, { threshold: 0 })).toThrow(InvalidOptionsError);
  });

  it('does not count seats that ended before the as-of date', () => {
    const orgs = ids('O', 12);
    const edges = orgs.map((o, i) => legalRep('N', o, i < 5 ? { validTo: '2020-01-01' } : {}));
    const csr = buildCsr(graph([person('N'), ...orgs.map((id) => org(id))], edges), { asOf: AS_OF });
    expect(detectProfessionalNominees(csr)).toHaveLength(0);
  });
});

describe('shell clusters and mass registration', () => {
  it('joins organisations sharing a normalised address or phone', () => {
    const csr = buildCsr(
      graph([
        org('A', { contacts: { address: 'Room 1, No. 5 Road', phone: '+86 138 0000 0001' } }),
        org('B', { contacts: { address: 'room1 no5road' } }),
        org('C', { contacts: { phone: '13800000001' } }),
        org('D', { contacts: { address: 'Elsewhere' } }),
        person('P', { contacts: { address: 'Room 1, No. 5 Road' } }),
      ]),
      { asOf: AS_OF },
    );
    const items = detectShellClusters(csr);
    expect(items).toHaveLength(1);
    expect(items[0]!.members).toEqual(['A', 'B', 'C']);
    expect(items[0]!.evidence.sharedContactCount).toBe(2);
    expect(items[0]!.strength).toBeCloseTo(2 / 3, 12);
  });

  it('keeps over-shared hub contacts out of the clusters', () => {
    const nodes = ids('H', 6).map((id) => org(id, { contacts: { address: 'Business Centre' } }));
    const csr = buildCsr(graph(nodes), { asOf: AS_OF });
    expect(detectShellClusters(csr, { maxContactGroup: 5 })).toHaveLength(0);
    expect(detectShellClusters(csr)[0]!.size).toBe(6);
  });

  it('finds a burst of registrations behind one legal representative', () => {
    const burst = ids('R', 6).map((id, i) =>
      org(id, { registeredAt: `2023-03-${String(1 + i * 3).padStart(2, '0')}` }),
    );
    const late = org('L', { registeredAt: '2023-09-01' });
    const edges = [...burst, late].map((o) => legalRep('P', o.id));
    const csr = buildCsr(graph([person('P'), ...burst, late], edges), { asOf: AS_OF });
    const items = detectMassRegistration(csr, { minCount: 5, windowDays: 30 });
    expect(items).toHaveLength(1);
    expect(items[0]!.members).toEqual(ids('R', 6));
    expect(items[0]!.evidence).toMatchObject({ by: 'legal_rep', key: 'P', firstRegistered: '2023-03-01' });
  });
});

describe('communities', () => {
  it('separates two dense groups joined by one tie, reproducibly, with risky shares', () => {
    const left = ids('L', 5);
    const right = ids('R', 5);
    const edges: ProjectionEdge[] = [];
    for (const group of [left, right]) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) edges.push(guarantee(group[i]!, group[j]!, 1));
      }
    }
    edges.push(guarantee('L1', 'R1', 1));
    const input = graph(
      [...left, ...right, 'ISO'].map((id) => org(id)),
      edges,
      [record('r1', 'L2'), record('r2', 'L3'), record('r3', 'R2', { status: 'repaired' })],
    );
    const csr = buildCsr(input, { asOf: AS_OF });
    const a = detectCommunitiesDetailed(csr, { seed: 7 });
    const b = detectCommunitiesDetailed(csr, { seed: 7 });
    expect(a).toEqual(b);
    expect(a.items.map((i) => i.members).sort()).toEqual([left, right].sort());
    const l = a.items.find((i) => i.members.includes('L1'))!;
    expect(l.evidence.riskyMembers).toEqual(['L2', 'L3']);
    expect(l.strength).toBeCloseTo(0.4, 12);
    expect(a.items.find((i) => i.members.includes('R1'))!.strength).toBe(0);
    expect(a.modularity).toBeGreaterThan(0.3);
  });
});

describe('edge cases', () => {
  it('returns nothing on an empty graph', () => {
    const csr = buildCsr(graph([]), { asOf: AS_OF });
    expect(detectCircularShareholding(csr)).toEqual([]);
    expect(detectGuaranteeCircles(csr)).toEqual([]);
    expect(detectGuaranteeChains(csr)).toEqual([]);
    expect(detectProfessionalNominees(csr)).toEqual([]);
    expect(detectShellClusters(csr)).toEqual([]);
    expect(detectMassRegistration(csr)).toEqual([]);
    expect(detectCommunitiesDetailed(csr).items).toEqual([]);
  });

  it('handles disconnected pieces independently', () => {
    const csr = buildCsr(
      graph(
        ['A', 'B', 'C', 'D', 'E'].map((id) => org(id)),
        [guarantee('A', 'B', 1), guarantee('B', 'A', 1), guarantee('C', 'D', 1), guarantee('D', 'C', 1)],
      ),
      { asOf: AS_OF },
    );
    expect(detectGuaranteeCircles(csr).map((i) => i.members)).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
  });
});
