/**
 * Communities by Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
 * communities in large networks", J. Stat. Mech. 2008) via graphology-communities-louvain, on an undirected
 * weighted view of the chosen relationships, with a seeded rng so runs are reproducible; each community is
 * reported with its share of risky members (subjects with an active negative record unless given).
 * strength = risky share.
 */
import louvain from 'graphology-communities-louvain';
import type { RelationKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError } from '../errors.ts';
import { DEFAULT_RELATION_WEIGHTS, slotStrength, weightTable } from '../linkage/relation-strength.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { csrToUndirectedGraphology } from '../projection/to-graphology.ts';
import { createRng } from '../shared/rng.ts';
import { type DetectorItem, sortItems } from './detector-item.ts';

export interface CommunitiesOptions {
  types: readonly RelationKind[];
  /** Seed of the rng that orders Louvain's moves. */
  seed: number;
  resolution: number;
  /** Communities smaller than this are not reported. */
  minSize: number;
  /** Weight relationships by linkage strength (relation-strength.ts) instead of 1. */
  weighted: boolean;
  /** Risky subject ids; default: subjects with an active negative record in the projection input. */
  risky?: Iterable<string>;
}

export const DEFAULT_COMMUNITIES_OPTIONS: Readonly<CommunitiesOptions> = Object.freeze({
  types: Object.freeze([
    'LEGAL_REP',
    'SHAREHOLDER',
    'OFFICER',
    'ACTUAL_CONTROLLER',
    'GUARANTEE',
    'BRANCH',
  ] as RelationKind[]),
  seed: 42,
  resolution: 1,
  minSize: 3,
  weighted: true,
});

export interface CommunityEvidence {
  community: number;
  riskyMembers: string[];
  riskyShare: number;
}

export type CommunityItem = DetectorItem<CommunityEvidence>;

export interface CommunitiesDetailed {
  items: CommunityItem[];
  modularity: number;
  /** All communities found, including those below minSize. */
  count: number;
}

/** Louvain communities with their risky share. */
export function detectCommunities(csr: CsrGraph, options: Partial<CommunitiesOptions> = {}): CommunityItem[] {
  return detectCommunitiesDetailed(csr, options).items;
}

/** As detectCommunities, with modularity and the raw community count. */
export function detectCommunitiesDetailed(
  csr: CsrGraph,
  options: Partial<CommunitiesOptions> = {},
): CommunitiesDetailed {
  const partition = communityPartition(csr, options);
  return { ...riskyShares(partition, riskySubjects(csr, options.risky)), modularity: partition.modularity };
}

/**
 * The communities alone (members sorted, those of at least minSize), which depend on the relationships only: a
 * whole-graph pass keeps them while no relationship changes and works out the risky shares again from the
 * records (riskyShares).
 */
export interface CommunityPartition {
  communities: Array<{ community: number; members: string[] }>;
  modularity: number;
  /** All communities found, including those below minSize. */
  count: number;
}

export function communityPartition(
  csr: CsrGraph,
  options: Partial<Omit<CommunitiesOptions, 'risky'>> = {},
): CommunityPartition {
  const opts = { ...DEFAULT_COMMUNITIES_OPTIONS, ...options };
  if (!(opts.resolution > 0))
    throw new InvalidOptionsError('analytics/detectors/communities', 'resolution', 'must be > 0');
  const table = weightTable(DEFAULT_RELATION_WEIGHTS);
  const graph = csrToUndirectedGraphology(csr, {
    types: opts.types,
    getEdgeWeight: opts.weighted ? (k) => slotStrength(csr, k, table, 0.3) : () => 1,
  });
  // Isolated subjects are their own trivial community: leave them out of Louvain.
  graph.forEachNode((node) => {
    if (graph.degree(node) === 0) graph.dropNode(node);
  });
  if (graph.order === 0) return { communities: [], modularity: 0, count: 0 };
  const result = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    resolution: opts.resolution,
    rng: createRng(opts.seed),
  });
  const byCommunity = new Map<number, string[]>();
  for (const [node, c] of Object.entries(result.communities)) {
    const list = byCommunity.get(c);
    if (list) list.push(node);
    else byCommunity.set(c, [node]);
  }
  const communities: CommunityPartition['communities'] = [];
  for (const [community, members] of byCommunity) {
    if (members.length < opts.minSize) continue;
    members.sort();
    communities.push({ community, members });
  }
  return { communities, modularity: result.modularity, count: result.count };
}

/** The given risky ids, or the subjects with an active negative record in the projection input. */
export function riskySubjects(csr: CsrGraph, given?: Iterable<string>): Set<string> {
  const risky = new Set<string>();
  if (given) for (const id of given) risky.add(id);
  else
    for (const r of csr.input.records)
      if (r.polarity === 'negative' && r.status === 'active') risky.add(r.subjectId);
  return risky;
}

/** The partition's communities as detector items, strength = share of risky members. */
export function riskyShares(
  partition: CommunityPartition,
  risky: ReadonlySet<string>,
): Omit<CommunitiesDetailed, 'modularity'> {
  const items: CommunityItem[] = partition.communities.map(({ community, members }) => {
    const riskyMembers = members.filter((m) => risky.has(m));
    const share = riskyMembers.length / members.length;
    return {
      members,
      evidence: { community, riskyMembers, riskyShare: share },
      size: members.length,
      strength: share,
    };
  });
  return { items: sortItems(items), count: partition.count };
}
