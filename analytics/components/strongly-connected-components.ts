/**
 * Strongly connected components by Tarjan's algorithm (Tarjan, "Depth-first search and linear graph algorithms",
 * SIAM J. Comput. 1972), ITERATIVE on the CSR's typed arrays with an explicit call stack, so a million-node graph
 * cannot overflow the JavaScript stack. Components are numbered in the order Tarjan emits them, which is a reverse
 * topological order of the condensation (a component comes after every component it reaches).
 */
import type { RelationKind } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { relationMask } from '../projection/relation-codes.ts';

/** The part of a CSR Tarjan needs; a CsrGraph or a local subgraph in the same layout. */
export type CsrAdjacency = Pick<CsrGraph, 'nodeCount' | 'outOffsets' | 'outTargets' | 'edgeType'>;

export interface StronglyConnectedComponentsOptions {
  /** Relation kinds that form the graph; default every kind. */
  types?: readonly RelationKind[];
  /** Extra predicate on an out-slot (e.g. stake > 0); default keeps every slot of the chosen types. */
  edgeFilter?: ((slot: number) => boolean) | null;
}

export const DEFAULT_SCC_OPTIONS: Readonly<StronglyConnectedComponentsOptions> = Object.freeze({
  edgeFilter: null,
});

export interface StronglyConnectedComponents {
  /** Component id per node. */
  componentOf: Int32Array;
  count: number;
  /** Member count per component. */
  sizes: Int32Array;
  /** 1 when a component has a self-loop (a subject related to itself). */
  selfLoop: Uint8Array;
}

/** Tarjan's SCCs over the CSR out-edges of the chosen types. O(n + m) time, O(n) extra memory. */
export function stronglyConnectedComponents(
  csr: CsrAdjacency,
  options: StronglyConnectedComponentsOptions = {},
): StronglyConnectedComponents {
  const opts = { ...DEFAULT_SCC_OPTIONS, ...options };
  const mask = relationMask(opts.types);
  const filter = opts.edgeFilter;
  const n = csr.nodeCount;
  const { outOffsets, outTargets, edgeType } = csr;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callSlot = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const sizesTmp: number[] = [];
  const selfTmp: number[] = [];
  let sp = 0;
  let counter = 0;
  let count = 0;
  const selfLoopNode = new Uint8Array(n);

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callSlot[0] = outOffsets[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const u = callNode[depth]!;
      let k = callSlot[depth]!;
      const end = outOffsets[u + 1]!;
      let descended = false;
      while (k < end) {
        const slot = k++;
        if (((mask >> edgeType[slot]!) & 1) === 0) continue;
        if (filter && !filter(slot)) continue;
        const v = outTargets[slot]!;
        if (v === u) {
          selfLoopNode[u] = 1;
          continue;
        }
        if (index[v] === -1) {
          callSlot[depth] = k;
          depth++;
          callNode[depth] = v;
          callSlot[depth] = outOffsets[v]!;
          index[v] = low[v] = counter++;
          stack[sp++] = v;
          onStack[v] = 1;
          descended = true;
          break;
        }
        if (onStack[v] === 1 && index[v]! < low[u]!) low[u] = index[v]!;
      }
      if (descended) continue;
      // u is finished.
      if (low[u] === index[u]) {
        let size = 0;
        let self = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          componentOf[w] = count;
          self |= selfLoopNode[w]!;
          size++;
        } while (w !== u);
        sizesTmp.push(size);
        selfTmp.push(self);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[u]! < low[parent]!) low[parent] = low[u]!;
      }
    }
  }
  return { componentOf, count, sizes: Int32Array.from(sizesTmp), selfLoop: Uint8Array.from(selfTmp) };
}

/**
 * Members (node indices) of the non-trivial components — size > 1 or a self-loop — grouped by component,
 * in one pass (counting sort). Returns component ids and an offsets/members pair.
 */
export function nontrivialComponentMembers(scc: StronglyConnectedComponents): {
  components: Int32Array;
  offsets: Int32Array;
  members: Int32Array;
} {
  const { componentOf, sizes, selfLoop, count } = scc;
  const slotOf = new Int32Array(count).fill(-1);
  const comps: number[] = [];
  for (let c = 0; c < count; c++) {
    if (sizes[c]! > 1 || selfLoop[c] === 1) {
      slotOf[c] = comps.length;
      comps.push(c);
    }
  }
  const offsets = new Int32Array(comps.length + 1);
  for (let i = 0; i < comps.length; i++) offsets[i + 1] = offsets[i]! + sizes[comps[i]!]!;
  const members = new Int32Array(offsets[comps.length]!);
  const cursor = offsets.slice(0, comps.length);
  for (let u = 0; u < componentOf.length; u++) {
    const s = slotOf[componentOf[u]!]!;
    if (s >= 0) members[cursor[s]!++] = u;
  }
  return { components: Int32Array.from(comps), offsets, members };
}
