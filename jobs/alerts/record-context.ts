/**
 * Gathers what the record-driven rules need (domain/alerts/evaluate-record.ts) from the graph: the record and its
 * subject, what its measures bind and through which path, seats its bound persons took after the act, the
 * guarantee network around its subject, and the watchlists within reach of each cause.
 */

import type { CypherGateway } from '../../cypher/gateway.ts';
import type { BindingForAlerts, NewSeat, RecordAlertContext } from '../../domain/alerts/evaluate-record.ts';
import type { NodeMeta } from '../../domain/alerts/paths.ts';
import type { EvidenceLink, EvidenceNode, EvidencePath, SubjectInfo } from '../../domain/alerts/types.ts';
import type { AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import type { BoundRole } from '../../domain/catalogues/measures.ts';
import { findCategory, RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import type { PathStep } from '../../domain/punishment/types.ts';
import type { IsoDate, Severity } from '../../domain/vocabulary.ts';
import { guaranteeMemberships } from './guarantee.ts';
import { type CauseNeighbourhood, causeNeighbourhood, watchHitsByCause } from './watch-hits.ts';

/** Seats read per evaluation: a professional nominee holds hundreds; more adds noise, not warning. */
export const MAX_SEATS_PER_EVALUATION = 1000;

type Props = Record<string, unknown>;

export interface SeatRow extends Record<string, unknown> {
  person: SubjectInfo;
  org: SubjectInfo;
  type: string;
  role: string | null;
  stakePct: number | null;
  validFrom: string | null;
  validTo: string | null;
  recordId: string;
  recordSubject: SubjectInfo;
}

export const seatOf = (r: SeatRow): NewSeat => ({
  person: r.person,
  org: r.org,
  type: r.type,
  role: r.role ?? null,
  stakePct: typeof r.stakePct === 'number' ? r.stakePct : null,
  validFrom: r.validFrom ?? null,
  validTo: r.validTo ?? null,
  recordId: r.recordId,
  recordSubject: r.recordSubject,
});

/** A binding's stored path (PathStep list from the bound subject to the record's subject) as evidence. */
export function bindingPath(
  bound: SubjectInfo,
  steps: readonly PathStep[],
  meta: (id: string) => NodeMeta | undefined,
): EvidencePath | null {
  if (steps.length === 0) return null;
  const node = (id: string): EvidenceNode => {
    if (id === bound.id) return bound;
    const m = meta(id);
    return { id, name: m?.name ?? null, kind: m?.kind ?? null };
  };
  const nodes: EvidenceNode[] = [bound];
  const links: EvidenceLink[] = [];
  let at = bound.id;
  for (const s of steps) {
    if (s.type === 'NAMED_ON_RECORD') continue;
    // Steps are role-holder → organisation; a path may also come back along a step (person → A, person → B).
    const forward = s.from === at;
    const next = forward ? s.to : s.from;
    links.push({
      type: s.type,
      reversed: !forward,
      validFrom: s.validFrom,
      validTo: s.validTo,
      ...(s.role ? { role: s.role } : {}),
      ...(s.stakePct !== undefined ? { stakePct: s.stakePct } : {}),
    });
    nodes.push(node(next));
    at = next;
  }
  return links.length > 0 ? { kind: 'binding', nodes, links } : null;
}

const parseVia = (text: unknown): Record<string, PathStep[]> => {
  if (typeof text !== 'string') return {};
  try {
    return JSON.parse(text) as Record<string, PathStep[]>;
  } catch {
    return {};
  }
};

export interface LoadedRecordContexts {
  /** By record id, for the records found. */
  contexts: Map<string, RecordAlertContext>;
  /** The watch paths of every cause of every record, read once. */
  neighbourhood: CauseNeighbourhood | null;
}

type ContextRow = {
  record: Props;
  subject: SubjectInfo;
  bindings: Array<Props & { id: string; name: string | null; kind: SubjectInfo['kind'] }>;
};

/**
 * The contexts of several records with one read per kind of fact, not one per record: the records with their
 * bindings, the seats every bound person took, one neighbourhood around all their causes (the record's subject,
 * the bound persons, the organisations of new seats) and one guarantee walk from all their subjects. The watch
 * hits of a cause do not depend on the other causes read with it, so a batch finds what each record alone would.
 */
export async function loadRecordContexts(
  gateway: CypherGateway,
  recordIds: readonly string[],
  opts: { today: IsoDate; catalogue: AlertRuleCatalogue; minHops?: number },
): Promise<LoadedRecordContexts | null> {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) return null;
  const rows = await gateway.read<ContextRow>('alerts/record-context', { recordIds: ids });
  if (rows.length === 0) return null;
  const boundOf = (row: ContextRow) => row.bindings.map((b) => b.id).filter((id) => id !== row.subject.id);
  const boundIds = [...new Set(rows.flatMap(boundOf))];
  const seats = (
    boundIds.length === 0
      ? []
      : await gateway.read<SeatRow>('alerts/new-seats', {
          personIds: boundIds,
          today: opts.today,
          limit: MAX_SEATS_PER_EVALUATION * rows.length,
        })
  ).map(seatOf);
  const seatsOf = new Map<string, NewSeat[]>();
  for (const seat of seats) {
    const list = seatsOf.get(seat.person.id);
    if (list) list.push(seat);
    else seatsOf.set(seat.person.id, [seat]);
  }
  const causes = [...new Set([...rows.map((r) => r.subject.id), ...boundIds, ...seats.map((s) => s.org.id)])];
  const neighbourhood = await causeNeighbourhood(gateway, causes, opts);
  // Names along the binding paths: the neighbourhood names only the subjects on paths to watched ones.
  const viaOf = new Map<ContextRow['bindings'][number], Record<string, PathStep[]>>();
  const unnamed = new Set<string>();
  for (const row of rows)
    for (const b of row.bindings) {
      const via = parseVia(b.viaByRole);
      viaOf.set(b, via);
      for (const st of Object.values(via).flat())
        for (const id of [st.from, st.to]) if (!neighbourhood?.meta.has(id)) unnamed.add(id);
    }
  const named = new Map<string, NodeMeta>(neighbourhood?.meta ?? []);
  if (unnamed.size > 0)
    for (const r of await gateway.read<SubjectInfo & Record<string, unknown>>('alerts/subject-infos', {
      ids: [...unnamed],
    }))
      named.set(r.id, { name: r.name ?? null, kind: r.kind ?? null });
  const meta = (id: string) => named.get(id);
  const guarantees = await guaranteeMemberships(
    gateway,
    rows.map((r) => r.subject.id),
    opts,
  );
  const watchHits = watchHitsByCause(neighbourhood);
  const contexts = new Map<string, RecordAlertContext>();
  for (const row of rows) {
    const r = row.record;
    const found = findCategory(RECORD_CATEGORY_CATALOGUE, String(r.category));
    const record = {
      id: String(r.id),
      subjectId: row.subject.id,
      category: String(r.category),
      categoryZh: found.ok ? found.category.zh : String(r.category),
      categoryEn: found.ok ? found.category.en : String(r.category),
      severity: r.severity as Severity,
      status: typeof r.status === 'string' ? r.status : 'active',
      actDate: String(r.actDate),
    };
    const bindings: BindingForAlerts[] = row.bindings.map((b) => {
      const subject: SubjectInfo = { id: b.id, name: b.name ?? null, kind: b.kind ?? null };
      const roles = (Array.isArray(b.roles) ? b.roles.map(String) : []) as BoundRole[];
      const via = viaOf.get(b)!;
      const steps = roles.map((role) => via[role] ?? []).find((s) => s.length > 0) ?? [];
      return {
        subject,
        roles: [...new Set(roles)],
        status: String(b.status ?? ''),
        punishment: b.punishment === true,
        via: bindingPath(subject, steps, meta),
      };
    });
    contexts.set(record.id, {
      record,
      subject: row.subject,
      bindings,
      newSeats: boundOf(row).flatMap((id) => seatsOf.get(id) ?? []),
      guarantee: guarantees.get(row.subject.id) ?? null,
      watchHits,
    });
  }
  return { contexts, neighbourhood };
}
