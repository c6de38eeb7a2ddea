/**
 * Structural signals for the risk model: membership of a subject in detector results, as a bit mask per node
 * (bit i = STRUCTURAL_SIGNAL_KINDS[i]). Given detector items are used as they are; without them the cheap
 * typed-array signals are computed: circular shareholding and guarantee circles (iterative Tarjan) and
 * professional nominees (the nominee and the organisations it fronts).
 */
import { stronglyConnectedComponents } from '../components/strongly-connected-components.ts';
import { detectProfessionalNominees } from '../detectors/professional-nominees.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { NATURAL_PERSON_CODE, REL } from '../projection/relation-codes.ts';
import {
  type RiskModelConfig,
  STRUCTURAL_SIGNAL_KINDS,
  type StructuralSignalKind,
} from './risk-model-config.ts';

/** Detector items by signal kind (any detector output: only members and strength are read). */
export type StructuralSignals = Partial<
  Record<
    StructuralSignalKind,
    ReadonlyArray<{ readonly members: readonly string[]; readonly strength: number }>
  >
>;

export const signalBit = (kind: StructuralSignalKind): number => 1 << STRUCTURAL_SIGNAL_KINDS.indexOf(kind);

/** Bit mask per node from detector items (risky_community items count only at or above the risky share). */
export function signalFlagsFromItems(
  csr: CsrGraph,
  signals: StructuralSignals,
  config: RiskModelConfig,
): Uint8Array {
  const flags = new Uint8Array(csr.nodeCount);
  for (const kind of STRUCTURAL_SIGNAL_KINDS) {
    const items = signals[kind];
    if (!items) continue;
    const bit = signalBit(kind);
    for (const item of items) {
      if (kind === 'risky_community' && item.strength < config.structural.riskyCommunityShare.value) continue;
      for (const id of item.members) {
        const u = csr.indexOf.get(id);
        if (u !== undefined) flags[u]! |= bit;
      }
    }
  }
  return flags;
}

/** The default, cheap signals for the whole graph. */
export function defaultSignalFlags(csr: CsrGraph, config: RiskModelConfig): Uint8Array {
  const flags = new Uint8Array(csr.nodeCount);
  const markScc = (type: 'SHAREHOLDER' | 'GUARANTEE', bit: number) => {
    const scc = stronglyConnectedComponents(csr, { types: [type] });
    for (let u = 0; u < csr.nodeCount; u++) {
      const c = scc.componentOf[u]!;
      if (scc.sizes[c]! > 1 || scc.selfLoop[c] === 1) flags[u]! |= bit;
    }
  };
  markScc('SHAREHOLDER', signalBit('circular_shareholding'));
  markScc('GUARANTEE', signalBit('guarantee_circle'));
  const nominees = detectProfessionalNominees(csr, { threshold: config.structural.nomineeThreshold.value });
  const bit = signalBit('professional_nominee');
  for (const item of nominees) {
    for (const id of item.members) flags[csr.indexOf.get(id)!]! |= bit;
  }
  return flags;
}

/** Whether one subject lies on a shareholding loop or a guarantee loop, when found outside the projection. */
export interface SubjectLoops {
  circularShareholding: boolean;
  guaranteeCircle: boolean;
}

/**
 * The default signals of one subject, locally: is it on an ownership or guarantee loop (given in `loops`, or a
 * search back to itself in the projection), is it a nominee or fronted by one.
 */
export function subjectDefaultSignalFlags(
  csr: CsrGraph,
  u: number,
  config: RiskModelConfig,
  loops?: SubjectLoops,
): number {
  const maxNodes = 100_000;
  let flags = 0;
  if (loops ? loops.circularShareholding : onLoop(csr, u, REL.SHAREHOLDER, maxNodes))
    flags |= signalBit('circular_shareholding');
  if (loops ? loops.guaranteeCircle : onLoop(csr, u, REL.GUARANTEE, maxNodes))
    flags |= signalBit('guarantee_circle');
  const threshold = config.structural.nomineeThreshold.value;
  if (csr.kind[u] === NATURAL_PERSON_CODE) {
    if (seatCount(csr, u) >= threshold) flags |= signalBit('professional_nominee');
  } else {
    for (let q = csr.inOffsets[u]!; q < csr.inOffsets[u + 1]!; q++) {
      const k = csr.inSlot[q]!;
      if (csr.edgeType[k] !== REL.LEGAL_REP && csr.edgeType[k] !== REL.OFFICER) continue;
      const p = csr.inSources[q]!;
      if (csr.kind[p] === NATURAL_PERSON_CODE && seatCount(csr, p) >= threshold) {
        flags |= signalBit('professional_nominee');
        break;
      }
    }
  }
  return flags;
}

function seatCount(csr: CsrGraph, p: number): number {
  const seen = new Set<number>();
  for (let k = csr.outOffsets[p]!; k < csr.outOffsets[p + 1]!; k++) {
    const t = csr.edgeType[k];
    if (t === REL.LEGAL_REP || t === REL.OFFICER) seen.add(csr.outTargets[k]!);
  }
  return seen.size;
}

function onLoop(csr: CsrGraph, start: number, type: number, maxNodes: number): boolean {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let h = 0; h < queue.length && seen.size <= maxNodes; h++) {
    const u = queue[h]!;
    for (let k = csr.outOffsets[u]!; k < csr.outOffsets[u + 1]!; k++) {
      if (csr.edgeType[k] !== type) continue;
      const v = csr.outTargets[k]!;
      if (v === start) return true;
      if (!seen.has(v)) {
        seen.add(v);
        queue.push(v);
      }
    }
  }
  return false;
}

/** Structural points of a bit mask, and the kinds present. */
export function structuralPoints(
  flags: number,
  config: RiskModelConfig,
): { points: number; kinds: StructuralSignalKind[] } {
  let points = 0;
  const kinds: StructuralSignalKind[] = [];
  for (let i = 0; i < STRUCTURAL_SIGNAL_KINDS.length; i++) {
    if ((flags >> i) & 1) {
      const kind = STRUCTURAL_SIGNAL_KINDS[i]!;
      kinds.push(kind);
      points += config.structural.points[kind].value;
    }
  }
  return { points, kinds };
}
