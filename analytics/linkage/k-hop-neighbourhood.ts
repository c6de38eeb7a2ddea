/**
 * k-hop neighbourhood by breadth-first search over the CSR (Moore, "The shortest path through a maze", 1959),
 * with relation-type filters, a direction, a node cap and a `truncated` flag (architecture.md: bounded work).
 */
import type { RelationKind, SubjectKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { relationKindOf, relationMask, subjectKindOf } from '../projection/relation-codes.ts';

const MODULE = 'analytics/linkage/k-hop-neighbourhood';

export type TraversalDirection = 'out' | 'in' | 'both';

export interface KHopOptions {
  maxHops: number;
  types?: readonly RelationKind[];
  direction: TraversalDirection;
  /** Node cap including the seed. */
  maxNodes: number;
}

export const DEFAULT_K_HOP_OPTIONS: Readonly<KHopOptions> = Object.freeze({
  maxHops: 2,
  direction: 'both',
  maxNodes: 1000,
});

export interface KHopNode {
  id: string;
  kind: SubjectKind;
  hops: number;
}

export interface KHopEdge {
  from: string;
  to: string;
  type: RelationKind;
  /** CSR out-slot, for callers that want the relationship's attributes. */
  slot: number;
}

export interface KHopResult {
  seed: string;
  nodes: KHopNode[];
  edges: KHopEdge[];
  truncated: boolean;
}

/** Subjects within `maxHops` of `seedId`, with the relationships walked to reach them. */
export function kHopNeighbourhood(
  csr: CsrGraph,
  seedId: string,
  options: Partial<KHopOptions> = {},
): KHopResult {
  const opts = { ...DEFAULT_K_HOP_OPTIONS, ...options };
  if (!(opts.maxHops >= 0)) throw new InvalidOptionsError(MODULE, 'maxHops', 'must be ≥ 0');
  if (!(opts.maxNodes >= 1)) throw new InvalidOptionsError(MODULE, 'maxNodes', 'must be ≥ 1');
  const seed = csr.indexOf.get(seedId);
  if (seed === undefined) throw new UnknownSubjectError(MODULE, seedId);
  const mask = relationMask(opts.types);
  const { outOffsets, outTargets, edgeType, inOffsets, inSources, inSlot } = csr;
  const hops = new Map<number, number>([[seed, 0]]);
  const queue: number[] = [seed];
  const slots: number[] = [];
  const seenSlot = new Set<number>();
  let truncated = false;
  const useOut = opts.direction !== 'in';
  const useIn = opts.direction !== 'out';
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    const d = hops.get(u)!;
    if (d >= opts.maxHops) continue;
    // Edge slot k reaches v: enqueue v unless the node cap is hit (then the edge is dropped too).
    const visit = (k: number, v: number) => {
      if (((mask >> edgeType[k]!) & 1) === 0) return;
      if (!hops.has(v)) {
        if (hops.size >= opts.maxNodes) {
          truncated = true;
          return;
        }
        hops.set(v, d + 1);
        queue.push(v);
      }
      if (!seenSlot.has(k)) {
        seenSlot.add(k);
        slots.push(k);
      }
    };
    if (useOut) {
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) visit(k, outTargets[k]!);
    }
    if (useIn) {
      for (let q = inOffsets[u]!; q < inOffsets[u + 1]!; q++) visit(inSlot[q]!, inSources[q]!);
    }
  }
  const nodes = queue.map((u) => ({
    id: csr.ids[u]!,
    kind: subjectKindOf(csr.kind[u]!),
    hops: hops.get(u)!,
  }));
  const edges: KHopEdge[] = [];
  // Source of an out-slot: binary search in outOffsets.
  for (const k of slots) {
    const from = slotSource(csr, k);
    edges.push({
      from: csr.ids[from]!,
      to: csr.ids[outTargets[k]!]!,
      type: relationKindOf(edgeType[k]!),
      slot: k,
    });
  }
  return { seed: seedId, nodes, edges, truncated };
}

/** The node whose out-edges hold slot `k` (binary search over outOffsets). */
export function slotSource(csr: CsrGraph, k: number): number {
  const off = csr.outOffsets;
  let lo = 0;
  let hi = csr.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (off[mid]! <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
