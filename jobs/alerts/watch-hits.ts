/**
 * Which watchlists a cause concerns: read the neighbourhood of the cause subjects as deep as the deepest
 * watchlist looks (bounded by a node cap), find the watched subjects in it, and keep those within their
 * watchlist's depth of the cause, with the shortest path (domain/alerts/paths.ts) as evidence.
 */

import type { CypherGateway } from '../../cypher/gateway.ts';
import type { NodeMeta } from '../../domain/alerts/paths.ts';
import { type ShortestPathTree, shortestPathTree } from '../../domain/alerts/paths.ts';
import type { EvidencePath, SubjectInfo, WatchHit } from '../../domain/alerts/types.ts';
import type { AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import type { IsoDate, SubjectKind } from '../../domain/vocabulary.ts';
import { loadNeighbourhood } from '../projection/load-projection.ts';

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
  truncated: boolean;
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

/** Reads the neighbourhood of the causes once; null when no watchlist exists (nothing to look for). */
export async function causeNeighbourhood(
  gateway: CypherGateway,
  causes: readonly string[],
  opts: { today: IsoDate; catalogue: AlertRuleCatalogue; minHops?: number },
): Promise<CauseNeighbourhood | null> {
  const [row] = await gateway.read<{ depth: number | null }>('alerts/max-watch-depth');
  if (row?.depth == null || causes.length === 0) return null;
  const hops = Math.max(Math.min(row.depth, opts.catalogue.maxWatchDepth), opts.minHops ?? 0);
  const loaded = await loadNeighbourhood(gateway, {
    seeds: causes,
    expansions: [{ direction: 'both', hops }],
    maxNodes: opts.catalogue.maxNeighbourhoodNodes,
    asOf: opts.today,
  });
  const meta = new Map<string, NodeMeta>(
    loaded.input.nodes.map((n) => [n.id, { name: n.name ?? null, kind: n.kind }]),
  );
  const trees = new Map<string, ShortestPathTree>();
  for (const c of causes)
    if (meta.has(c))
      trees.set(c, shortestPathTree(loaded.input.edges, meta, c, { maxHops: hops, day: opts.today }));
  const watched = await watchRowsFor(
    gateway,
    loaded.input.nodes.map((n) => n.id),
  );
  return { trees, watched, meta, truncated: loaded.truncated };
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
