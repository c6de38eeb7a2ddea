/**
 * Integrated (direct + indirect) ownership with cross-holdings: N = (I − A)⁻¹ = Σₙ Aⁿ over the stake matrix A,
 * solved by Gauss–Seidel sweeps of the power series with a tolerance and an iteration budget (Brioschi, Buzzacchi
 * & Colombo, "Risk capital financing and the separation of ownership and control in business groups", J. Banking
 * & Finance 1989; Romei, "Integrated ownership", Bank of Italy 2016; Vitali, Glattfelder & Battiston, PLoS ONE 2011).
 *
 * The integrated stake of owner i in company j (i ≠ j) is N[i][j] / N[i][i]: the sum of stake products over every
 * walk i → … → j that does not come back to i. It equals the chance that a walk up from j (to each owner with
 * probability = its stake) ever reaches i, so it never exceeds 1 when every company's direct owners sum to ≤ 100 %,
 * and for an ultimate owner (one that nobody owns) it is the plain (I − A)⁻¹ entry. A company holding itself
 * through a loop has selfHolding = N[j][j] − 1. If a loop is held 100 % inside itself the series diverges and a
 * NotConvergedError is thrown.
 */
import type { SubjectKind } from '../../domain/vocabulary.ts';
import { stronglyConnectedComponents } from '../components/strongly-connected-components.ts';
import { InvalidOptionsError, NotConvergedError, UnknownSubjectError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL, subjectKindOf } from '../projection/relation-codes.ts';
import { enumerateOwnershipChains, type OwnershipChain } from './ownership-chains.ts';
import {
  collectOwnershipSubgraph,
  type OwnershipDirection,
  type OwnershipSubgraph,
} from './ownership-subgraph.ts';

const MODULE = 'analytics/ownership/integrated-ownership';

export interface IntegratedOwnershipOptions {
  /** Hop limit of the neighbourhood walked from the subject. */
  maxDepth: number;
  /** Node cap of that neighbourhood; beyond it the result is marked truncated. */
  maxNodes: number;
  /** Largest change in a sweep below which the series has converged. */
  tolerance: number;
  /** Sweep budget; exceeding it throws NotConvergedError. */
  maxIterations: number;
  /** Integrated stakes below this are left out of the result. */
  minStake: number;
  /** Longest contributing chain listed. */
  maxChainHops: number;
  /** Chains kept per counterpart (0 = no chains). */
  chainsPerCounterpart: number;
  /** Budget of the chain enumeration. */
  maxChainExpansions: number;
}

export const DEFAULT_INTEGRATED_OWNERSHIP_OPTIONS: Readonly<IntegratedOwnershipOptions> = Object.freeze({
  maxDepth: 32,
  maxNodes: 20_000,
  tolerance: 1e-12,
  maxIterations: 10_000,
  minStake: 1e-9,
  maxChainHops: 8,
  chainsPerCounterpart: 3,
  maxChainExpansions: 100_000,
});

export interface IntegratedStake {
  id: string;
  kind: SubjectKind;
  name?: string;
  /** Direct stake between the pair (parallel relationships added). */
  direct: number;
  /** Integrated stake, 0–1. */
  integrated: number;
  /** (up) the owner is owned by nobody in the projection; (down) the held company holds nothing. */
  ultimate: boolean;
  /** Best contributing simple chains, owner first, ranked by product. */
  chains: OwnershipChain[];
}

export interface IntegratedOwnershipResult {
  subjectId: string;
  direction: OwnershipDirection;
  /** Owners (up) or holdings (down), by integrated stake, largest first. */
  stakes: IntegratedStake[];
  /** Share of the subject held by itself through loops, N[j][j] − 1 (up) or N[i][i] − 1 (down). */
  selfHolding: number;
  /** The neighbourhood hit its hop limit or node cap. */
  truncated: boolean;
  chainsTruncated: boolean;
  neighbourhoodSize: number;
  iterations: number;
  converged: true;
}

export function resolveOwnershipOptions(
  options: Partial<IntegratedOwnershipOptions> = {},
): IntegratedOwnershipOptions {
  const opts = { ...DEFAULT_INTEGRATED_OWNERSHIP_OPTIONS, ...options };
  if (!(opts.maxDepth >= 1)) throw new InvalidOptionsError(MODULE, 'maxDepth', 'must be ≥ 1');
  if (!(opts.maxNodes >= 1)) throw new InvalidOptionsError(MODULE, 'maxNodes', 'must be ≥ 1');
  if (!(opts.tolerance > 0)) throw new InvalidOptionsError(MODULE, 'tolerance', 'must be > 0');
  if (!(opts.maxIterations >= 1)) throw new InvalidOptionsError(MODULE, 'maxIterations', 'must be ≥ 1');
  return opts;
}

const DIVERGED = 1e12;

/**
 * Column solve t = e_target + A t over `members` (local indices, all of the subgraph when null):
 * t[k] = N[k][target], the stake-product sum over walks k → … → target.
 */
export function solveOwnershipColumn(
  sub: OwnershipSubgraph,
  target: number,
  members: Int32Array | null,
  inMembers: Uint8Array | null,
  opts: Pick<IntegratedOwnershipOptions, 'tolerance' | 'maxIterations'>,
): { values: Float64Array; iterations: number } {
  const t = new Float64Array(sub.nodeCount);
  t[target] = 1;
  const { outOffsets, outTargets, outStake } = sub;
  const count = members ? members.length : sub.nodeCount;
  for (let it = 1; it <= opts.maxIterations; it++) {
    let residual = 0;
    for (let i = 0; i < count; i++) {
      const k = members ? members[i]! : i;
      let s = k === target ? 1 : 0;
      for (let e = outOffsets[k]!; e < outOffsets[k + 1]!; e++) {
        const m = outTargets[e]!;
        if (inMembers && inMembers[m] === 0) continue;
        s += outStake[e]! * t[m]!;
      }
      const d = Math.abs(s - t[k]!);
      if (d > residual) residual = d;
      t[k] = s;
    }
    if (residual <= opts.tolerance) return { values: t, iterations: it };
    if (!(residual < DIVERGED)) {
      throw new NotConvergedError(
        MODULE,
        it,
        residual,
        'a loop is owned 100 % inside itself; check the stakes',
      );
    }
  }
  throw new NotConvergedError(
    MODULE,
    opts.maxIterations,
    Number.NaN,
    'raise maxIterations or check the stakes',
  );
}

/** Row solve r = e_source + r A: r[m] = N[source][m]. */
export function solveOwnershipRow(
  sub: OwnershipSubgraph,
  source: number,
  opts: Pick<IntegratedOwnershipOptions, 'tolerance' | 'maxIterations'>,
): { values: Float64Array; iterations: number } {
  const r = new Float64Array(sub.nodeCount);
  r[source] = 1;
  const { inOffsets, inSources, inStake } = sub;
  for (let it = 1; it <= opts.maxIterations; it++) {
    let residual = 0;
    for (let m = 0; m < sub.nodeCount; m++) {
      let s = m === source ? 1 : 0;
      for (let e = inOffsets[m]!; e < inOffsets[m + 1]!; e++) s += r[inSources[e]!]! * inStake[e]!;
      const d = Math.abs(s - r[m]!);
      if (d > residual) residual = d;
      r[m] = s;
    }
    if (residual <= opts.tolerance) return { values: r, iterations: it };
    if (!(residual < DIVERGED)) {
      throw new NotConvergedError(
        MODULE,
        it,
        residual,
        'a loop is owned 100 % inside itself; check the stakes',
      );
    }
  }
  throw new NotConvergedError(
    MODULE,
    opts.maxIterations,
    Number.NaN,
    'raise maxIterations or check the stakes',
  );
}

/**
 * Diagonal N[k][k] for every local node on a loop (1 elsewhere): closed walks from k stay inside k's strongly
 * connected component, so each is a column solve restricted to that component.
 */
export function ownershipDiagonal(
  sub: OwnershipSubgraph,
  opts: Pick<IntegratedOwnershipOptions, 'tolerance' | 'maxIterations'>,
): { diagonal: Float64Array; iterations: number } {
  const diagonal = new Float64Array(sub.nodeCount).fill(1);
  if (sub.edgeCount === 0) return { diagonal, iterations: 0 };
  const scc = stronglyConnectedComponents(sub);
  let iterations = 0;
  const groups = new Map<number, number[]>();
  for (let k = 0; k < sub.nodeCount; k++) {
    const c = scc.componentOf[k]!;
    if (scc.sizes[c]! > 1 || scc.selfLoop[c] === 1) {
      let g = groups.get(c);
      if (!g) {
        g = [];
        groups.set(c, g);
      }
      g.push(k);
    }
  }
  const inMembers = new Uint8Array(sub.nodeCount);
  for (const g of groups.values()) {
    const members = Int32Array.from(g);
    for (const k of g) inMembers[k] = 1;
    for (const k of g) {
      const { values, iterations: it } = solveOwnershipColumn(sub, k, members, inMembers, opts);
      diagonal[k] = values[k]!;
      iterations += it;
    }
    for (const k of g) inMembers[k] = 0;
  }
  return { diagonal, iterations };
}

function hasOwners(csr: CsrGraph, u: number): boolean {
  for (let q = csr.inOffsets[u]!; q < csr.inOffsets[u + 1]!; q++) {
    const k = csr.inSlot[q]!;
    if (csr.edgeType[k] === REL.SHAREHOLDER && csr.edgeValue[k]! > 0) return true;
  }
  return false;
}

function hasHoldings(csr: CsrGraph, u: number): boolean {
  for (let k = csr.outOffsets[u]!; k < csr.outOffsets[u + 1]!; k++) {
    if (csr.edgeType[k] === REL.SHAREHOLDER && csr.edgeValue[k]! > 0) return true;
  }
  return false;
}

function indexOrThrow(csr: CsrGraph, id: string): number {
  const u = csr.indexOf.get(id);
  if (u === undefined) throw new UnknownSubjectError(MODULE, id);
  return u;
}

/** Integrated owners of `subjectId` ("who owns this company"), bounded to its upstream neighbourhood. */
export function integratedOwnersOf(
  csr: CsrGraph,
  subjectId: string,
  options: Partial<IntegratedOwnershipOptions> = {},
): IntegratedOwnershipResult {
  return integratedOwnership(csr, subjectId, 'up', options);
}

/** Integrated holdings of `subjectId` ("what does this subject own"), bounded to its downstream neighbourhood. */
export function integratedHoldingsOf(
  csr: CsrGraph,
  subjectId: string,
  options: Partial<IntegratedOwnershipOptions> = {},
): IntegratedOwnershipResult {
  return integratedOwnership(csr, subjectId, 'down', options);
}

/** Integrated ownership in either direction (see integratedOwnersOf / integratedHoldingsOf). */
export function integratedOwnership(
  csr: CsrGraph,
  subjectId: string,
  direction: OwnershipDirection,
  options: Partial<IntegratedOwnershipOptions> = {},
): IntegratedOwnershipResult {
  const opts = resolveOwnershipOptions(options);
  const anchor = indexOrThrow(csr, subjectId);
  const sub = collectOwnershipSubgraph(csr, anchor, direction, opts.maxDepth, opts.maxNodes);
  let integrated: Float64Array;
  let selfHolding: number;
  let iterations: number;
  if (direction === 'up') {
    const col = solveOwnershipColumn(sub, 0, null, null, opts);
    const diag = ownershipDiagonal(sub, opts);
    integrated = new Float64Array(sub.nodeCount);
    for (let k = 1; k < sub.nodeCount; k++) integrated[k] = col.values[k]! / diag.diagonal[k]!;
    selfHolding = col.values[0]! - 1;
    iterations = col.iterations + diag.iterations;
  } else {
    const row = solveOwnershipRow(sub, 0, opts);
    const n00 = row.values[0]!;
    integrated = new Float64Array(sub.nodeCount);
    for (let m = 1; m < sub.nodeCount; m++) integrated[m] = row.values[m]! / n00;
    selfHolding = n00 - 1;
    iterations = row.iterations;
  }
  const direct = new Float64Array(sub.nodeCount);
  if (direction === 'up') {
    for (let e = sub.inOffsets[0]!; e < sub.inOffsets[1]!; e++) direct[sub.inSources[e]!]! += sub.inStake[e]!;
  } else {
    for (let e = sub.outOffsets[0]!; e < sub.outOffsets[1]!; e++)
      direct[sub.outTargets[e]!]! += sub.outStake[e]!;
  }
  const chains = enumerateOwnershipChains(csr, sub, direction, {
    maxHops: opts.maxChainHops,
    perCounterpart: opts.chainsPerCounterpart,
    maxExpansions: opts.maxChainExpansions,
    minProduct: opts.minStake,
  });
  const stakes: IntegratedStake[] = [];
  for (let k = 1; k < sub.nodeCount; k++) {
    const value = integrated[k]!;
    if (!(value >= opts.minStake)) continue;
    const u = sub.nodes[k]!;
    const node = csr.input.nodes[u]!;
    const item: IntegratedStake = {
      id: csr.ids[u]!,
      kind: subjectKindOf(csr.kind[u]!),
      direct: direct[k]!,
      integrated: value,
      ultimate: direction === 'up' ? !hasOwners(csr, u) : !hasHoldings(csr, u),
      chains: chains.byLocal.get(k) ?? [],
    };
    if (node.name !== undefined) item.name = node.name;
    stakes.push(item);
  }
  stakes.sort((a, b) => b.integrated - a.integrated || (a.id < b.id ? -1 : 1));
  return {
    subjectId,
    direction,
    stakes,
    selfHolding,
    truncated: sub.truncated,
    chainsTruncated: chains.truncated,
    neighbourhoodSize: sub.nodeCount,
    iterations,
    converged: true,
  };
}

export interface IntegratedOwnershipAllOptions
  extends Pick<IntegratedOwnershipOptions, 'maxDepth' | 'maxNodes' | 'tolerance' | 'maxIterations'> {
  /** Pairs with a smaller integrated stake are dropped. */
  minStake: number;
  /** Keep only ultimate owners (owned by nobody), e.g. for beneficial-owner screening. */
  ultimateOnly: boolean;
}

export const DEFAULT_INTEGRATED_OWNERSHIP_ALL_OPTIONS: Readonly<IntegratedOwnershipAllOptions> =
  Object.freeze({
    maxDepth: 32,
    maxNodes: 20_000,
    tolerance: 1e-12,
    maxIterations: 10_000,
    minStake: 0.01,
    ultimateOnly: true,
  });

/** Whole-graph integrated ownership as (target, owner, stake) triples, one bounded upstream solve per company. */
export interface IntegratedOwnershipTable {
  target: Int32Array;
  owner: Int32Array;
  stake: Float64Array;
  count: number;
  /** Companies whose upstream neighbourhood was cut by maxDepth or maxNodes. */
  truncatedTargets: number;
}

export function integratedOwnershipAll(
  csr: CsrGraph,
  options: Partial<IntegratedOwnershipAllOptions> = {},
): IntegratedOwnershipTable {
  const opts = { ...DEFAULT_INTEGRATED_OWNERSHIP_ALL_OPTIONS, ...options };
  resolveOwnershipOptions(opts);
  const ownerless = new Uint8Array(csr.nodeCount);
  for (let u = 0; u < csr.nodeCount; u++) ownerless[u] = hasOwners(csr, u) ? 0 : 1;
  let cap = 1024;
  let target = new Int32Array(cap);
  let owner = new Int32Array(cap);
  let stake = new Float64Array(cap);
  let count = 0;
  let truncatedTargets = 0;
  for (let j = 0; j < csr.nodeCount; j++) {
    if (ownerless[j] === 1) continue;
    const sub = collectOwnershipSubgraph(csr, j, 'up', opts.maxDepth, opts.maxNodes);
    if (sub.truncated) truncatedTargets++;
    const col = solveOwnershipColumn(sub, 0, null, null, opts);
    const diag = opts.ultimateOnly ? null : ownershipDiagonal(sub, opts).diagonal;
    for (let k = 1; k < sub.nodeCount; k++) {
      const u = sub.nodes[k]!;
      if (opts.ultimateOnly && ownerless[u] === 0) continue;
      const value = diag ? col.values[k]! / diag[k]! : col.values[k]!;
      if (!(value >= opts.minStake)) continue;
      if (count === cap) {
        cap *= 2;
        const t2 = new Int32Array(cap);
        t2.set(target);
        target = t2;
        const o2 = new Int32Array(cap);
        o2.set(owner);
        owner = o2;
        const s2 = new Float64Array(cap);
        s2.set(stake);
        stake = s2;
      }
      target[count] = j;
      owner[count] = u;
      stake[count] = value;
      count++;
    }
  }
  return {
    target: target.slice(0, count),
    owner: owner.slice(0, count),
    stake: stake.slice(0, count),
    count,
    truncatedTargets,
  };
}
