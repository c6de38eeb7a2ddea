/**
 * Strongest linkage paths between two subjects: bounded best-first search on −log strength (Dijkstra 1959 on
 * (subject, hops) states; the k best loopless paths kept as in Yen 1971 / Eppstein 1998 "Finding the k shortest
 * paths"), relationships walked in either direction, path strength = product of per-relation strengths.
 */
import type { OfficerRole, RelationKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL, relationKindOf, relationMask, roleOf } from '../projection/relation-codes.ts';
import { MaxHeap } from '../shared/binary-heap.ts';
import {
  DEFAULT_RELATION_WEIGHTS,
  type RelationWeights,
  slotStrength,
  weightTable,
} from './relation-strength.ts';

const MODULE = 'analytics/linkage/strongest-paths';

export interface StrongestPathsOptions {
  maxHops: number;
  /** How many paths to return. */
  limit: number;
  types?: readonly RelationKind[];
  typeWeights: RelationWeights;
  /** SHAREHOLDER strength = weight × (stakeBase + (1 − stakeBase) × stake). */
  stakeBase: number;
  /** Budget of expanded states; beyond it the result is marked truncated. */
  maxExpansions: number;
}

export const DEFAULT_STRONGEST_PATHS_OPTIONS: Readonly<StrongestPathsOptions> = Object.freeze({
  maxHops: 4,
  limit: 5,
  typeWeights: DEFAULT_RELATION_WEIGHTS,
  stakeBase: 0.3,
  maxExpansions: 200_000,
});

export interface PathLink {
  from: string;
  to: string;
  type: RelationKind;
  /** true when walked against the relationship's direction. */
  reversed: boolean;
  stake?: number;
  role?: OfficerRole;
  strength: number;
}

export interface LinkagePath {
  nodes: string[];
  links: PathLink[];
  strength: number;
}

export interface StrongestPathsResult {
  from: string;
  to: string;
  paths: LinkagePath[];
  truncated: boolean;
  expansions: number;
}

/** The `limit` strongest simple paths of at most `maxHops` relationships between two subjects. */
export function strongestPaths(
  csr: CsrGraph,
  fromId: string,
  toId: string,
  options: Partial<StrongestPathsOptions> = {},
): StrongestPathsResult {
  const opts = { ...DEFAULT_STRONGEST_PATHS_OPTIONS, ...options };
  if (!(opts.maxHops >= 1)) throw new InvalidOptionsError(MODULE, 'maxHops', 'must be ≥ 1');
  if (!(opts.limit >= 1)) throw new InvalidOptionsError(MODULE, 'limit', 'must be ≥ 1');
  if (!(opts.stakeBase >= 0 && opts.stakeBase <= 1))
    throw new InvalidOptionsError(MODULE, 'stakeBase', 'must be in [0, 1]');
  const source = csr.indexOf.get(fromId);
  if (source === undefined) throw new UnknownSubjectError(MODULE, fromId);
  const target = csr.indexOf.get(toId);
  if (target === undefined) throw new UnknownSubjectError(MODULE, toId);
  const mask = relationMask(opts.types);
  const table = weightTable(opts.typeWeights);
  const { outOffsets, outTargets, edgeType, inOffsets, inSources, inSlot } = csr;

  // State arrays (grown as needed).
  const sNode: number[] = [];
  const sParent: number[] = [];
  const sSlot: number[] = [];
  const sRev: number[] = [];
  const sHops: number[] = [];
  const sStrength: number[] = [];
  const heap = new MaxHeap();
  const pops = new Map<number, number>();
  const newState = (
    node: number,
    parent: number,
    slot: number,
    rev: number,
    hops: number,
    strength: number,
  ) => {
    const id = sNode.length;
    sNode.push(node);
    sParent.push(parent);
    sSlot.push(slot);
    sRev.push(rev);
    sHops.push(hops);
    sStrength.push(strength);
    heap.push(strength, id);
  };
  const onPath = (state: number, node: number): boolean => {
    for (let s = state; s >= 0; s = sParent[s]!) if (sNode[s] === node) return true;
    return false;
  };
  newState(source, -1, -1, 0, 0, 1);
  const found: number[] = [];
  let expansions = 0;
  let truncated = false;
  while (heap.size > 0 && found.length < opts.limit) {
    const s = heap.pop();
    const u = sNode[s]!;
    if (u === target && s !== 0) {
      found.push(s);
      continue;
    }
    const h = sHops[s]!;
    const key = u * (opts.maxHops + 1) + h;
    const count = pops.get(key) ?? 0;
    if (count >= opts.limit) continue;
    pops.set(key, count + 1);
    if (h >= opts.maxHops) continue;
    if (++expansions > opts.maxExpansions) {
      truncated = true;
      break;
    }
    const base = sStrength[s]!;
    for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
      if (((mask >> edgeType[k]!) & 1) === 0) continue;
      const v = outTargets[k]!;
      if (onPath(s, v)) continue;
      newState(v, s, k, 0, h + 1, base * slotStrength(csr, k, table, opts.stakeBase));
    }
    for (let q = inOffsets[u]!; q < inOffsets[u + 1]!; q++) {
      const k = inSlot[q]!;
      if (((mask >> edgeType[k]!) & 1) === 0) continue;
      const v = inSources[q]!;
      if (onPath(s, v)) continue;
      newState(v, s, k, 1, h + 1, base * slotStrength(csr, k, table, opts.stakeBase));
    }
  }
  const paths: LinkagePath[] = found.map((end) => {
    const chain: number[] = [];
    for (let s = end; s >= 0; s = sParent[s]!) chain.push(s);
    chain.reverse();
    const nodes = chain.map((s) => csr.ids[sNode[s]!]!);
    const links: PathLink[] = [];
    for (let i = 1; i < chain.length; i++) {
      const s = chain[i]!;
      const k = sSlot[s]!;
      const rev = sRev[s] === 1;
      const a = csr.ids[sNode[sParent[s]!]!]!;
      const b = csr.ids[sNode[s]!]!;
      const link: PathLink = {
        from: rev ? b : a,
        to: rev ? a : b,
        type: relationKindOf(edgeType[k]!),
        reversed: rev,
        strength: slotStrength(csr, k, table, opts.stakeBase),
      };
      if (edgeType[k] === REL.SHAREHOLDER && !Number.isNaN(csr.edgeValue[k]!)) link.stake = csr.edgeValue[k]!;
      const role = roleOf(csr.edgeRole[k]!);
      if (role) link.role = role;
      links.push(link);
    }
    return { nodes, links, strength: sStrength[end]! };
  });
  return { from: fromId, to: toId, paths, truncated, expansions };
}
