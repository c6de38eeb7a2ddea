import { describe, expect, it } from 'vitest';
import { redactPaths, shortestPathTree, subjectsOnPaths } from '../../../../domain/alerts/paths.ts';
import { borrower, edges, fresh, holder, li, meta } from './fixtures.ts';

describe('shortestPathTree', () => {
  it('walks both directions and gives the path from the target back to the seed', () => {
    const tree = shortestPathTree(edges, meta, holder.id, { maxHops: 4, day: '2026-01-01' });
    expect(tree.hops.get(borrower.id)).toBe(1);
    expect(tree.hops.get(fresh.id)).toBe(2);
    expect(tree.pathFrom(borrower.id)).toEqual({
      kind: 'watch',
      nodes: [borrower, holder],
      links: [{ type: 'SHAREHOLDER', reversed: true, stakePct: 60, validFrom: '2018-01-01', validTo: null }],
    });
    expect(tree.pathFrom(fresh.id)?.nodes.map((n) => n.id)).toEqual([fresh.id, li.id, holder.id]);
  });

  it('respects the hop limit and the as-of day', () => {
    expect(
      shortestPathTree(edges, meta, holder.id, { maxHops: 1, day: '2026-01-01' }).hops.has(fresh.id),
    ).toBe(false);
    // li's seat at the fresh company starts 2025-03-01: not walked before it.
    const before = shortestPathTree(edges, meta, holder.id, { maxHops: 4, day: '2025-01-01' });
    expect(before.hops.has(fresh.id)).toBe(false);
    expect(before.pathFrom(fresh.id)).toBeNull();
  });

  it('is deterministic when two shortest paths exist', () => {
    const twin = [
      ...edges,
      { type: 'GUARANTEE' as const, from: 'org-X', to: borrower.id },
      { type: 'GUARANTEE' as const, from: 'org-X', to: holder.id },
    ];
    const a = shortestPathTree(twin, meta, borrower.id, { maxHops: 3, day: '2026-01-01' }).pathFrom(li.id);
    const b = shortestPathTree([...twin].reverse(), meta, borrower.id, {
      maxHops: 3,
      day: '2026-01-01',
    }).pathFrom(li.id);
    expect(a).toEqual(b);
  });

  it('redacts nodes outside the visible set, keeping the path’s shape', () => {
    const path = shortestPathTree(edges, meta, holder.id, { maxHops: 4, day: '2026-01-01' }).pathFrom(
      fresh.id,
    )!;
    const [red] = redactPaths([path], new Set([fresh.id, holder.id]));
    expect(red!.nodes[1]).toEqual({ id: null, name: null, kind: 'natural_person', redacted: true });
    expect(red!.links).toEqual(path.links);
    expect(subjectsOnPaths([red!])).toEqual([fresh.id, holder.id]);
  });
});
