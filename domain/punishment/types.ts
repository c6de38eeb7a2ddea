/**
 * Shapes shared by the joint reward and punishment logic (domain.md §6–8). They are plain data so the graph layer
 * can store them as they are: an inclusion is one measure reaching one subject in one role because of one record.
 */
import type { BoundRole, MeasurePolarity } from '../catalogues/measures.ts';
import type { DateInterval } from '../dates/intervals.ts';
import type {
  IsoDate,
  OfficerRole,
  RecordCategoryId,
  RecordStatus,
  RelationKind,
  Severity,
  SubjectKind,
} from '../vocabulary.ts';

/** The facts of a credit record that joint reward and punishment depend on. */
export interface CreditRecordFacts {
  id: string;
  subjectId: string;
  category: RecordCategoryId;
  severity: Severity;
  actDate: IsoDate;
  decisionDate: IsoDate;
  status: RecordStatus;
  /** Exclusive end of publication; null or absent when only an exit rule ends it. */
  publicationTo?: IsoDate | null;
  /** Persons the deciding authority named as directly responsible (对失信行为负有直接责任的人员). */
  directlyResponsible?: readonly string[];
}

/** A dated relationship around a subject, as the graph returns it; direction role-holder → organisation. */
export interface DatedRelation extends DateInterval {
  type: RelationKind;
  fromId: string;
  toId: string;
  fromKind: SubjectKind;
  role?: OfficerRole;
  stakePct?: number;
}

/** `NAMED_ON_RECORD`: the person is named as directly responsible on the record itself. */
export type PathStepType = RelationKind | 'NAMED_ON_RECORD';

export interface PathStep {
  from: string;
  type: PathStepType;
  to: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  role?: OfficerRole;
  stakePct?: number;
}

/**
 * in_force: applies; suspended: the record is under objection (seed 004 s.21: 联合惩戒措施在信息核实期间暂不执行);
 * lifted: ended for a lawful reason (repair, expiry, duration over); withdrawn: the record was revoked or changed,
 * so the inclusion is treated as never having been right and the subject's standing is restored.
 */
export const INCLUSION_STATUSES = ['in_force', 'suspended', 'lifted', 'withdrawn'] as const;
export type InclusionStatus = (typeof INCLUSION_STATUSES)[number];

export const INCLUSION_END_REASONS = [
  'record_repaired',
  'record_revoked',
  'record_corrected',
  'record_expired',
  'duration_over',
] as const;
export type InclusionEndReason = (typeof INCLUSION_END_REASONS)[number];

export interface Inclusion {
  /** Deterministic: the same measure, record, subject and role always give the same id. */
  id: string;
  measureCode: string;
  polarity: MeasurePolarity;
  recordId: string;
  /** The record's own subject (the company punished), which differs from `subjectId` for persons reached. */
  recordSubjectId: string;
  recordCategory: RecordCategoryId;
  severity: Severity;
  actDate: IsoDate;
  /** The subject the measure binds. */
  subjectId: string;
  role: BoundRole;
  /** From the bound subject to the record's subject, as it stood on the act date; empty for the subject itself. */
  via: readonly PathStep[];
  legalBasis: string;
  /** First day the measure applies (the decision date). */
  from: IsoDate;
  /** Exclusive end per the measure's duration rule; null when only lifting, repair or revocation ends it. */
  to: IsoDate | null;
  status: InclusionStatus;
  ended?: { on: IsoDate; reason: InclusionEndReason };
}

/** One kept step of an objection or repair (seed 004 s.21: every step is kept). */
export interface HistoryEntry {
  at: IsoDate;
  actor: string;
  action: string;
  reason: string;
}

/** Who does a transition, when and why. */
export interface TransitionInput {
  at: IsoDate;
  actor: string;
  reason: string;
}
