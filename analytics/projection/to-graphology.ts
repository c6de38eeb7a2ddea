/**
 * Graphology views of a projection for subgraphs, visual exploration and graphology's stock algorithms
 * (graphology `MultiDirectedGraph`, https://graphology.github.io). Not for whole-graph passes: a graphology graph
 * holds fewer than 16.7M edges and costs ~10× the memory of the CSR.
 */
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import type { IsoDate, OfficerRole, RelationKind, SubjectKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError } from '../errors.ts';
import { toDayNumber } from '../shared/dates.ts';
import type { CsrGraph } from './build-csr.ts';
import type { ProjectionContacts, ProjectionInput } from './projection-input.ts';
import { ALL_RELATIONS_MASK, relationKindOf, relationMask } from './relation-codes.ts';

export interface SubjectAttributes {
  kind: SubjectKind;
  name?: string;
  registeredAt?: IsoDate;
  contacts?: ProjectionContacts;
}

export interface RelationAttributes {
  type: RelationKind;
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  stakePct?: number;
  role?: OfficerRole;
  amount?: number;
}

export interface ToGraphologyOptions {
  /** Keep only relationships valid on this day; undefined keeps every relationship (a history view). */
  asOf?: IsoDate;
  /** Keep only these subjects (and edges between them); undefined keeps all. */
  nodes?: Iterable<string>;
  /** Keep only these relation kinds; undefined keeps all. */
  types?: readonly RelationKind[];
}

export const DEFAULT_TO_GRAPHOLOGY_OPTIONS: Readonly<ToGraphologyOptions> = Object.freeze({});

/** A directed multigraph view of the input (one graphology edge per relationship). Never mutates the input. */
export function toGraphology(
  input: ProjectionInput,
  options: ToGraphologyOptions = {},
): MultiDirectedGraph<SubjectAttributes, RelationAttributes> {
  const opts = { ...DEFAULT_TO_GRAPHOLOGY_OPTIONS, ...options };
  const asOfDay = opts.asOf === undefined ? undefined : toDayNumber(opts.asOf);
  if (asOfDay !== undefined && Number.isNaN(asOfDay)) {
    throw new InvalidOptionsError('analytics/projection/to-graphology', 'asOf', 'must be an ISO date');
  }
  const keep = opts.nodes ? new Set(opts.nodes) : undefined;
  const types = opts.types ? new Set<string>(opts.types) : undefined;
  const graph = new MultiDirectedGraph<SubjectAttributes, RelationAttributes>();
  for (const node of input.nodes) {
    if (keep && !keep.has(node.id)) continue;
    const attrs: SubjectAttributes = { kind: node.kind };
    if (node.name !== undefined) attrs.name = node.name;
    if (node.registeredAt !== undefined) attrs.registeredAt = node.registeredAt;
    if (node.contacts !== undefined) attrs.contacts = { ...node.contacts };
    graph.addNode(node.id, attrs);
  }
  for (const e of input.edges) {
    if (types && !types.has(e.type)) continue;
    if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) continue;
    if (asOfDay !== undefined) {
      if (e.validFrom != null && toDayNumber(e.validFrom) > asOfDay) continue;
      if (e.validTo != null && toDayNumber(e.validTo) <= asOfDay) continue;
    }
    const attrs: RelationAttributes = { type: e.type };
    if (e.validFrom !== undefined) attrs.validFrom = e.validFrom;
    if (e.validTo !== undefined) attrs.validTo = e.validTo;
    if (e.stakePct !== undefined) attrs.stakePct = e.stakePct;
    if (e.role !== undefined) attrs.role = e.role;
    if (e.amount !== undefined) attrs.amount = e.amount;
    graph.addDirectedEdge(e.from, e.to, attrs);
  }
  return graph;
}

export interface CsrToUndirectedOptions {
  types?: readonly RelationKind[];
  /** Weight of one relationship; parallel relationships between a pair add up. Default 1. */
  getEdgeWeight?: (slot: number) => number;
}

/**
 * A simple undirected weighted view of a CSR projection (parallel and opposite relationships merged, weights
 * summed, self-loops dropped), e.g. for Louvain. Node keys are subject ids; edge attribute `weight`.
 */
export function csrToUndirectedGraphology(
  csr: CsrGraph,
  options: CsrToUndirectedOptions = {},
): UndirectedGraph<Record<string, never>, { weight: number }> {
  const mask = options.types ? relationMask(options.types) : ALL_RELATIONS_MASK;
  const weightOf = options.getEdgeWeight ?? (() => 1);
  const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
  for (let u = 0; u < csr.nodeCount; u++) graph.addNode(csr.ids[u]!);
  for (let u = 0; u < csr.nodeCount; u++) {
    const a = csr.ids[u]!;
    for (let k = csr.outOffsets[u]!; k < csr.outOffsets[u + 1]!; k++) {
      if (((mask >> csr.edgeType[k]!) & 1) === 0) continue;
      const v = csr.outTargets[k]!;
      if (v === u) continue;
      const b = csr.ids[v]!;
      const w = weightOf(k);
      const existing = graph.edge(a, b);
      if (existing === undefined) graph.addUndirectedEdge(a, b, { weight: w });
      else graph.updateEdgeAttribute(existing, 'weight', (x) => (x ?? 0) + w);
    }
  }
  return graph;
}

/** Relation kind of CSR slot `k` (a convenience for views and evidence). */
export const slotRelation = (csr: CsrGraph, k: number): RelationKind => relationKindOf(csr.edgeType[k]!);
