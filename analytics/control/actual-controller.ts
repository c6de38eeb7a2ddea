/**
 * Actual controller inference (实际控制人): a declared ACTUAL_CONTROLLER wins; otherwise control by majority through
 * chains — a holder controls a company when the stakes held by it and by the companies it controls add up to
 * more than half, and control is transitive (La Porta, Lopez-de-Silanes & Shleifer, "Corporate ownership around
 * the world", J. Finance 1999, weakest-link / control-chain view; Company Law of the PRC art. 265 on 控股股东);
 * otherwise the clearly largest integrated holder; near-equal holders are reported as a tie.
 */
import type { SubjectKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../errors.ts';
import { type IntegratedOwnershipOptions, integratedOwnersOf } from '../ownership/integrated-ownership.ts';
import { collectOwnershipSubgraph } from '../ownership/ownership-subgraph.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL, subjectKindOf } from '../projection/relation-codes.ts';
import { type EvidencePath, linkOfSlot } from './evidence.ts';

const MODULE = 'analytics/control/actual-controller';

export interface ActualControllerOptions {
  /** Share above which a bloc controls a company (strictly greater). */
  majority: number;
  /** The largest integrated holder is the controller only if it leads the next one by this much. */
  clearMargin: number;
  /** … and holds at least this much. */
  minLargestShare: number;
  /** Holders within this of the largest are a tie. */
  tieTolerance: number;
  /** Neighbourhood limits and solver settings for the ownership part. */
  ownership: Partial<IntegratedOwnershipOptions>;
}

export const DEFAULT_ACTUAL_CONTROLLER_OPTIONS: Readonly<ActualControllerOptions> = Object.freeze({
  majority: 0.5,
  clearMargin: 0.1,
  minLargestShare: 0.2,
  tieTolerance: 0.005,
  ownership: Object.freeze({ maxDepth: 32, maxNodes: 20_000 }),
});

export type ControllerMethod =
  | 'declared'
  | 'majority_control'
  | 'largest_holder'
  | 'tie'
  | 'undetermined'
  | 'none';

export interface ControllerCandidate {
  id: string;
  kind: SubjectKind;
  name?: string;
  /** Declared: 1; majority: the controlled bloc's stake in the subject; largest holder/tie: integrated stake. */
  share: number;
  evidence: EvidencePath[];
}

export interface ActualControllerResult {
  subjectId: string;
  method: ControllerMethod;
  controllers: ControllerCandidate[];
  truncated: boolean;
}

function candidate(csr: CsrGraph, u: number, share: number, evidence: EvidencePath[]): ControllerCandidate {
  const c: ControllerCandidate = { id: csr.ids[u]!, kind: subjectKindOf(csr.kind[u]!), share, evidence };
  const name = csr.input.nodes[u]!.name;
  if (name !== undefined) c.name = name;
  return c;
}

/** Who actually controls `subjectId` as of the projection's date, with the paths that show it. */
export function actualController(
  csr: CsrGraph,
  subjectId: string,
  options: Partial<ActualControllerOptions> = {},
): ActualControllerResult {
  const opts = { ...DEFAULT_ACTUAL_CONTROLLER_OPTIONS, ...options };
  if (!(opts.majority > 0 && opts.majority < 1))
    throw new InvalidOptionsError(MODULE, 'majority', 'must be in (0, 1)');
  const j = csr.indexOf.get(subjectId);
  if (j === undefined) throw new UnknownSubjectError(MODULE, subjectId);

  // 1. Declared.
  const declared: ControllerCandidate[] = [];
  for (let q = csr.inOffsets[j]!; q < csr.inOffsets[j + 1]!; q++) {
    const k = csr.inSlot[q]!;
    if (csr.edgeType[k] !== REL.ACTUAL_CONTROLLER) continue;
    const u = csr.inSources[q]!;
    const link = linkOfSlot(csr, u, k);
    declared.push(candidate(csr, u, 1, [{ path: [link.from, link.to], links: [link] }]));
  }
  if (declared.length > 0) return { subjectId, method: 'declared', controllers: declared, truncated: false };

  // 2. Majority control through chains, on the bounded upstream ownership neighbourhood.
  const ownOpts = { ...DEFAULT_ACTUAL_CONTROLLER_OPTIONS.ownership, ...opts.ownership };
  const sub = collectOwnershipSubgraph(csr, j, 'up', ownOpts.maxDepth ?? 32, ownOpts.maxNodes ?? 20_000);
  const L = sub.nodeCount;
  const ult = new Int32Array(L).fill(-1);
  const state = new Uint8Array(L); // 0 new, 1 in progress, 2 done
  const bloc = new Float64Array(L);
  const resolve = (y: number): number => {
    if (state[y] === 2) return ult[y]!;
    if (state[y] === 1) return y; // inside a loop: the node stands for itself
    state[y] = 1;
    const sums = new Map<number, number>();
    for (let e = sub.inOffsets[y]!; e < sub.inOffsets[y + 1]!; e++) {
      const u = resolve(sub.inSources[e]!);
      sums.set(u, (sums.get(u) ?? 0) + sub.inStake[e]!);
    }
    let best = y;
    let bestSum = 0;
    for (const [u, s] of sums) {
      if (s > opts.majority && s > bestSum && u !== y) {
        best = u;
        bestSum = s;
      }
    }
    ult[y] = best;
    bloc[y] = bestSum;
    state[y] = 2;
    return best;
  };
  const top = resolve(0);
  if (top !== 0) {
    // Evidence: from each direct owner of the subject in the controlling bloc, follow the bloc up to the controller.
    const evidence: EvidencePath[] = [];
    for (let e = sub.inOffsets[0]!; e < sub.inOffsets[1]!; e++) {
      const z = sub.inSources[e]!;
      if (z !== top && ult[z] !== top) continue;
      const links = [linkOfSlot(csr, sub.nodes[z]!, sub.inSlot[e]!)];
      let product = sub.inStake[e]!;
      let cur = z;
      const seen = new Set<number>([0, z]);
      while (cur !== top) {
        // Largest owner of `cur` inside the bloc.
        let bestE = -1;
        for (let f = sub.inOffsets[cur]!; f < sub.inOffsets[cur + 1]!; f++) {
          const w = sub.inSources[f]!;
          if (seen.has(w) || (w !== top && ult[w] !== top)) continue;
          if (bestE < 0 || sub.inStake[f]! > sub.inStake[bestE]!) bestE = f;
        }
        if (bestE < 0) break;
        const w = sub.inSources[bestE]!;
        links.unshift(linkOfSlot(csr, sub.nodes[w]!, sub.inSlot[bestE]!));
        product *= sub.inStake[bestE]!;
        seen.add(w);
        cur = w;
      }
      evidence.push({ path: [links[0]!.from, ...links.map((l) => l.to)], links, product });
    }
    evidence.sort((a, b) => (b.product ?? 0) - (a.product ?? 0));
    return {
      subjectId,
      method: 'majority_control',
      controllers: [candidate(csr, sub.nodes[top]!, bloc[0]!, evidence)],
      truncated: sub.truncated,
    };
  }

  // 3. Largest integrated holder among ultimate owners.
  const owners = integratedOwnersOf(csr, subjectId, { ...ownOpts, chainsPerCounterpart: 3 });
  const ultimate = owners.stakes.filter((s) => s.ultimate);
  if (ultimate.length === 0)
    return { subjectId, method: 'none', controllers: [], truncated: owners.truncated };
  const toCandidate = (s: (typeof ultimate)[number]): ControllerCandidate => {
    const u = csr.indexOf.get(s.id)!;
    const evidence: EvidencePath[] = s.chains.map((c) => ({
      path: c.path,
      links: c.path
        .slice(1)
        .map((to, i) => ({ from: c.path[i]!, to, type: 'SHAREHOLDER' as const, stake: c.stakes[i]! })),
      product: c.product,
    }));
    return candidate(csr, u, s.integrated, evidence);
  };
  const first = ultimate[0]!;
  const second = ultimate[1];
  const gap = first.integrated - (second?.integrated ?? 0);
  if (second && gap <= opts.tieTolerance) {
    const tied = ultimate.filter((s) => first.integrated - s.integrated <= opts.tieTolerance);
    return { subjectId, method: 'tie', controllers: tied.map(toCandidate), truncated: owners.truncated };
  }
  if (gap >= opts.clearMargin && first.integrated >= opts.minLargestShare) {
    return {
      subjectId,
      method: 'largest_holder',
      controllers: [toCandidate(first)],
      truncated: owners.truncated,
    };
  }
  const close = ultimate.filter((s) => first.integrated - s.integrated < opts.clearMargin);
  return {
    subjectId,
    method: 'undetermined',
    controllers: close.map(toCandidate),
    truncated: owners.truncated,
  };
}
