/**
 * Projection loading, the I/O edge of the analytics: turns what Neo4j holds into the plain ProjectionInput the
 * pure algorithms take — (a) a bounded neighbourhood of some subjects (breadth-first, with a node cap and a
 * `truncated` flag, walked along relationships valid on the as-of date), or (b) the whole graph,
 * read in keyset pages on the subject id index so only one page of driver rows is held at a time.
 */

import type {
  ProjectionEdge,
  ProjectionInput,
  ProjectionNode,
  ProjectionRecord,
} from '../../analytics/projection/projection-input.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { arrowsOf } from '../../cypher/query-loader.ts';
import { findCategory, RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import {
  type IsoDate,
  OFFICER_ROLES,
  type OfficerRole,
  RELATION_KINDS,
  type RelationKind,
  SUBJECT_KINDS,
  type SubjectKind,
} from '../../domain/vocabulary.ts';

export type WalkDirection = 'out' | 'in' | 'both';

/** One walk from the seeds: along `types` (default all), in `direction`, up to `hops` relationships. */
export interface Expansion {
  types?: readonly RelationKind[];
  direction: WalkDirection;
  hops: number;
}

export interface NeighbourhoodOptions {
  seeds: readonly string[];
  /** Walks whose reached subjects are united (e.g. owners upward plus everyone one hop away). */
  expansions: readonly Expansion[];
  /** Node cap over all walks, seeds included. */
  maxNodes: number;
  /** Walk only relationships valid on this day; null walks the whole history. */
  asOf: IsoDate | null;
  /** Ids per query (UNWIND batch). */
  chunkSize?: number;
  /** When the cap cuts the walk, return no data (the caller will not use a cut neighbourhood). */
  skipDataIfTruncated?: boolean;
}

export const DEFAULT_NEIGHBOURHOOD_CHUNK = 5000;

/** What the API may show about a subject besides its id: never an ID number or its hash. */
export interface SubjectMeta {
  kind: SubjectKind;
  name?: string;
  idMasked?: string;
}

export interface LoadedNeighbourhood {
  input: ProjectionInput;
  /** The node cap stopped a walk before its hop limit. */
  truncated: boolean;
  /** Seeds that are not in the graph. */
  missingSeeds: string[];
  /** Fewest hops from a seed at which each subject was reached (over all walks). */
  hopsOf: Map<string, number>;
  meta: Map<string, SubjectMeta>;
}

type SubjectRow = {
  id: string;
  kind: string;
  name: string | null;
  idMasked?: string | null;
  registeredAt: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  riskHash?: string | null;
};

export type RelationRow = {
  from: string;
  to: string;
  type: string;
  validFrom: string | null;
  validTo: string | null;
  stakePct: number | null;
  role: string | null;
  amount: number | null;
};

export type RecordRow = {
  subjectId: string;
  id: string;
  category: string;
  severity: string;
  status: string;
  actDate: string;
  decisionDate: string;
};

const KINDS = new Set<string>(SUBJECT_KINDS);
const RELATIONS = new Set<string>(RELATION_KINDS);
const ROLES = new Set<string>(OFFICER_ROLES);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A graph subject as a projection node; null when its kind is not in the vocabulary. */
export function toProjectionNode(row: SubjectRow): ProjectionNode | null {
  if (!KINDS.has(row.kind)) return null;
  const node: ProjectionNode = { id: row.id, kind: row.kind as SubjectKind };
  if (row.name != null) node.name = row.name;
  if (typeof row.registeredAt === 'string' && row.registeredAt.length >= 10)
    node.registeredAt = row.registeredAt.slice(0, 10);
  if (row.address != null || row.phone != null || row.email != null) {
    node.contacts = {};
    if (row.address != null) node.contacts.address = row.address;
    if (row.phone != null) node.contacts.phone = row.phone;
    if (row.email != null) node.contacts.email = row.email;
  }
  return node;
}

/** A graph relationship as a projection edge; null when its type is not a subject relationship. */
export function toProjectionEdge(row: RelationRow): ProjectionEdge | null {
  if (!RELATIONS.has(row.type)) return null;
  const edge: ProjectionEdge = {
    type: row.type as RelationKind,
    from: row.from,
    to: row.to,
    validFrom: row.validFrom ?? null,
    validTo: row.validTo ?? null,
  };
  if (row.type === 'SHAREHOLDER' && typeof row.stakePct === 'number') edge.stakePct = row.stakePct;
  if (row.type === 'OFFICER' && row.role != null && ROLES.has(row.role)) edge.role = row.role as OfficerRole;
  if (row.type === 'GUARANTEE' && typeof row.amount === 'number') edge.amount = row.amount;
  return edge;
}

const polarityCache = new Map<string, Pick<ProjectionRecord, 'polarity' | 'isList'>>();

/**
 * A stored credit record as a projection record: polarity and list membership come from the record-category
 * catalogue (unknown categories count as neutral, so they never raise a score).
 */
export function toProjectionRecord(row: RecordRow): ProjectionRecord {
  let cat = polarityCache.get(row.category);
  if (!cat) {
    const found = findCategory(RECORD_CATEGORY_CATALOGUE, row.category);
    cat = found.ok
      ? {
          polarity: found.category.polarity,
          ...(found.category.list ? { isList: found.category.list } : {}),
        }
      : { polarity: 'neutral' };
    polarityCache.set(row.category, cat);
  }
  const record: ProjectionRecord = {
    id: row.id,
    subjectId: row.subjectId,
    category: row.category,
    severity: row.severity as ProjectionRecord['severity'],
    polarity: cat.polarity,
    status: (row.status ?? 'active') as ProjectionRecord['status'],
    actDate: row.actDate,
    decisionDate: row.decisionDate ?? row.actDate,
  };
  if (cat.isList) record.isList = cat.isList;
  return record;
}

/** neighbourhood-data's relationships and records, as lists in the order its header gives. */
type NeighbourhoodRow = SubjectRow & {
  out: Array<[string, string, string | null, string | null, number | null, string | null, number | null]>;
  records: Array<[string, string, string, string, string, string]>;
};

/**
 * Loads the bounded neighbourhood of `seeds`: the walks run concurrently, each breadth-first from the seeds until
 * its hop limit or the shared node cap — from one seed in a single query, from several one query per hop (one
 * breadth-first search over all seeds, where a search per seed would walk their shared parts again) —; then one
 * query reads the subjects reached, every relationship between them (whole history; buildCsr applies the as-of
 * date) and their records. One walk from one seed reads its data in the same query as the walk.
 */
export async function loadNeighbourhood(
  gateway: CypherGateway,
  options: NeighbourhoodOptions,
): Promise<LoadedNeighbourhood> {
  const chunkSize = options.chunkSize ?? DEFAULT_NEIGHBOURHOOD_CHUNK;
  const maxNodes = Math.max(1, options.maxNodes);
  const seeds = [...new Set(options.seeds)];
  const hopsOf = new Map<string, number>();
  for (const id of seeds) hopsOf.set(id, 0);
  let truncated = false;
  const typesOf = (exp: Expansion) =>
    exp.types && exp.types.length > 0 ? [...exp.types] : [...RELATION_KINDS];
  /** Records `id` as reached at `hops` (keeping its fewest); false, and truncated, when the cap is full. */
  const reach = (id: string, hops: number): boolean => {
    const known = hopsOf.get(id);
    if (known === undefined) {
      if (hopsOf.size >= maxNodes) {
        truncated = true;
        return false;
      }
      hopsOf.set(id, hops);
    } else if (known > hops) hopsOf.set(id, hops);
    return true;
  };
  /** Adds what a whole walk reached, nearest first, until the cap. */
  const merge = (rows: Array<{ id: string; hops: number }>) => {
    for (const { id, hops } of rows.sort((a, b) => a.hops - b.hops)) if (!reach(id, hops)) return;
  };
  const walkFromOne = async (exp: Expansion) =>
    exp.hops < 1
      ? []
      : await gateway.read<{ id: string; hops: number }>(
          'analytics/walk-from-subject',
          { id: seeds[0], types: typesOf(exp), asOf: options.asOf, limit: maxNodes + 1 },
          { maxHops: exp.hops, ...arrowsOf(exp.direction) },
        );
  const walk = async (exp: Expansion) => {
    const types = typesOf(exp);
    const reached = new Set<string>(seeds);
    let frontier = seeds;
    for (let h = 1; h <= exp.hops && frontier.length > 0 && !truncated; h++) {
      const next: string[] = [];
      for (const ids of chunks(frontier, chunkSize)) {
        // At most maxNodes returned ids are already known, so maxNodes + 1 rows always show an overflow.
        const rows = await gateway.read<{ id: string }>('analytics/expand-frontier', {
          ids,
          types,
          direction: exp.direction,
          asOf: options.asOf,
          limit: maxNodes + 1,
        });
        for (const { id } of rows) {
          if (reached.has(id)) continue;
          if (!reach(id, h)) break;
          reached.add(id);
          next.push(id);
        }
        if (truncated) break;
      }
      frontier = next;
    }
  };
  if (seeds.length === 1 && options.expansions.length === 1 && options.expansions[0]!.hops >= 1) {
    // One walk from one subject: walk and data in one round trip, unless the LIMIT cut the walk.
    const exp = options.expansions[0]!;
    const rows = await gateway.read<NeighbourhoodRow & { hops: number; walked: number }>(
      'analytics/walk-with-data',
      { id: seeds[0], types: typesOf(exp), asOf: options.asOf, limit: maxNodes + 1 },
      { maxHops: exp.hops, ...arrowsOf(exp.direction) },
    );
    if ((rows[0]?.walked ?? 0) <= maxNodes) {
      merge(rows.filter((r) => r.hops > 0));
      if (truncated && options.skipDataIfTruncated) return noData(hopsOf);
      return projectionOf(seeds, hopsOf, rows, truncated);
    }
    await walk(exp);
  } else if (seeds.length === 1) {
    // The search returns what it finds in no particular order, so LIMIT may keep far subjects and drop near
    // ones: a walk the limit cut is walked again hop by hop, which keeps the nearest. Whole walks are merged
    // in expansion order once all are back, so a neighbourhood the cap cuts does not depend on timing.
    const whole = await Promise.all(options.expansions.map(walkFromOne));
    const cut: Expansion[] = [];
    whole.forEach((rows, i) => {
      if (rows.length > maxNodes) cut.push(options.expansions[i]!);
      else if (!truncated) merge(rows);
    });
    await Promise.all(cut.map(walk));
  } else await Promise.all(options.expansions.map(walk));
  if (truncated && options.skipDataIfTruncated) return noData(hopsOf);

  const parts = chunks([...hopsOf.keys()], chunkSize);
  const rows: NeighbourhoodRow[] = [];
  for (const part of parts) {
    const page = await gateway.read<NeighbourhoodRow>('analytics/neighbourhood-data', {
      ids: part,
      inSetOnly: parts.length === 1,
    });
    for (const row of page) rows.push(row);
  }
  return projectionOf(seeds, hopsOf, rows, truncated);
}

function noData(hopsOf: Map<string, number>): LoadedNeighbourhood {
  return {
    input: { nodes: [], edges: [], records: [] },
    truncated: true,
    missingSeeds: [],
    hopsOf,
    meta: new Map(),
  };
}

/**
 * The projection of the subjects in `hopsOf` from their data rows (one per subject found), keeping only the
 * relationships between them; subjects not found (absent, or of an unknown kind) leave `hopsOf`.
 */
function projectionOf(
  seeds: readonly string[],
  hopsOf: Map<string, number>,
  rows: readonly NeighbourhoodRow[],
  truncated: boolean,
): LoadedNeighbourhood {
  const nodes: ProjectionNode[] = [];
  const edges: ProjectionEdge[] = [];
  const records: ProjectionRecord[] = [];
  const meta = new Map<string, SubjectMeta>();
  const found = new Set<string>();
  for (const row of rows) {
    if (!hopsOf.has(row.id)) continue;
    const node = toProjectionNode(row);
    if (!node) continue;
    found.add(node.id);
    nodes.push(node);
    const m: SubjectMeta = { kind: node.kind };
    if (node.name !== undefined) m.name = node.name;
    if (row.idMasked != null) m.idMasked = row.idMasked;
    meta.set(node.id, m);
    for (const [to, type, validFrom, validTo, stakePct, role, amount] of row.out) {
      if (!hopsOf.has(to)) continue;
      const e = toProjectionEdge({ from: row.id, to, type, validFrom, validTo, stakePct, role, amount });
      if (e) edges.push(e);
    }
    for (const [id, category, severity, status, actDate, decisionDate] of row.records)
      records.push(
        toProjectionRecord({ subjectId: row.id, id, category, severity, status, actDate, decisionDate }),
      );
  }
  // Edges into subjects not found (an unknown kind) would break the projection contract.
  const keptEdges = found.size === hopsOf.size ? edges : edges.filter((e) => found.has(e.to));
  const missingSeeds = seeds.filter((id) => !found.has(id));
  for (const id of [...hopsOf.keys()]) if (!found.has(id)) hopsOf.delete(id);
  return { input: { nodes, edges: keptEdges, records }, truncated, missingSeeds, hopsOf, meta };
}

export interface WholeGraphOptions {
  /** Subjects per page (their relationships and records are read with them). */
  pageSize?: number;
  /**
   * Takes each page as it is read instead of keeping it (the whole-graph pass in its thread), so the whole
   * graph is never held here; it must then leave out the `dropped` subjects and what refers to them.
   */
  feed?: (page: ProjectionInput) => Promise<void>;
  onPage?: (progress: { subjects: number; edges: number; records: number }) => void;
}

export const DEFAULT_WHOLE_GRAPH_PAGE = 20_000;

export interface LoadedGraph {
  /** The projection; empty when a feed took the pages. */
  input: ProjectionInput;
  /** Stored score hash per node (aligned with input.nodes), for write-back of changes only. */
  storedHash: Array<string | undefined>;
  pages: number;
  counts: { subjects: number; edges: number; records: number };
  /**
   * Subjects whose kind is outside the vocabulary (none after a validated import): left out of the nodes, and
   * also out of the edges and records when no feed took them.
   */
  dropped: string[];
}

/** The projection of the graph less the subjects in `drop` and everything that refers to them. */
export function withoutSubjects(input: ProjectionInput, drop: readonly string[]): ProjectionInput {
  if (drop.length === 0) return input;
  const gone = new Set(drop);
  return {
    nodes: input.nodes.filter((n) => !gone.has(n.id)),
    edges: input.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
    records: input.records.filter((r) => !gone.has(r.subjectId)),
  };
}

/**
 * Reads the whole graph in keyset pages of subjects (id order), each page followed by its subjects' outgoing
 * relationships and records, bounded by the page's first and last id. Each page's driver rows are converted and
 * dropped before the next page is read.
 */
export async function loadWholeGraph(
  gateway: CypherGateway,
  options: WholeGraphOptions = {},
): Promise<LoadedGraph> {
  const pageSize = options.pageSize ?? DEFAULT_WHOLE_GRAPH_PAGE;
  type Part = { nodes: ProjectionNode[]; edges: ProjectionEdge[]; records: ProjectionRecord[] };
  const kept: Part = { nodes: [], edges: [], records: [] };
  const counts = { subjects: 0, edges: 0, records: 0 };
  const storedHash: Array<string | undefined> = [];
  const dropped: string[] = [];
  let after = '';
  let pages = 0;
  for (;;) {
    const subjects = await gateway.read<SubjectRow>('analytics/page-subjects', { after, limit: pageSize });
    if (subjects.length === 0) break;
    pages++;
    const last = subjects[subjects.length - 1]!.id;
    const page: Part = options.feed ? { nodes: [], edges: [], records: [] } : kept;
    for (const row of subjects) {
      const node = toProjectionNode(row);
      if (!node) {
        dropped.push(row.id);
        continue;
      }
      page.nodes.push(node);
      storedHash.push(row.riskHash ?? undefined);
      counts.subjects++;
    }
    const [rels, recs] = await Promise.all([
      gateway.read<RelationRow>('analytics/page-relations', { after, last }),
      gateway.read<RecordRow>('analytics/page-records', { after, last }),
    ]);
    for (const row of rels) {
      const e = toProjectionEdge(row);
      if (e) {
        page.edges.push(e);
        counts.edges++;
      }
    }
    for (const row of recs) {
      page.records.push(toProjectionRecord(row));
      counts.records++;
    }
    if (options.feed) await options.feed(page);
    options.onPage?.({ ...counts });
    after = last;
    if (subjects.length < pageSize) break;
  }
  // Rows pointing at subjects left out would break the projection contract.
  const input = options.feed ? kept : withoutSubjects(kept, dropped);
  if (!options.feed && dropped.length > 0) {
    counts.edges = input.edges.length;
    counts.records = input.records.length;
  }
  return { input, storedHash, pages, counts, dropped };
}

/** Today's calendar day in China (UTC+8): the default as-of date of every graph question. */
export function todayInChina(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
