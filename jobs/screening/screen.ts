/**
 * Screening on the graph (issue 7): prepared rows in, one ScreeningResult per row out. A chunk of rows costs a
 * fixed handful of UNWIND queries whatever its size — resolve identifiers, name candidates (only for rows the
 * identifiers did not settle), then concurrently: the matched subjects' facts and measures, their guarantee
 * circles, and the related-party walk (per hop, one query for the relationships of its frontier and one for the
 * facts of the subjects it entered, read while the next hop walks on).
 * Decisions are the domain's (name scoring, match, hit rules, check-before-handling's composeCheck, the
 * guarantee-circle detector); this module only reads and assembles.
 */
import { detectGuaranteeCircles } from '../../analytics/detectors/guarantee-circles.ts';
import { buildCsr } from '../../analytics/projection/build-csr.ts';
import type { ProjectionEdge, ProjectionNode } from '../../analytics/projection/projection-input.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { MEASURE_CATALOGUE } from '../../domain/catalogues/measures.ts';
import { RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import { type CheckAnswer, composeCheck } from '../../domain/punishment/check.ts';
import {
  type AdverseFacts,
  compareHits,
  DEFAULT_HIT_RULES,
  type HitRules,
  hitReasons,
} from '../../domain/screening/hits.ts';
import type { PreparedRow } from '../../domain/screening/input.ts';
import { SCREENING_LIMITS } from '../../domain/screening/limits.ts';
import { decideMatch, type MatchDecision, type SubjectRow } from '../../domain/screening/match.ts';
import { nameSearchQuery } from '../../domain/screening/name-match.ts';
import { type Adjacent, RelatedWalks } from '../../domain/screening/related-walk.ts';
import type {
  GuaranteeCircleMembership,
  ListEntry,
  MeasureInForce,
  RelatedHit,
  ScreeningResult,
  SubjectRef,
} from '../../domain/screening/types.ts';
import type { IsoDate, SubjectKind } from '../../domain/vocabulary.ts';
import { datedRelation, inclusionsFromBindings } from '../propagate/store.ts';
import type { VisibilityScope } from './scope.ts';

export interface ScreenOptions {
  /** Related-party hits are looked for this many relationships away. */
  hops: number;
  asOf: IsoDate;
  rules?: HitRules;
  /** Default SCREENING_LIMITS.factsWithRelationshipsUpTo; the answer is the same either way. */
  factsWithRelationshipsUpTo?: number;
}

type Props = Record<string, unknown>;
type FactsRow = SubjectRow & {
  riskScore: number | null;
  riskClass: string | null;
  riskAsOf: string | null;
  riskScoredAt: string | null;
  direct: Props[];
  relations: Props[];
  related: Props[];
  lists: Props[];
  guarantees: GuaranteeRow[];
};
type NodeProps = { id: string; kind: SubjectKind; name: string | null; idMasked: string | null };
type GuaranteeRow = { from: NodeProps; to: NodeProps; amount: number | null };
type ExpandRow = {
  id: string;
  /** other, type, out, role, stakePct, then (with facts) kind, name, idMasked, riskClass, measureCodes,
   * blacklists, seriousRecords. */
  adjacent: Array<
    [
      string,
      Adjacent['type'],
      boolean,
      string | null,
      number | null,
      SubjectKind | null,
      string | null,
      string | null,
      string | null,
      string[] | null,
      string[] | null,
      number | null,
    ]
  >;
};
type ReachedRow = NodeProps & {
  riskClass: string | null;
  measureCodes: string[];
  blacklists: string[];
  seriousRecords: number;
};

const LIST_CATEGORIES = RECORD_CATEGORY_CATALOGUE.categories.filter((c) => c.list !== null);
const LIST_CATEGORY_IDS = LIST_CATEGORIES.map((c) => c.id);

const ref = (s: {
  id: string;
  kind: SubjectKind;
  name?: string | null;
  idMasked?: string | null;
}): SubjectRef => ({
  id: s.id,
  kind: s.kind,
  name: s.name ?? null,
  idMasked: s.idMasked ?? null,
});

/** Step 1 and 2: who each row is. */
async function matchRows(gateway: CypherGateway, rows: readonly PreparedRow[]): Promise<MatchDecision[]> {
  const exact = new Map<number, SubjectRow[]>();
  const byIdentifier = rows
    .map((r, i) => ({ i, code: r.code, idHash: r.idHash }))
    .filter((r) => r.code !== null || r.idHash !== null);
  if (byIdentifier.length > 0) {
    const found = await gateway.read<SubjectRow & { i: number }>('screening/resolve-identifiers', {
      rows: byIdentifier,
    });
    for (const { i, ...s } of found) exact.set(i, [...(exact.get(i) ?? []), s]);
  }
  const byName: Array<{ i: number; query: string; kind: string | null }> = [];
  rows.forEach((r, i) => {
    if (r.name === null || (exact.get(i)?.length ?? 0) === 1) return;
    const query = nameSearchQuery(r.name);
    if (query === null) return;
    // Persons are matched by ID number only: a name alone (many 张伟) is no evidence about a person.
    byName.push({ i, query, kind: r.idHash !== null ? 'person' : 'organisation' });
  });
  const candidates = new Map<number, SubjectRow[]>();
  if (byName.length > 0) {
    const found = await gateway.read<SubjectRow & { i: number }>('screening/name-candidates', {
      rows: byName,
      limit: SCREENING_LIMITS.nameCandidates,
    });
    for (const { i, ...s } of found) candidates.set(i, [...(candidates.get(i) ?? []), s]);
  }
  return rows.map((r, i) =>
    decideMatch(r, exact.get(i) ?? [], candidates.get(i) ?? [], {
      maxCandidates: SCREENING_LIMITS.maxCandidatesReturned,
    }),
  );
}

export interface SubjectFacts {
  row: FactsRow;
  lists: ListEntry[];
  measures: MeasureInForce[];
  check: CheckAnswer;
}

/**
 * Identity, stored risk, list entries, measures in force and the guarantees around many subjects (the credit
 * report uses it too): check-before-handling's composeCheck over every scenario decides the measures.
 */
export async function subjectFacts(gateway: CypherGateway, ids: readonly string[], asOf: IsoDate) {
  const rows = await gateway.read<FactsRow>('screening/subject-facts', {
    ids,
    asOf,
    listCategories: LIST_CATEGORY_IDS,
  });
  const out = new Map<string, SubjectFacts>();
  for (const row of rows) {
    const answer = composeCheck(
      {
        subjectId: row.id,
        scenario: null,
        asOf,
        direct: inclusionsFromBindings(row.direct),
        relations: row.relations.map(datedRelation),
        related: inclusionsFromBindings(row.related),
      },
      MEASURE_CATALOGUE,
    );
    const measures: MeasureInForce[] = answer.punishments.map((p) => ({
      code: p.measure.code,
      name: p.measure.name,
      status: p.status,
      basis: [
        ...new Set(
          p.reasons
            .map((r) => r.basis)
            .filter((b): b is 'direct' | 'through_person' => b !== 'three_clean_years'),
        ),
      ],
    }));
    const lists: ListEntry[] = row.lists.map((r) => {
      const cat = LIST_CATEGORIES.find((c) => c.id === r.category)!;
      return {
        recordId: String(r.id),
        category: cat.id,
        list: cat.list as 'blacklist' | 'redlist',
        label: { zh: cat.zh, en: cat.en },
        authority: typeof r.authority === 'string' ? r.authority : null,
        decisionDate: typeof r.decisionDate === 'string' ? r.decisionDate : null,
        publicationTo: typeof r.publicationTo === 'string' ? r.publicationTo : null,
      };
    });
    lists.sort((a, b) => a.category.localeCompare(b.category) || a.recordId.localeCompare(b.recordId));
    out.set(row.id, { row, lists, measures, check: answer });
  }
  return out;
}

/** Related-party hits within `hops` of each matched subject, through visible subjects only. */
async function relatedHits(
  gateway: CypherGateway,
  seeds: readonly string[],
  opts: ScreenOptions,
  scope: VisibilityScope,
) {
  const L = SCREENING_LIMITS;
  const rules = opts.rules ?? DEFAULT_HIT_RULES;
  const walks = new RelatedWalks(seeds, opts.hops, L.maxReachPerSubject);
  const meta = new Map<string, SubjectRef>();
  const adverse = new Map<string, AdverseFacts>();
  const asked = new Set<string>();
  // The facts of the subjects a hop entered are read while the next hop walks on: neither waits for the other.
  const reads: Array<Promise<void>> = [];
  let failure: unknown = null;
  const readFacts = async (ids: string[]) => {
    const rows = await gateway.read<ReachedRow>('screening/reached-facts', {
      ids,
      asOf: opts.asOf,
      blacklistCategories: rules.blacklistCategories,
      negativeCategories: rules.negativeCategories,
      seriousSeverity: rules.seriousSeverity,
      riskClasses: rules.riskClasses,
    });
    for (const r of rows) {
      meta.set(r.id, ref(r));
      adverse.set(r.id, {
        riskClass: r.riskClass ?? null,
        measureCodes: r.measureCodes,
        blacklists: r.blacklists,
        seriousRecords: r.seriousRecords,
      });
    }
  };
  for (let ids = walks.frontier(); ids.length > 0; ids = walks.frontier()) {
    const withFacts = ids.length <= (opts.factsWithRelationshipsUpTo ?? L.factsWithRelationshipsUpTo);
    const rows: Adjacent[] = [];
    for (const { id, adjacent } of await gateway.read<ExpandRow>('screening/expand', {
      ids,
      asOf: opts.asOf,
      perSubject: L.maxReachPerSubject,
      withFacts,
      blacklistCategories: rules.blacklistCategories,
      negativeCategories: rules.negativeCategories,
      seriousSeverity: rules.seriousSeverity,
    }))
      for (const [other, type, out, role, stakePct, kind, name, idMasked, riskClass, ...facts] of adjacent) {
        rows.push({ id, other, type, out, role, stakePct });
        if (!withFacts || asked.has(other)) continue;
        asked.add(other);
        meta.set(other, { id: other, kind: kind!, name, idMasked });
        const [measureCodes, blacklists, seriousRecords] = facts as [string[], string[], number];
        adverse.set(other, { riskClass, measureCodes, blacklists, seriousRecords });
      }
    // A bank's portfolio is read once per scope, so this is a set look-up after the first hop.
    let visible: Set<string> | null = null;
    if (!scope.unrestricted) visible = await scope.filterVisible([...new Set(rows.map((r) => r.other))]);
    const entered = walks.advance(rows, visible).filter((id) => !asked.has(id));
    for (const id of entered) asked.add(id);
    if (entered.length > 0)
      reads.push(
        readFacts(entered).catch((err: unknown) => {
          failure ??= err;
        }),
      );
  }
  await Promise.all(reads);
  if (failure) throw failure;
  // Facts came back only for subjects with something adverse; the paths to them also pass others.
  const onPaths = new Set<string>();
  for (const seed of seeds)
    for (const { id } of walks.reachedFrom(seed))
      if (adverse.has(id))
        for (const n of walks.pathTo(seed, id)!.nodes) if (n !== seed && !meta.has(n)) onPaths.add(n);
  if (onPaths.size > 0) {
    const rows = await gateway.read<NodeProps>('subjects/summaries', { ids: [...onPaths] });
    for (const r of rows) meta.set(r.id, ref(r));
  }
  return (seed: string, seedRef: SubjectRef): { hits: RelatedHit[]; truncated: boolean } => {
    const hits: RelatedHit[] = [];
    for (const { id, hop } of walks.reachedFrom(seed)) {
      const a = adverse.get(id);
      if (!a) continue;
      const reasons = hitReasons(a, rules);
      if (reasons.length === 0) continue;
      const path = walks.pathTo(seed, id)!;
      const nodes = path.nodes.map((n) => (n === seed ? seedRef : meta.get(n)));
      // A subject deleted between the walk and the read of its facts leaves a gap: no path to show, no hit.
      if (nodes.some((n) => n === undefined)) continue;
      hits.push({
        subject: meta.get(id)!,
        riskClass: a.riskClass,
        distance: hop,
        reasons,
        path: { nodes: nodes as SubjectRef[], links: path.links },
      });
    }
    hits.sort(compareHits);
    const truncated = walks.truncated(seed) || hits.length > SCREENING_LIMITS.maxHitsPerSubject;
    return { hits: hits.slice(0, SCREENING_LIMITS.maxHitsPerSubject), truncated };
  };
}

/** Guarantee-circle membership of each matched subject (the whole-graph detector's SCC, on the edges read). */
export async function guaranteeCircles(
  facts: ReadonlyMap<string, { row: { guarantees: readonly GuaranteeRow[] } }>,
  seeds: readonly string[],
  asOf: IsoDate,
  scope: VisibilityScope,
): Promise<Map<string, GuaranteeCircleMembership>> {
  const out = new Map<string, GuaranteeCircleMembership>();
  const rows = seeds.flatMap((s) => facts.get(s)?.row.guarantees ?? []);
  if (rows.length === 0) return out;
  const nodes = new Map<string, NodeProps>();
  const edges: ProjectionEdge[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    nodes.set(r.from.id, r.from);
    nodes.set(r.to.id, r.to);
    const key = `${r.from.id}\u0000${r.to.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({
      type: 'GUARANTEE',
      from: r.from.id,
      to: r.to.id,
      ...(typeof r.amount === 'number' ? { amount: r.amount } : {}),
    });
  }
  const projectionNodes: ProjectionNode[] = [...nodes.values()].map((n) => ({ id: n.id, kind: n.kind }));
  const csr = buildCsr({ nodes: projectionNodes, edges, records: [] }, { asOf });
  const circles = detectGuaranteeCircles(csr);
  const members = new Set<string>();
  for (const c of circles) for (const m of c.members) members.add(m);
  const visible = scope.unrestricted ? null : await scope.filterVisible([...members]);
  for (const seed of seeds) {
    const circle = circles.find((c) => c.members.includes(seed));
    if (!circle) continue;
    out.set(seed, {
      member: true,
      size: circle.members.length,
      members: [...circle.members]
        .filter((m) => m === seed || visible === null || visible.has(m))
        .sort()
        .map((m) => ref(nodes.get(m)!)),
    });
  }
  return out;
}

const NO_CIRCLE: GuaranteeCircleMembership = Object.freeze({ member: false, size: 0, members: [] });

/** Screens one chunk of rows (≤ SCREENING_LIMITS.chunkSize), in input order. */
export async function screenRows(
  gateway: CypherGateway,
  rows: readonly PreparedRow[],
  opts: ScreenOptions,
  scope: VisibilityScope,
): Promise<ScreeningResult[]> {
  const decisions = await matchRows(gateway, rows);
  const seeds = [...new Set(decisions.flatMap((d) => (d.subject ? [d.subject.id] : [])))];
  const [facts, hitsOf] =
    seeds.length === 0
      ? [new Map<string, SubjectFacts>(), null]
      : await Promise.all([
          subjectFacts(gateway, seeds, opts.asOf),
          relatedHits(gateway, seeds, opts, scope),
        ]);
  const circles = await guaranteeCircles(facts, seeds, opts.asOf, scope);
  return rows.map((row, i): ScreeningResult => {
    const d = decisions[i]!;
    const f = d.subject ? facts.get(d.subject.id) : undefined;
    const seedRef = d.subject ? ref(d.subject) : null;
    const related =
      d.subject && hitsOf && seedRef ? hitsOf(d.subject.id, seedRef) : { hits: [], truncated: false };
    return {
      line: row.line,
      ref: row.ref,
      input: { name: row.name, uscc: row.code, idMasked: row.idMasked },
      match: d.match,
      subject: d.subject,
      candidates: d.candidates,
      risk:
        f && typeof f.row.riskScore === 'number'
          ? {
              score: f.row.riskScore,
              riskClass: f.row.riskClass ?? null,
              asOf: f.row.riskAsOf ?? null,
              scoredAt: f.row.riskScoredAt ?? null,
            }
          : null,
      lists: f?.lists ?? [],
      measures: f?.measures ?? [],
      related: { hops: opts.hops, ...related },
      guaranteeCircle: (d.subject && circles.get(d.subject.id)) || NO_CIRCLE,
    };
  });
}

/**
 * Screens any number of rows chunk by chunk, handing each chunk's results on as it is done (the job stores
 * them and reports progress). Two chunks are in flight at once: one waits on Neo4j while the other is assembled.
 */
export async function screenInChunks(
  gateway: CypherGateway,
  rows: readonly PreparedRow[],
  opts: ScreenOptions,
  scope: VisibilityScope,
  onChunk: (seq: number, results: ScreeningResult[]) => Promise<void>,
  chunkSize: number = SCREENING_LIMITS.chunkSize,
): Promise<void> {
  const chunks: PreparedRow[][] = [];
  for (let i = 0; i < rows.length; i += chunkSize) chunks.push(rows.slice(i, i + chunkSize));
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const seq = next++;
      const results = await screenRows(gateway, chunks[seq]!, opts, scope);
      await onChunk(seq, results);
    }
  };
  await Promise.all([lane(), lane()]);
}
