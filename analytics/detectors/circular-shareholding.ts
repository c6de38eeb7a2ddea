/**
 * Circular shareholding (交叉持股/循环持股): strongly connected components of the SHAREHOLDER graph with more than
 * one member or a self-holding, by iterative Tarjan (components/strongly-connected-components.ts).
 * strength = product of the stakes round a shortest loop through the first member (how much of itself the loop
 * feeds back).
 */
import {
  nontrivialComponentMembers,
  stronglyConnectedComponents,
} from '../components/strongly-connected-components.ts';
import { slotSource } from '../linkage/k-hop-neighbourhood.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { relationMask } from '../projection/relation-codes.ts';
import { internalSlots, shortestCycleSlots } from './component-cycles.ts';
import { type DetectorItem, sortItems } from './detector-item.ts';

export interface CircularShareholdingOptions {
  /** Relationships listed per item as evidence (the loop itself is always listed). */
  maxEvidenceEdges: number;
}

export const DEFAULT_CIRCULAR_SHAREHOLDING_OPTIONS: Readonly<CircularShareholdingOptions> = Object.freeze({
  maxEvidenceEdges: 200,
});

export interface StakeLink {
  from: string;
  to: string;
  /** Stake fraction, NaN when not recorded. */
  stake: number;
}

export interface CircularShareholdingEvidence {
  /** Ids round a shortest loop through the first member, first id repeated at the end. */
  cycle: string[];
  cycleLinks: StakeLink[];
  edges: StakeLink[];
  internalEdgeCount: number;
}

export type CircularShareholdingItem = DetectorItem<CircularShareholdingEvidence>;

const stakeLink = (csr: CsrGraph, k: number): StakeLink => ({
  from: csr.ids[slotSource(csr, k)]!,
  to: csr.ids[csr.outTargets[k]!]!,
  stake: csr.edgeValue[k]!,
});

/** Every ownership loop of the projection. */
export function detectCircularShareholding(
  csr: CsrGraph,
  options: Partial<CircularShareholdingOptions> = {},
): CircularShareholdingItem[] {
  const opts = { ...DEFAULT_CIRCULAR_SHAREHOLDING_OPTIONS, ...options };
  const mask = relationMask(['SHAREHOLDER']);
  const scc = stronglyConnectedComponents(csr, { types: ['SHAREHOLDER'] });
  const groups = nontrivialComponentMembers(scc);
  const items: CircularShareholdingItem[] = [];
  for (let g = 0; g < groups.components.length; g++) {
    const c = groups.components[g]!;
    const members = groups.members.subarray(groups.offsets[g]!, groups.offsets[g + 1]!);
    const sorted = Array.from(members).sort((a, b) => (csr.ids[a]! < csr.ids[b]! ? -1 : 1));
    const first = sorted[0]!;
    const cycle = shortestCycleSlots(csr, scc, first, mask);
    const cycleLinks = cycle.map((k) => stakeLink(csr, k));
    let product = 1;
    for (const l of cycleLinks) product *= Number.isNaN(l.stake) ? 0 : l.stake;
    const slots = internalSlots(csr, scc, c, members, mask);
    items.push({
      members: sorted.map((u) => csr.ids[u]!),
      evidence: {
        cycle: [csr.ids[first]!, ...cycleLinks.map((l) => l.to)],
        cycleLinks,
        edges: slots.slice(0, opts.maxEvidenceEdges).map((k) => stakeLink(csr, k)),
        internalEdgeCount: slots.length,
      },
      size: sorted.length,
      strength: product,
    });
  }
  return sortItems(items);
}
