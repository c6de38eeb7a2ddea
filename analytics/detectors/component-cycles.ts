/**
 * Helpers for SCC-based detectors: the relationships inside one component, and a shortest cycle through a
 * member found by breadth-first search restricted to the component.
 */
import type { StronglyConnectedComponents } from '../components/strongly-connected-components.ts';
import type { CsrGraph } from '../projection/build-csr.ts';

/** Out-slots of the chosen type mask whose two ends are in component `c` (members given). */
export function internalSlots(
  csr: CsrGraph,
  scc: StronglyConnectedComponents,
  c: number,
  members: ArrayLike<number>,
  mask: number,
): number[] {
  const slots: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const u = members[i]!;
    for (let k = csr.outOffsets[u]!; k < csr.outOffsets[u + 1]!; k++) {
      if (((mask >> csr.edgeType[k]!) & 1) === 0) continue;
      if (scc.componentOf[csr.outTargets[k]!] === c) slots.push(k);
    }
  }
  return slots;
}

/** A shortest cycle through `start` inside its component, as out-slots in order (first slot leaves `start`). */
export function shortestCycleSlots(
  csr: CsrGraph,
  scc: StronglyConnectedComponents,
  start: number,
  mask: number,
): number[] {
  const c = scc.componentOf[start]!;
  const parentSlot = new Map<number, number>();
  const parentNode = new Map<number, number>();
  const queue: number[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (let k = csr.outOffsets[u]!; k < csr.outOffsets[u + 1]!; k++) {
      if (((mask >> csr.edgeType[k]!) & 1) === 0) continue;
      const v = csr.outTargets[k]!;
      if (scc.componentOf[v] !== c) continue;
      if (v === start) {
        const slots = [k];
        for (let w = u; w !== start; w = parentNode.get(w)!) slots.push(parentSlot.get(w)!);
        return slots.reverse();
      }
      if (parentNode.has(v)) continue;
      parentNode.set(v, u);
      parentSlot.set(v, k);
      queue.push(v);
    }
  }
  return [];
}
