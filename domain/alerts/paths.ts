/**
 * Shortest linkage paths from a cause subject to everything within k hops: breadth-first search over the dated
 * relationships valid on a day (validFrom ≤ day < validTo, open ends allowed), walking relationships in either
 * direction. Ties are broken by relation type and then subject id, so the same graph always gives the same path
 * (the path is the evidence of an alert, and evidence must not change between runs).
 */
import type { RelationKind, SubjectKind } from '../vocabulary.ts';
import type { EvidenceKind, EvidenceLink, EvidenceNode, EvidencePath } from './types.ts';

export interface DatedEdge {
  type: RelationKind;
  from: string;
  to: string;
  validFrom?: string | null;
  validTo?: string | null;
  role?: string;
  stakePct?: number;
  amount?: number;
}

export interface NodeMeta {
  name?: string | null;
  kind?: SubjectKind | null;
}

export interface ShortestPathTree {
  seed: string;
  /** Hops from the seed of every subject reached. */
  hops: ReadonlyMap<string, number>;
  /** The path from `target` to the seed (target first), or null when not reached. */
  pathFrom(target: string, kind?: EvidenceKind): EvidencePath | null;
}

export const validOn = (e: Pick<DatedEdge, 'validFrom' | 'validTo'>, day: string): boolean =>
  (e.validFrom == null || e.validFrom <= day) && (e.validTo == null || e.validTo > day);

interface Step {
  other: string;
  edge: DatedEdge;
  /** true when the edge points from `other` to the current node. */
  incoming: boolean;
}

export function shortestPathTree(
  edges: readonly DatedEdge[],
  meta: ReadonlyMap<string, NodeMeta>,
  seed: string,
  opts: { maxHops: number; day: string },
): ShortestPathTree {
  const adjacency = new Map<string, Step[]>();
  const add = (at: string, step: Step) => {
    const list = adjacency.get(at);
    if (list) list.push(step);
    else adjacency.set(at, [step]);
  };
  for (const e of edges) {
    if (e.from === e.to || !validOn(e, opts.day)) continue;
    add(e.from, { other: e.to, edge: e, incoming: false });
    add(e.to, { other: e.from, edge: e, incoming: true });
  }
  const order = (a: Step, b: Step) =>
    a.edge.type < b.edge.type
      ? -1
      : a.edge.type > b.edge.type
        ? 1
        : a.other < b.other
          ? -1
          : a.other > b.other
            ? 1
            : 0;
  for (const list of adjacency.values()) list.sort(order);

  const hops = new Map<string, number>([[seed, 0]]);
  const parent = new Map<string, Step>();
  const queue = [seed];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    const d = hops.get(u)!;
    if (d >= opts.maxHops) continue;
    for (const step of adjacency.get(u) ?? []) {
      if (hops.has(step.other)) continue;
      hops.set(step.other, d + 1);
      // Seen from `other`, the step back to u points the other way.
      parent.set(step.other, { other: u, edge: step.edge, incoming: !step.incoming });
      queue.push(step.other);
    }
  }

  const node = (id: string): EvidenceNode => {
    const m = meta.get(id);
    return { id, name: m?.name ?? null, kind: m?.kind ?? null };
  };
  return {
    seed,
    hops,
    pathFrom(target, kind = 'watch') {
      if (!hops.has(target)) return null;
      const nodes: EvidenceNode[] = [node(target)];
      const links: EvidenceLink[] = [];
      let at = target;
      while (at !== seed) {
        const step = parent.get(at)!;
        links.push(linkOf(step.edge, step.incoming));
        nodes.push(node(step.other));
        at = step.other;
      }
      return { kind, nodes, links };
    },
  };
}

/** An evidence link for an edge walked from one node to the next; `reversed` when walked against it. */
export function linkOf(e: DatedEdge, reversed: boolean): EvidenceLink {
  const link: EvidenceLink = {
    type: e.type,
    reversed,
    validFrom: e.validFrom ?? null,
    validTo: e.validTo ?? null,
  };
  if (e.role !== undefined) link.role = e.role;
  if (e.stakePct !== undefined) link.stakePct = e.stakePct;
  if (e.amount !== undefined) link.amount = e.amount;
  return link;
}

/** Every subject id a set of paths passes through. */
export const subjectsOnPaths = (paths: readonly EvidencePath[]): string[] => [
  ...new Set(paths.flatMap((p) => p.nodes.flatMap((n) => (n.id ? [n.id] : [])))),
];

/** The paths with every node outside `visible` redacted (id and name hidden, kind kept so the shape reads). */
export function redactPaths(paths: readonly EvidencePath[], visible: ReadonlySet<string>): EvidencePath[] {
  return paths.map((p) => ({
    ...p,
    nodes: p.nodes.map((n) =>
      n.id !== null && !visible.has(n.id) ? { id: null, name: null, kind: n.kind, redacted: true } : n,
    ),
  }));
}
