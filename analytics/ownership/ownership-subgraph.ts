/**
 * Bounded ownership neighbourhood: breadth-first search over SHAREHOLDER relationships with a positive stake,
 * upstream (owners of owners) or downstream (holdings of holdings), with a depth limit and a node cap; the stake
 * edges among the collected subjects become a small local CSR (local index 0 is the anchor).
 */
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL } from '../projection/relation-codes.ts';

export type OwnershipDirection = 'up' | 'down';

export interface OwnershipSubgraph {
  /** Global node index per local index; local 0 is the anchor. In BFS order. */
  nodes: Int32Array;
  /** Hops from the anchor per local index. */
  depth: Int32Array;
  nodeCount: number;
  edgeCount: number;
  /** Local out-edges owner → held company, with stake fraction and global CSR slot. */
  outOffsets: Int32Array;
  outTargets: Int32Array;
  outStake: Float64Array;
  outSlot: Int32Array;
  /** Local in-edges held company ← owner, with stake fraction and global CSR slot. */
  inOffsets: Int32Array;
  inSources: Int32Array;
  inStake: Float64Array;
  inSlot: Int32Array;
  /** All local edges are SHAREHOLDER (for CsrAdjacency consumers such as Tarjan). */
  edgeType: Uint8Array;
  truncated: boolean;
}

const scratchByCsr = new WeakMap<CsrGraph, Int32Array>();

/** A node-sized Int32Array filled with −1, reused between calls on the same CSR (always reset before return). */
export function localIndexScratch(csr: CsrGraph): Int32Array {
  let s = scratchByCsr.get(csr);
  if (!s) {
    s = new Int32Array(csr.nodeCount).fill(-1);
    scratchByCsr.set(csr, s);
  }
  return s;
}

/** True when out-slot `k` is a SHAREHOLDER relationship with a positive stake. */
export const isStakeSlot = (csr: CsrGraph, k: number): boolean =>
  csr.edgeType[k] === REL.SHAREHOLDER && csr.edgeValue[k]! > 0;

/** Collects the bounded ownership neighbourhood of `anchor` (a node index). */
export function collectOwnershipSubgraph(
  csr: CsrGraph,
  anchor: number,
  direction: OwnershipDirection,
  maxDepth: number,
  maxNodes: number,
): OwnershipSubgraph {
  const localOf = localIndexScratch(csr);
  const nodes: number[] = [anchor];
  const depth: number[] = [0];
  localOf[anchor] = 0;
  let truncated = false;
  const { inOffsets, inSources, inSlot, outOffsets, outTargets, edgeType, edgeValue } = csr;
  const SH = REL.SHAREHOLDER;
  for (let head = 0; head < nodes.length; head++) {
    const u = nodes[head]!;
    const d = depth[head]!;
    if (d >= maxDepth) {
      // Does the frontier continue? Then the neighbourhood is cut.
      if (!truncated) {
        if (direction === 'up') {
          for (let q = inOffsets[u]!; q < inOffsets[u + 1]!; q++) {
            const k = inSlot[q]!;
            if (edgeType[k] === SH && edgeValue[k]! > 0 && localOf[inSources[q]!] === -1) truncated = true;
          }
        } else {
          for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
            if (edgeType[k] === SH && edgeValue[k]! > 0 && localOf[outTargets[k]!] === -1) truncated = true;
          }
        }
      }
      continue;
    }
    if (direction === 'up') {
      for (let q = inOffsets[u]!; q < inOffsets[u + 1]!; q++) {
        const k = inSlot[q]!;
        if (edgeType[k] !== SH || !(edgeValue[k]! > 0)) continue;
        const v = inSources[q]!;
        if (localOf[v] !== -1) continue;
        if (nodes.length >= maxNodes) {
          truncated = true;
          continue;
        }
        localOf[v] = nodes.length;
        nodes.push(v);
        depth.push(d + 1);
      }
    } else {
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
        if (edgeType[k] !== SH || !(edgeValue[k]! > 0)) continue;
        const v = outTargets[k]!;
        if (localOf[v] !== -1) continue;
        if (nodes.length >= maxNodes) {
          truncated = true;
          continue;
        }
        localOf[v] = nodes.length;
        nodes.push(v);
        depth.push(d + 1);
      }
    }
  }
  // Local edges: every stake edge whose two ends are collected (scan in-edges of members).
  const L = nodes.length;
  const srcL: number[] = [];
  const dstL: number[] = [];
  const stakeL: number[] = [];
  const slotL: number[] = [];
  for (let m = 0; m < L; m++) {
    const u = nodes[m]!;
    for (let q = inOffsets[u]!; q < inOffsets[u + 1]!; q++) {
      const k = inSlot[q]!;
      if (edgeType[k] !== SH || !(edgeValue[k]! > 0)) continue;
      const s = localOf[inSources[q]!]!;
      if (s === -1) continue;
      srcL.push(s);
      dstL.push(m);
      stakeL.push(edgeValue[k]!);
      slotL.push(k);
    }
  }
  for (const u of nodes) localOf[u] = -1;
  const E = srcL.length;
  const outOff = new Int32Array(L + 1);
  const inOff = new Int32Array(L + 1);
  for (let e = 0; e < E; e++) {
    outOff[srcL[e]! + 1]!++;
    inOff[dstL[e]! + 1]!++;
  }
  for (let i = 0; i < L; i++) {
    outOff[i + 1]! += outOff[i]!;
    inOff[i + 1]! += inOff[i]!;
  }
  const outTargetsL = new Int32Array(E);
  const outStake = new Float64Array(E);
  const outSlotL = new Int32Array(E);
  const inSourcesL = new Int32Array(E);
  const inStake = new Float64Array(E);
  const inSlotL = new Int32Array(E);
  const oc = outOff.slice(0, L);
  const ic = inOff.slice(0, L);
  for (let e = 0; e < E; e++) {
    const s = srcL[e]!;
    const t = dstL[e]!;
    const a = oc[s]!++;
    outTargetsL[a] = t;
    outStake[a] = stakeL[e]!;
    outSlotL[a] = slotL[e]!;
    const b = ic[t]!++;
    inSourcesL[b] = s;
    inStake[b] = stakeL[e]!;
    inSlotL[b] = slotL[e]!;
  }
  return {
    nodes: Int32Array.from(nodes),
    depth: Int32Array.from(depth),
    nodeCount: L,
    edgeCount: E,
    outOffsets: outOff,
    outTargets: outTargetsL,
    outStake,
    outSlot: outSlotL,
    inOffsets: inOff,
    inSources: inSourcesL,
    inStake,
    inSlot: inSlotL,
    edgeType: new Uint8Array(E).fill(SH),
    truncated,
  };
}
