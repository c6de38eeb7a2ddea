/**
 * The record-driven rules, evaluated after a record has been propagated (its bindings written) and its
 * neighbourhood rescored: a serious record near a watched subject, key persons newly bound, bound persons holding
 * a seat taken after the act (改头换面), and a serious record inside a guarantee circle or chain. Pure: the alert
 * job gathers the context from the graph; this decides what to raise and with which evidence.
 */
import type { AlertRuleCatalogue } from '../catalogues/alert-rules.ts';
import { BOUND_ROLE_LABELS, type BoundRole } from '../catalogues/measures.ts';
import type { Severity } from '../vocabulary.ts';
import { audiencesOf, candidate, mergeCandidates } from './candidates.ts';
import { causeKeys } from './dedup.ts';
import { NETWORK_LABELS, seatLabel } from './labels.ts';
import { displayName } from './templates.ts';
import type { AlertCandidate, EvidencePath, SubjectInfo, WatchHit } from './types.ts';

export interface RecordFactsForAlerts {
  id: string;
  subjectId: string;
  category: string;
  categoryZh: string;
  categoryEn: string;
  severity: Severity;
  status: string;
  actDate: string;
}

export interface BindingForAlerts {
  subject: SubjectInfo;
  roles: readonly BoundRole[];
  /** The binding's aggregate status (in_force > suspended > lifted > withdrawn). */
  status: string;
  punishment: boolean;
  /** From the bound subject to the record's subject as on the act date. */
  via: EvidencePath | null;
}

export interface NewSeat {
  person: SubjectInfo;
  org: SubjectInfo;
  type: string;
  role: string | null;
  stakePct: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** The record whose measures bind the person, and its subject. */
  recordId: string;
  recordSubject: SubjectInfo;
}

export interface GuaranteeMembership {
  kind: 'circle' | 'chain';
  size: number;
  path: EvidencePath;
  /** Watchlists watching any member of the network, with the guarantee path as theirs. */
  watchHits: readonly WatchHit[];
}

export interface RecordAlertContext {
  record: RecordFactsForAlerts;
  subject: SubjectInfo;
  bindings: readonly BindingForAlerts[];
  newSeats: readonly NewSeat[];
  guarantee: GuaranteeMembership | null;
  /** Watch hits by cause subject id (the record's subject, bound persons, organisations of new seats). */
  watchHits: ReadonlyMap<string, readonly WatchHit[]>;
}

const hitsOf = (ctx: { watchHits: ReadonlyMap<string, readonly WatchHit[]> }, id: string) =>
  ctx.watchHits.get(id) ?? [];

/** Seats counted by the new-seat rule; exported for the sweep, which finds seats the same way. */
export function seatCounts(seat: Pick<NewSeat, 'type' | 'stakePct'>, minStakePct: number): boolean {
  if (seat.type === 'SHAREHOLDER') return (seat.stakePct ?? 0) >= minStakePct;
  return seat.type === 'LEGAL_REP' || seat.type === 'OFFICER' || seat.type === 'ACTUAL_CONTROLLER';
}

/** Alerts for new seats of bound persons; shared by the record evaluation and the scheduled sweep. */
export function evaluateNewSeats(
  catalogue: AlertRuleCatalogue,
  seats: readonly NewSeat[],
  watchHits: ReadonlyMap<string, readonly WatchHit[]>,
  bindingPaths: ReadonlyMap<string, EvidencePath> = new Map(),
): AlertCandidate[] {
  const rule = catalogue.rules.bound_person_new_seat;
  const out: AlertCandidate[] = [];
  for (const seat of seats) {
    if (!seatCounts(seat, rule.minStakePct)) continue;
    const label = seatLabel(seat.type, seat.role, seat.stakePct);
    const seatPath: EvidencePath = {
      kind: 'seat',
      nodes: [seat.person, seat.org],
      links: [
        {
          type: seat.type as EvidencePath['links'][number]['type'],
          reversed: false,
          ...(seat.role ? { role: seat.role } : {}),
          ...(seat.stakePct !== null ? { stakePct: seat.stakePct } : {}),
          validFrom: seat.validFrom,
          validTo: seat.validTo,
        },
      ],
    };
    const binding = bindingPaths.get(`${seat.recordId}\u0000${seat.person.id}`);
    const cause = causeKeys.newSeat(seat.person.id, seat.org.id, seat.type, seat.validFrom);
    for (const { audience, hit } of audiencesOf(
      catalogue,
      'bound_person_new_seat',
      hitsOf({ watchHits }, seat.org.id),
    )) {
      out.push(
        candidate(catalogue, {
          rule: 'bound_person_new_seat',
          audience,
          ...(hit ? { hit } : {}),
          cause,
          subjectIds: [seat.org.id, seat.person.id, seat.recordSubject.id, ...(hit ? [hit.watched.id] : [])],
          params: {
            values: {
              personName: displayName(seat.person),
              orgName: displayName(seat.org),
              seatZh: label.zh,
              seatEn: label.en,
              seatFrom: seat.validFrom ?? '',
              recordId: seat.recordId,
              recordSubjectName: displayName(seat.recordSubject),
              watchedName: hit ? displayName(hit.watched) : '',
            },
            subjects: {
              personName: seat.person.id,
              orgName: seat.org.id,
              recordSubjectName: seat.recordSubject.id,
              ...(hit ? { watchedName: hit.watched.id } : {}),
            },
          },
          evidence: [seatPath, ...(binding ? [binding] : []), ...(hit ? [hit.path] : [])],
        }),
      );
    }
  }
  return out;
}

export function evaluateRecord(catalogue: AlertRuleCatalogue, ctx: RecordAlertContext): AlertCandidate[] {
  const { record, subject } = ctx;
  // A record under objection, repaired, expired or revoked raises nothing new (seed 004 s.21: suspended while
  // verified); its earlier alerts stay for the people working them.
  if (record.status !== 'active') return [];
  const out: AlertCandidate[] = [];
  const recordParams = {
    subjectName: displayName(subject),
    recordId: record.id,
    categoryZh: record.categoryZh,
    categoryEn: record.categoryEn,
  };

  const serious = catalogue.rules.serious_record_nearby;
  if (serious.severities.includes(record.severity)) {
    for (const { audience, hit } of audiencesOf(
      catalogue,
      'serious_record_nearby',
      hitsOf(ctx, subject.id),
    )) {
      out.push(
        candidate(catalogue, {
          rule: 'serious_record_nearby',
          audience,
          ...(hit ? { hit } : {}),
          cause: causeKeys.recordNearWatch(record.id),
          subjectIds: [subject.id, ...(hit ? [hit.watched.id] : [])],
          params: {
            values: {
              ...recordParams,
              watchedName: hit ? displayName(hit.watched) : '',
              hops: String(hit?.hops ?? 0),
              actDate: record.actDate,
            },
            subjects: { subjectName: subject.id, ...(hit ? { watchedName: hit.watched.id } : {}) },
          },
          evidence: hit ? [hit.path] : [],
        }),
      );
    }
  }

  const keyPersons = catalogue.rules.key_person_bound;
  const bindingPaths = new Map<string, EvidencePath>();
  for (const b of ctx.bindings) {
    if (b.via) bindingPaths.set(`${record.id}\u0000${b.subject.id}`, b.via);
    if (b.subject.id === subject.id || b.status !== 'in_force' || !b.punishment) continue;
    const role = b.roles.find((r) => keyPersons.roles.includes(r));
    if (!role) continue;
    const label = BOUND_ROLE_LABELS[role];
    for (const { audience, hit } of audiencesOf(catalogue, 'key_person_bound', hitsOf(ctx, b.subject.id))) {
      out.push(
        candidate(catalogue, {
          rule: 'key_person_bound',
          audience,
          ...(hit ? { hit } : {}),
          // For a watchlist the record is the cause: one alert per record, whichever rules matched.
          cause:
            audience.kind === 'watchlist'
              ? causeKeys.recordNearWatch(record.id)
              : causeKeys.personBound(record.id, b.subject.id),
          subjectIds: [b.subject.id, subject.id, ...(hit ? [hit.watched.id] : [])],
          params: {
            values: {
              ...recordParams,
              personName: displayName(b.subject),
              roleZh: label.zh,
              roleEn: label.en,
            },
            subjects: { subjectName: subject.id, personName: b.subject.id },
          },
          evidence: [...(b.via ? [b.via] : []), ...(hit ? [hit.path] : [])],
        }),
      );
    }
  }

  out.push(
    ...evaluateNewSeats(
      catalogue,
      ctx.newSeats.filter((s) => s.recordId === record.id),
      ctx.watchHits,
      bindingPaths,
    ),
  );

  const network = catalogue.rules.guarantee_network_serious_record;
  if (ctx.guarantee && network.severities.includes(record.severity)) {
    const g = ctx.guarantee;
    const label = NETWORK_LABELS[g.kind];
    for (const { audience, hit } of audiencesOf(catalogue, 'guarantee_network_serious_record', [
      ...hitsOf(ctx, subject.id),
      ...g.watchHits,
    ])) {
      out.push(
        candidate(catalogue, {
          rule: 'guarantee_network_serious_record',
          audience,
          ...(hit ? { hit } : {}),
          cause:
            audience.kind === 'watchlist'
              ? causeKeys.recordNearWatch(record.id)
              : causeKeys.guaranteeNetwork(record.id),
          subjectIds: [subject.id, ...(hit ? [hit.watched.id] : [])],
          params: {
            values: {
              ...recordParams,
              networkZh: label.zh,
              networkEn: label.en,
              networkSize: String(g.size),
              watchedName: hit ? displayName(hit.watched) : '',
            },
            subjects: { subjectName: subject.id, ...(hit ? { watchedName: hit.watched.id } : {}) },
          },
          evidence: [g.path, ...(hit && hit.path !== g.path ? [hit.path] : [])],
        }),
      );
    }
  }
  return mergeCandidates(out);
}
