/**
 * Contributing ownership chains: depth-first enumeration of simple SHAREHOLDER paths up to `maxHops` within a
 * bounded neighbourhood, each scored by the product of its stakes, the best few kept per counterpart
 * (bounded path enumeration; cf. Yen, "Finding the k shortest loopless paths", Management Science 1971).
 */
import type { CsrGraph } from '../projection/build-csr.ts';
import type { OwnershipDirection, OwnershipSubgraph } from './ownership-subgraph.ts';

export interface OwnershipChain {
  /** Subject ids from owner to held company (owner first). */
  path: string[];
  /** Stake fraction of each link, aligned with path[i] → path[i+1]. */
  stakes: number[];
  product: number;
}

export interface ChainEnumerationOptions {
  maxHops: number;
  perCounterpart: number;
  maxExpansions: number;
  minProduct: number;
}

export interface ChainEnumeration {
  /** Best chains per local index (only counterparts that have at least one chain). */
  byLocal: Map<number, OwnershipChain[]>;
  truncated: boolean;
}

/** Enumerates simple chains between the anchor (local 0) and every other subject of the subgraph. */
export function enumerateOwnershipChains(
  csr: CsrGraph,
  sub: OwnershipSubgraph,
  direction: OwnershipDirection,
  options: ChainEnumerationOptions,
): ChainEnumeration {
  const byLocal = new Map<number, OwnershipChain[]>();
  if (options.perCounterpart <= 0 || options.maxHops <= 0) return { byLocal, truncated: false };
  const onPath = new Uint8Array(sub.nodeCount);
  const pathNodes: number[] = [0];
  const pathStakes: number[] = [];
  let expansions = 0;
  let truncated = false;
  onPath[0] = 1;
  const offsets = direction === 'up' ? sub.inOffsets : sub.outOffsets;
  const next = direction === 'up' ? sub.inSources : sub.outTargets;
  const stake = direction === 'up' ? sub.inStake : sub.outStake;

  const record = (node: number, product: number): void => {
    let list = byLocal.get(node);
    if (!list) {
      list = [];
      byLocal.set(node, list);
    }
    if (list.length >= options.perCounterpart && list[list.length - 1]!.product >= product) return;
    const ids = pathNodes.map((l) => csr.ids[sub.nodes[l]!]!);
    const stakes = pathStakes.slice();
    // Store owner first.
    const chain: OwnershipChain =
      direction === 'up'
        ? { path: ids.reverse(), stakes: stakes.reverse(), product }
        : { path: ids, stakes, product };
    let i = list.length;
    list.push(chain);
    while (i > 0 && list[i - 1]!.product < product) {
      list[i] = list[i - 1]!;
      i--;
    }
    list[i] = chain;
    if (list.length > options.perCounterpart) list.pop();
  };

  const visit = (u: number, product: number, hops: number): void => {
    if (hops >= options.maxHops) return;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = next[e]!;
      if (onPath[v] === 1) continue;
      const p = product * stake[e]!;
      if (p < options.minProduct) continue;
      if (++expansions > options.maxExpansions) {
        truncated = true;
        return;
      }
      onPath[v] = 1;
      pathNodes.push(v);
      pathStakes.push(stake[e]!);
      record(v, p);
      visit(v, p, hops + 1);
      pathNodes.pop();
      pathStakes.pop();
      onPath[v] = 0;
      if (truncated) return;
    }
  };
  visit(0, 1, 0);
  return { byLocal, truncated };
}
