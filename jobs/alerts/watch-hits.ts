/**
 * Which watchlists a cause concerns: the shortest paths from the cause subjects to the watched subjects within
 * the deepest watchlist's reach, kept where the watched subject is within its own watchlist's depth of the cause,
 * with the shortest path (domain/alerts/paths.ts) as evidence.
 */

import type { CypherGateway } from '../../cypher/gateway.ts';
import {
  type DatedEdge,
  type NodeMeta,
  type ShortestPathTree,
  shortestPathTree,
} from '../../domain/alerts/paths.ts';
import type { EvidencePath, SubjectInfo, WatchHit } from '../../domain/alerts/types.ts';
import type { AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import { type IsoDate, RELATION_KINDS, type SubjectKind } from '../../domain/vocabulary.ts';
import { toProjectionEdge } from '../projection/load-projection.ts';

export interface WatchRow {
  subjectId: string;
  name: string | null;
  kind: SubjectKind | null;
  watchlistId: string;
  org: string | null;
  ownerAccount: string;
  depth: number;
}

export interface CauseNeighbourhood {
  /** Shortest-path trees from each cause subject. */
  trees: Map<string, ShortestPathTree>;
  /** Watch rows of every watched subject in the neighbourhood. */
  watched: WatchRow[];
  meta: Map<string, NodeMeta>;
}

export const watchedSubject = (w: WatchRow): SubjectInfo => ({ id: w.subjectId, name: w.name, kind: w.kind });

/** A watch row as the hit of a cause `hops` away from the watched subject, with the path as evidence. */
export const watchHitOf = (w: WatchRow, hops: number, path: EvidencePath): WatchHit => ({
  watchlistId: w.watchlistId,
  org: w.org ?? null,
  ownerAccount: w.ownerAccount,
  depth: w.depth,
  watched: watchedSubject(w),
  hops,
  path,
});

export async function watchRowsFor(gateway: CypherGateway, ids: readonly string[]): Promise<WatchRow[]> {
  if (ids.length === 0) return [];
  return gateway.read<WatchRow & Record<string, unknown>>('alerts/watching', { ids: [...ids] });
}

type WatchPathRow = {
  cause: string;
  nodes: Array<[string, string | null, SubjectKind | null]>;
  /** [key, from, to, type, validFrom, validTo, stakePct, role, amount] */
  rels: Array<
    [
      string,
      string,
      string,
      string,
      string | null,
      string | null,
      number | null,
      string | null,
      number | null,
    ]
  >;
};

/**
 * The shortest paths from the causes to the watched subjects in their reach, read in one query
 * (alerts/watch-paths.cypher); null when no watchlist exists (nothing to look for). Each cause with a watched
 * subject in reach gets the breadth-first tree over its own paths: the union of every shortest path to each
 * target, so the tree picks the same evidence path as over the whole neighbourhood, and its `hops` are exact for
 * those targets. `meta` names the subjects on the paths.
 */
export async function causeNeighbourhood(
  gateway: CypherGateway,
  causes: readonly string[],
  opts: { today: IsoDate; catalogue: AlertRuleCatalogue; minHops?: number },
): Promise<CauseNeighbourhood | null> {
  const [row] = await gateway.read<{ depth: number | null }>('alerts/max-watch-depth');
  if (row?.depth == null || causes.length === 0) return null;
  const hops = Math.max(Math.min(row.depth, opts.catalogue.maxWatchDepth), opts.minHops ?? 0);
  const rows = await gateway.read<WatchPathRow>(
    'alerts/watch-paths',
    { ids: [...new Set(causes)], types: [...RELATION_KINDS], asOf: opts.today },
    { maxHops: hops },
  );
  const meta = new Map<string, NodeMeta>();
  const edgesOf = new Map<string, Map<string, DatedEdge>>();
  const targets = new Set<string>();
  for (const r of rows) {
    for (const [id, name, kind] of r.nodes) meta.set(id, { name, kind });
    targets.add(r.nodes.at(-1)![0]);
    const edges = edgesOf.get(r.cause) ?? new Map<string, DatedEdge>();
    edgesOf.set(r.cause, edges);
    for (const [key, from, to, type, validFrom, validTo, stakePct, role, amount] of r.rels) {
      // The projection's own conversion, so a path's links carry exactly what a whole-graph walk's would.
      const e = toProjectionEdge({ from, to, type, validFrom, validTo, stakePct, role, amount });
      if (e) edges.set(key, e);
    }
  }
  const trees = new Map<string, ShortestPathTree>();
  for (const [cause, edges] of edgesOf)
    trees.set(cause, shortestPathTree([...edges.values()], meta, cause, { maxHops: hops, day: opts.today }));
  const watched = await watchRowsFor(gateway, [...targets]);
  return { trees, watched, meta };
}

/** Watch hits by cause: every (watchlist, watched subject) within the watchlist's depth of the cause. */
export function watchHitsByCause(n: CauseNeighbourhood | null): Map<string, WatchHit[]> {
  const out = new Map<string, WatchHit[]>();
  if (!n) return out;
  for (const [cause, tree] of n.trees) {
    const hits: WatchHit[] = [];
    for (const w of n.watched) {
      const hops = tree.hops.get(w.subjectId);
      if (hops === undefined || hops > w.depth) continue;
      hits.push(watchHitOf(w, hops, tree.pathFrom(w.subjectId)!));
    }
    out.set(cause, hits);
  }
  return out;
}
