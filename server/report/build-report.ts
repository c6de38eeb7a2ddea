/**
 * The credit report of one subject (issue 7): identity, records, list entries and measures in force with their
 * reasons, the risk score with its explanation, ownership and control, and the 1-hop network. Every part comes
 * from the function that already answers it elsewhere (subject profile queries, check-before-handling's
 * composeCheck via screening's subjectFacts, jobs/projection/subject-analytics); this module only gathers them
 * concurrently, names the subjects they mention and leaves out what the caller's portfolio scope may not see.
 */
import type { Bilingual } from '../../domain/catalogues/measures.ts';
import type { RelationKind, SubjectKind } from '../../domain/vocabulary.ts';
import type { SubjectMeta } from '../../jobs/projection/load-projection.ts';
import {
  subjectControllers,
  subjectNetwork,
  subjectOwnership,
  subjectRisk,
} from '../../jobs/projection/subject-analytics.ts';
import { subjectFacts } from '../../jobs/screening/screen.ts';
import type { RequestScope } from '../auth/request-context.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { type SubjectStanding, standingMentions, standingView } from '../subject-standing.ts';

/** Neighbours drawn in the network picture: a radial picture with more is unreadable on paper. */
export const REPORT_NETWORK_LIMIT = 40;
/** Records listed; a subject with more is summarised by the count. */
export const REPORT_RECORD_LIMIT = 200;

export interface ReportRef {
  id: string;
  kind: SubjectKind;
  name: string | null;
  idMasked: string | null;
}

export interface CreditReport {
  generatedAt: string;
  asOf: string;
  identity: {
    id: string;
    kind: SubjectKind;
    name: string | null;
    uscc: string | null;
    regNo: string | null;
    identifierStatus: string | null;
    idMasked: string | null;
    region: string | null;
    registeredAt: string | null;
    address: string | null;
  };
  risk: {
    score: number;
    riskClass: string;
    forcedClassReason: string | null;
    configVersion: string;
    factors: Array<{ factor: string; contribution: number; details: Bilingual[] }>;
    stored: { score: number; riskClass: string | null; scoredAt: string | null } | null;
  };
  records: Array<{
    id: string;
    category: string;
    severity: string | null;
    authority: string | null;
    actDate: string | null;
    decisionDate: string | null;
    status: string | null;
    publicationTo: string | null;
    legalBasis: string | null;
  }>;
  recordsTruncated: boolean;
  lists: SubjectStanding['lists'];
  measures: SubjectStanding['measures'];
  ownership: {
    owners: Array<ReportRef & { direct: number; integrated: number; ultimate: boolean }>;
    truncated: boolean;
  };
  controllers: {
    method: string;
    controllers: Array<ReportRef & { share: number }>;
    beneficialOwners: {
      method: string;
      threshold: number;
      owners: Array<ReportRef & { integrated: number; basis: string[]; role: string | null }>;
    };
  };
  network: {
    nodes: Array<ReportRef & { hops: number }>;
    edges: Array<{
      from: string;
      to: string;
      type: RelationKind;
      role: string | null;
      stakePct: number | null;
    }>;
    truncated: boolean;
    /** Neighbours left out because the caller may not see them. */
    hidden: number;
  };
}

type ProfileRow = {
  id: string;
  kind: SubjectKind;
  name: string | null;
  uscc: string | null;
  regNo: string | null;
  identifierStatus: string | null;
  idMasked: string | null;
  region: string | null;
  registeredAt: string | null;
  address: string | null;
};
type RecordRow = CreditReport['records'][number] & { title: string | null; publicationFrom: string | null };

const refFrom = (meta: ReadonlyMap<string, SubjectMeta>, id: string): ReportRef => {
  const m = meta.get(id);
  return { id, kind: m?.kind ?? 'enterprise', name: m?.name ?? null, idMasked: m?.idMasked ?? null };
};

/** Human-readable lines for one risk factor, in both languages (the HTML shows them; JSON keeps them too). */
function factorDetails(
  f: Awaited<ReturnType<typeof subjectRisk>>['explanation']['factors'][number],
  name: (id: string) => string,
  visible: (id: string) => boolean,
): Bilingual[] {
  switch (f.factor) {
    case 'own_records':
      return f.records.map((r) => ({
        zh: `记录 ${r.recordId}（${r.category}，${r.severity}，${r.actDate}）计 ${r.points.toFixed(1)} 分`,
        en: `record ${r.recordId} (${r.category}, ${r.severity}, ${r.actDate}): ${r.points.toFixed(1)} points`,
      }));
    case 'related_parties':
      return f.paths
        .filter((p) => p.nodes.every(visible))
        .map((p) => ({
          zh: `关联方 ${name(p.source)}（经 ${p.nodes.length - 1} 层关系）暴露 ${p.exposure.toFixed(2)}`,
          en: `related party ${name(p.source)} (${p.nodes.length - 1} relationship(s) away): exposure ${p.exposure.toFixed(2)}`,
        }));
    case 'structural':
      return f.signals.map((s) => ({
        zh: `结构信号 ${s.kind}：${s.points} 分`,
        en: `structural signal ${s.kind}: ${s.points} points`,
      }));
    case 'positive':
      return [
        ...f.redListRecords.map((r) => ({ zh: `红名单记录 ${r}`, en: `red-list record ${r}` })),
        ...(f.cleanYears
          ? [{ zh: '连续三年无不良记录', en: 'three consecutive years without a bad record' }]
          : []),
      ];
  }
}

export async function buildCreditReport(
  services: Services,
  id: string,
  asOf: string,
  scope: Pick<RequestScope, 'unrestricted' | 'filterVisible'>,
): Promise<CreditReport> {
  const g = services.gateway;
  const [[p], records] = await Promise.all([
    g.read<ProfileRow>('subjects/profile', { id }),
    g.read<RecordRow>('subjects/records', { id, limit: REPORT_RECORD_LIMIT + 1 }),
  ]);
  if (!p) throw new AppError(404, 'SUBJECT_NOT_FOUND', `No subject with id "${id}"`);
  const [facts, risk, ownership, controllers, network] = await Promise.all([
    subjectFacts(g, [id], asOf),
    subjectRisk(g, { id, asOf }),
    subjectOwnership(g, { id, direction: 'up', minStake: 0, asOf }),
    subjectControllers(g, { id, asOf }),
    subjectNetwork(g, { id, depth: 1, asOf, limit: REPORT_NETWORK_LIMIT + 1 }),
  ]);
  const meta = new Map<string, SubjectMeta>();
  for (const l of [risk.loaded, ownership.loaded, controllers.loaded, network.loaded])
    for (const [k, v] of l.meta) meta.set(k, v);

  // One portfolio read for every subject the report mentions; the subject itself has passed assertVisible.
  const f = facts.get(id);
  const mentioned = new Set<string>([...meta.keys(), ...standingMentions(f)]);
  const allowed = scope.unrestricted ? null : await scope.filterVisible([...mentioned]);
  const visible = (x: string) => x === id || allowed === null || allowed.has(x);
  const name = (x: string) => (visible(x) ? (meta.get(x)?.name ?? x) : '—');

  const x = risk.explanation;
  const storedScore = f && typeof f.row.riskScore === 'number' ? f.row.riskScore : null;
  const netNodes = network.result.nodes.filter((n) => n.id !== id);
  const shownNodes = netNodes.filter((n) => visible(n.id)).slice(0, REPORT_NETWORK_LIMIT);
  const shown = new Set([id, ...shownNodes.map((n) => n.id)]);
  const edges = network.result.edges
    .filter((e) => shown.has(e.from) && shown.has(e.to))
    .map((e) => {
      const src = network.csr.input.edges[network.csr.edgeRef[e.slot]!]!;
      return { from: e.from, to: e.to, type: e.type, role: src.role ?? null, stakePct: src.stakePct ?? null };
    });

  return {
    generatedAt: new Date().toISOString(),
    asOf,
    identity: {
      id: p.id,
      kind: p.kind,
      name: p.name,
      uscc: p.uscc,
      regNo: p.regNo,
      identifierStatus: p.identifierStatus,
      idMasked: p.idMasked,
      region: p.region,
      registeredAt: p.registeredAt,
      address: p.address,
    },
    risk: {
      score: x.score,
      riskClass: x.riskClass,
      forcedClassReason: x.forcedClassReason ?? null,
      configVersion: x.configVersion,
      factors: x.factors.map((fa) => ({
        factor: fa.factor,
        contribution: fa.contribution,
        details: factorDetails(fa, name, visible),
      })),
      stored:
        storedScore === null
          ? null
          : {
              score: storedScore,
              riskClass: f?.row.riskClass ?? null,
              scoredAt: f?.row.riskScoredAt ?? null,
            },
    },
    records: records.slice(0, REPORT_RECORD_LIMIT).map((r) => ({
      id: r.id,
      category: r.category,
      severity: r.severity,
      authority: r.authority,
      actDate: r.actDate,
      decisionDate: r.decisionDate,
      status: r.status,
      publicationTo: r.publicationTo,
      legalBasis: r.legalBasis,
    })),
    recordsTruncated: records.length > REPORT_RECORD_LIMIT,
    ...standingView(f, visible),
    ownership: {
      owners: ownership.result.stakes
        .filter((s) => visible(s.id))
        .map((s) => ({
          ...refFrom(meta, s.id),
          direct: s.direct,
          integrated: s.integrated,
          ultimate: s.ultimate,
        })),
      truncated: ownership.truncated,
    },
    controllers: {
      method: controllers.controller.method,
      controllers: controllers.controller.controllers
        .filter((c) => visible(c.id))
        .map((c) => ({ ...refFrom(meta, c.id), share: c.share })),
      beneficialOwners: {
        method: controllers.owners.method,
        threshold: controllers.owners.threshold,
        owners: controllers.owners.owners
          .filter((o) => visible(o.id))
          .map((o) => ({
            ...refFrom(meta, o.id),
            integrated: o.integrated,
            basis: [...o.basis],
            role: o.role ?? null,
          })),
      },
    },
    network: {
      nodes: [
        { ...refFrom(meta, id), hops: 0 },
        ...shownNodes.map((n) => ({ ...refFrom(meta, n.id), hops: n.hops })),
      ],
      edges,
      truncated: network.truncated || netNodes.filter((n) => visible(n.id)).length > REPORT_NETWORK_LIMIT,
      hidden: netNodes.filter((n) => !visible(n.id)).length,
    },
  };
}
