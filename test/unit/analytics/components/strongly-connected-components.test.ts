import { describe, expect, it } from 'vitest';
import {
  nontrivialComponentMembers,
  stronglyConnectedComponents,
} from '../../../../analytics/components/strongly-connected-components.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import type { ProjectionEdge, ProjectionNode } from '../../../../analytics/projection/projection-input.ts';
import { AS_OF, graph, org, stake } from '../fixtures.ts';

describe('iterative Tarjan', () => {
  it('handles a 200,000-node ring and a 200,000-node path without overflowing the stack', () => {
    const n = 200_000;
    const nodes: ProjectionNode[] = [];
    const edges: ProjectionEdge[] = [];
    for (let i = 0; i < n; i++) nodes.push(org(`c${i}`));
    for (let i = 0; i < n; i++) edges.push(stake(`c${i}`, `c${(i + 1) % n}`, 10));
    const ring = stronglyConnectedComponents(buildCsr(graph(nodes, edges), { asOf: AS_OF, validate: false }));
    expect(ring.count).toBe(1);
    expect(ring.sizes[0]).toBe(n);
    const path = stronglyConnectedComponents(buildCsr(graph(nodes, edges.slice(0, n - 1)), { asOf: AS_OF }));
    expect(path.count).toBe(n);
    // Reverse topological numbering: along the path, components decrease.
    expect(path.componentOf[0]!).toBeGreaterThan(path.componentOf[n - 1]!);
  });

  it('groups members of the non-trivial components and spots self-loops', () => {
    const csr = buildCsr(
      graph(
        ['A', 'B', 'C', 'D'].map((id) => org(id)),
        [stake('A', 'B', 1), stake('B', 'A', 1), stake('C', 'C', 1), stake('B', 'D', 1)],
      ),
      { asOf: AS_OF },
    );
    const scc = stronglyConnectedComponents(csr);
    const g = nontrivialComponentMembers(scc);
    expect(g.components.length).toBe(2);
    const sets = [...g.components].map((_, i) =>
      [...g.members.subarray(g.offsets[i]!, g.offsets[i + 1]!)].map((u) => csr.ids[u]).sort(),
    );
    expect(sets.sort()).toEqual([['A', 'B'], ['C']]);
  });
});
