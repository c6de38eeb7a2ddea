/**
 * The explorer's graph state, pure and immutable: the root's neighbourhood plus the nodes each expansion added
 * (so a collapse removes exactly those), and the visible part under the relationship-type filter.
 */
import type { Network, NetworkEdge, RelationType } from '../api/types.ts';

export interface GNode {
  id: string;
  kind: string;
  name?: string;
  idMasked?: string;
  hops: number;
  /** The node whose expansion brought this one in (absent for the root's own neighbourhood). */
  addedBy?: string;
  expanded: boolean;
}
export interface GEdge extends NetworkEdge {
  key: string;
}
export interface GraphState {
  root: string;
  nodes: ReadonlyMap<string, GNode>;
  edges: ReadonlyMap<string, GEdge>;
  truncated: boolean;
}
export interface VisibleGraph {
  root: string;
  nodes: GNode[];
  edges: GEdge[];
}

export const edgeKey = (e: NetworkEdge): string =>
  `${e.from}|${e.type}|${e.to}|${e.validFrom ?? ''}|${e.role ?? ''}`;

export function fromNetwork(net: Network): GraphState {
  const nodes = new Map<string, GNode>();
  for (const n of net.nodes) nodes.set(n.id, { ...n, expanded: n.id === net.subject.id });
  const edges = new Map<string, GEdge>();
  for (const e of net.edges) edges.set(edgeKey(e), { ...e, key: edgeKey(e) });
  return { root: net.subject.id, nodes, edges, truncated: net.truncated };
}

/** Adds an expansion around `by`: new nodes remember who brought them, hops count from the root. */
export function expand(state: GraphState, net: Network, by: string): GraphState {
  const nodes = new Map(state.nodes);
  const base = nodes.get(by)?.hops ?? 0;
  for (const n of net.nodes) {
    if (!nodes.has(n.id)) nodes.set(n.id, { ...n, hops: base + n.hops, addedBy: by, expanded: false });
  }
  const self = nodes.get(by);
  if (self) nodes.set(by, { ...self, expanded: true });
  const edges = new Map(state.edges);
  for (const e of net.edges) {
    const key = edgeKey(e);
    if (!edges.has(key)) edges.set(key, { ...e, key });
  }
  return { ...state, nodes, edges, truncated: state.truncated || net.truncated };
}

/** Removes what expanding `id` added (and, recursively, what those nodes' expansions added). */
export function collapse(state: GraphState, id: string): GraphState {
  const removed = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of state.nodes.values()) {
      if (!removed.has(n.id) && n.addedBy !== undefined && (n.addedBy === id || removed.has(n.addedBy))) {
        removed.add(n.id);
        grew = true;
      }
    }
  }
  const nodes = new Map<string, GNode>();
  for (const n of state.nodes.values())
    if (!removed.has(n.id)) nodes.set(n.id, n.id === id ? { ...n, expanded: false } : n);
  const edges = new Map<string, GEdge>();
  for (const e of state.edges.values()) if (nodes.has(e.from) && nodes.has(e.to)) edges.set(e.key, e);
  return { ...state, nodes, edges };
}

/** Edges of the allowed types, and the nodes still reachable from the root through them. */
export function visibleGraph(state: GraphState, types: ReadonlySet<RelationType>): VisibleGraph {
  const edges = [...state.edges.values()].filter((e) => types.has(e.type));
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, []);
    if (!adj.has(e.to)) adj.set(e.to, []);
    adj.get(e.from)!.push(e.to);
    adj.get(e.to)!.push(e.from);
  }
  const seen = new Set([state.root]);
  const queue = [state.root];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of adj.get(v) ?? []) {
      if (!seen.has(w) && state.nodes.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return {
    root: state.root,
    nodes: [...state.nodes.values()].filter((n) => seen.has(n.id)),
    edges: edges.filter((e) => seen.has(e.from) && seen.has(e.to)),
  };
}
