/**
 * Guarantee chains (担保链): longest guarantee paths, by dynamic programming over the condensation of the
 * GUARANTEE graph in topological order (longest path in a DAG, Cormen et al., "Introduction to Algorithms",
 * §24.2). A guarantee circle on the way counts as one step: the chain enters and leaves it, and the members
 * between are listed. One chain per end (a subject guaranteeing nobody further), ranked by length, then exposure.
 * strength = 1 − 1/links (longer chains approach 1).
 */
import { stronglyConnectedComponents } from '../components/strongly-connected-components.ts';
import { slotSource } from '../linkage/k-hop-neighbourhood.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL } from '../projection/relation-codes.ts';
import { type DetectorItem, sortItems } from './detector-item.ts';
import { type GuaranteeLink, guaranteeLink } from './guarantee-circles.ts';

export interface GuaranteeChainsOptions {
  /** Shortest chain reported, in subjects (a chain of 5 has 4 guarantees). */
  minLength: number;
  maxResults: number;
}

export const DEFAULT_GUARANTEE_CHAINS_OPTIONS: Readonly<GuaranteeChainsOptions> = Object.freeze({
  minLength: 4,
  maxResults: 10_000,
});

export interface GuaranteeChainEvidence {
  links: GuaranteeLink[];
  totalExposure: number;
  /** Guarantee circles the chain passes through. */
  circlesCrossed: number;
}

export type GuaranteeChainItem = DetectorItem<GuaranteeChainEvidence>;

/** Longest guarantee chains of at least `minLength` subjects. */
export function detectGuaranteeChains(
  csr: CsrGraph,
  options: Partial<GuaranteeChainsOptions> = {},
): GuaranteeChainItem[] {
  const opts = { ...DEFAULT_GUARANTEE_CHAINS_OPTIONS, ...options };
  const G = REL.GUARANTEE;
  const scc = stronglyConnectedComponents(csr, { types: ['GUARANTEE'] });
  const { componentOf, count } = scc;
  const n = csr.nodeCount;
  const { outOffsets, outTargets, edgeType, edgeValue } = csr;
  // Group nodes by component (counting sort).
  const compOffsets = new Int32Array(count + 1);
  for (let u = 0; u < n; u++) compOffsets[componentOf[u]! + 1]!++;
  for (let c = 0; c < count; c++) compOffsets[c + 1]! += compOffsets[c]!;
  const byComp = new Int32Array(n);
  const cursor = compOffsets.slice(0, count);
  for (let u = 0; u < n; u++) byComp[cursor[componentOf[u]!]!++] = u;
  // best[c]: components on the longest chain ending in c; pred[c]: the slot entering c on it.
  const best = new Int32Array(count).fill(1);
  const exposure = new Float64Array(count);
  const pred = new Int32Array(count).fill(-1);
  const hasOut = new Uint8Array(count);
  const touched = new Uint8Array(count);
  // Tarjan numbers components in reverse topological order: walk from the highest id down.
  for (let c = count - 1; c >= 0; c--) {
    for (let i = compOffsets[c]!; i < compOffsets[c + 1]!; i++) {
      const u = byComp[i]!;
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
        if (edgeType[k] !== G) continue;
        const d = componentOf[outTargets[k]!]!;
        if (d === c) continue;
        hasOut[c] = 1;
        touched[c] = 1;
        touched[d] = 1;
        const a = edgeValue[k]!;
        const len = best[c]! + 1;
        const exp = exposure[c]! + (Number.isNaN(a) ? 0 : a);
        if (len > best[d]! || (len === best[d]! && exp > exposure[d]!)) {
          best[d] = len;
          exposure[d] = exp;
          pred[d] = k;
        }
      }
    }
  }
  const items: GuaranteeChainItem[] = [];
  for (let c = 0; c < count; c++) {
    if (touched[c] === 0 || hasOut[c] === 1 || pred[c] === -1) continue;
    // Walk back to the start collecting the slots.
    const slots: number[] = [];
    for (let d = c; pred[d] !== -1; d = componentOf[slotSource(csr, pred[d]!)]!) slots.push(pred[d]!);
    slots.reverse();
    const members: string[] = [];
    let circles = 0;
    let prevTarget = -1;
    for (const k of slots) {
      const u = slotSource(csr, k);
      if (prevTarget !== -1 && prevTarget !== u) {
        // Crossed a circle from prevTarget to u: list the path inside it.
        circles++;
        for (const w of pathInside(csr, componentOf, prevTarget, u).slice(1)) members.push(csr.ids[w]!);
      } else if (prevTarget === -1) members.push(csr.ids[u]!);
      members.push(csr.ids[outTargets[k]!]!);
      prevTarget = outTargets[k]!;
    }
    if (members.length < opts.minLength) continue;
    const links = slots.map((k) => guaranteeLink(csr, k));
    items.push({
      members,
      evidence: { links, totalExposure: exposure[c]!, circlesCrossed: circles },
      size: members.length,
      strength: 1 - 1 / slots.length,
    });
  }
  sortItems(items);
  items.sort((a, b) => b.size - a.size || b.evidence.totalExposure - a.evidence.totalExposure);
  return items.slice(0, opts.maxResults);
}

/** Shortest guarantee path from a to b inside their component (both ends included). */
function pathInside(csr: CsrGraph, componentOf: Int32Array, a: number, b: number): number[] {
  const c = componentOf[a]!;
  const parent = new Map<number, number>([[a, -1]]);
  const queue = [a];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    if (u === b) break;
    for (let k = csr.outOffsets[u]!; k < csr.outOffsets[u + 1]!; k++) {
      if (csr.edgeType[k] !== REL.GUARANTEE) continue;
      const v = csr.outTargets[k]!;
      if (componentOf[v] !== c || parent.has(v)) continue;
      parent.set(v, u);
      queue.push(v);
    }
  }
  const path: number[] = [];
  for (let w = b; w !== -1; w = parent.get(w) ?? -1) path.push(w);
  return path.reverse();
}
