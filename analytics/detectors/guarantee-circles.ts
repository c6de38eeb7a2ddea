/**
 * Guarantee circles (担保圈, 互保/联保): strongly connected components of the GUARANTEE graph (guarantor →
 * guaranteed) by iterative Tarjan, with the total guaranteed amount inside the circle.
 * strength = density of mutual guarantees, internal relationships / (size · (size − 1)), capped at 1
 * (a bare ring of n is 1/(n − 1); every member guaranteeing every other is 1).
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

export interface GuaranteeCirclesOptions {
  maxEvidenceEdges: number;
}

export const DEFAULT_GUARANTEE_CIRCLES_OPTIONS: Readonly<GuaranteeCirclesOptions> = Object.freeze({
  maxEvidenceEdges: 200,
});

export interface GuaranteeLink {
  from: string;
  to: string;
  /** Guaranteed amount, 0 when not recorded. */
  amount: number;
}

export interface GuaranteeCircleEvidence {
  cycle: string[];
  edges: GuaranteeLink[];
  internalEdgeCount: number;
  totalAmount: number;
}

export type GuaranteeCircleItem = DetectorItem<GuaranteeCircleEvidence>;

export const guaranteeLink = (csr: CsrGraph, k: number): GuaranteeLink => {
  const a = csr.edgeValue[k]!;
  return {
    from: csr.ids[slotSource(csr, k)]!,
    to: csr.ids[csr.outTargets[k]!]!,
    amount: Number.isNaN(a) ? 0 : a,
  };
};

/** Every guarantee circle of the projection. */
export function detectGuaranteeCircles(
  csr: CsrGraph,
  options: Partial<GuaranteeCirclesOptions> = {},
): GuaranteeCircleItem[] {
  const opts = { ...DEFAULT_GUARANTEE_CIRCLES_OPTIONS, ...options };
  const mask = relationMask(['GUARANTEE']);
  const scc = stronglyConnectedComponents(csr, { types: ['GUARANTEE'] });
  const groups = nontrivialComponentMembers(scc);
  const items: GuaranteeCircleItem[] = [];
  for (let g = 0; g < groups.components.length; g++) {
    const c = groups.components[g]!;
    const members = groups.members.subarray(groups.offsets[g]!, groups.offsets[g + 1]!);
    const sorted = Array.from(members).sort((a, b) => (csr.ids[a]! < csr.ids[b]! ? -1 : 1));
    const slots = internalSlots(csr, scc, c, members, mask);
    let total = 0;
    for (const k of slots) {
      const a = csr.edgeValue[k]!;
      if (!Number.isNaN(a)) total += a;
    }
    const cycle = shortestCycleSlots(csr, scc, sorted[0]!, mask);
    const size = sorted.length;
    items.push({
      members: sorted.map((u) => csr.ids[u]!),
      evidence: {
        cycle: [csr.ids[sorted[0]!]!, ...cycle.map((k) => csr.ids[csr.outTargets[k]!]!)],
        edges: slots.slice(0, opts.maxEvidenceEdges).map((k) => guaranteeLink(csr, k)),
        internalEdgeCount: slots.length,
        totalAmount: total,
      },
      size,
      strength: size > 1 ? Math.min(1, slots.length / (size * (size - 1))) : 1,
    });
  }
  return sortItems(items);
}
