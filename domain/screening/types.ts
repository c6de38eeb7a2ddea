/**
 * The answer screening gives for one subject (issue 7), shared by the synchronous route, the batch job, the
 * stored results and the CSV export. Persons appear with their masked ID number only.
 */
import type { Bilingual } from '../catalogues/measures.ts';
import type { RelationKind, SubjectKind } from '../vocabulary.ts';
import type { NameReason } from './name-match.ts';

export const MATCH_STATUSES = ['exact', 'name', 'ambiguous', 'none'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const MATCHED_BY = ['uscc', 'regNo', 'idNumber', 'name'] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];

export type MatchReasonCode =
  | NameReason['code']
  | 'identifier_exact'
  | 'identifier_not_found'
  | 'identifier_conflicts'
  | 'name_consistent'
  | 'name_differs'
  | 'several_close_candidates'
  | 'below_threshold';

export interface MatchReason {
  code: MatchReasonCode;
  detail: string;
}

export interface SubjectRef {
  id: string;
  kind: SubjectKind;
  name: string | null;
  idMasked: string | null;
}

export interface MatchedSubject extends SubjectRef {
  uscc: string | null;
  regNo: string | null;
  region: string | null;
}

export interface Candidate extends SubjectRef {
  uscc: string | null;
  score: number;
  reasons: MatchReason[];
}

export interface Match {
  status: MatchStatus;
  by: MatchedBy | null;
  /** 1 for an identifier; the name score otherwise; null when nothing was compared. */
  score: number | null;
  reasons: MatchReason[];
}

export interface ListEntry {
  recordId: string;
  category: string;
  list: 'blacklist' | 'redlist';
  label: Bilingual;
  authority: string | null;
  decisionDate: string | null;
  publicationTo: string | null;
}

export interface MeasureInForce {
  code: string;
  name: Bilingual;
  status: 'in_force' | 'suspended';
  /** direct: the subject itself is bound; through_person: a person behind it is (改头换面). */
  basis: Array<'direct' | 'through_person'>;
}

export type HitReasonCode = 'measures_in_force' | 'on_blacklist' | 'serious_records' | 'high_risk_class';

export interface HitReason {
  code: HitReasonCode;
  detail: string;
}

export interface PathLink {
  from: string;
  to: string;
  type: RelationKind;
  role?: string;
  stakePct?: number;
}

export interface RelatedHit {
  subject: SubjectRef;
  riskClass: string | null;
  /** Relationships between the screened subject and the hit (1 = direct). */
  distance: number;
  reasons: HitReason[];
  /** Shortest path from the screened subject to the hit, every node named. */
  path: { nodes: SubjectRef[]; links: PathLink[] };
}

export interface GuaranteeCircleMembership {
  member: boolean;
  /** Members of the circle, the screened subject included. */
  size: number;
  /** Members the caller may see (the screened subject always). */
  members: SubjectRef[];
}

export interface ScreeningResult {
  line: number;
  ref: string | null;
  input: { name: string | null; uscc: string | null; idMasked: string | null };
  match: Match;
  subject: MatchedSubject | null;
  /** Possible matches when none (or several) cleared the threshold. */
  candidates: Candidate[];
  risk: { score: number; riskClass: string | null; asOf: string | null; scoredAt: string | null } | null;
  lists: ListEntry[];
  measures: MeasureInForce[];
  related: { hops: number; hits: RelatedHit[]; truncated: boolean };
  guaranteeCircle: GuaranteeCircleMembership;
}
