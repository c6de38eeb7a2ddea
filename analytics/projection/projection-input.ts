/**
 * The projection input model: subjects, dated relationships and credit records as plain data (domain.md §3–5).
 * Intervals are half-open: `validFrom` inclusive, `validTo` exclusive, null/undefined = open.
 */
import type {
  IsoDate,
  OfficerRole,
  RecordStatus,
  RelationKind,
  Severity,
  SubjectKind,
} from '../../domain/vocabulary.ts';

export interface ProjectionContacts {
  address?: string;
  phone?: string;
  email?: string;
}

export interface ProjectionNode {
  id: string;
  kind: SubjectKind;
  name?: string;
  registeredAt?: IsoDate;
  contacts?: ProjectionContacts;
}

export interface ProjectionEdge {
  type: RelationKind;
  from: string;
  to: string;
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  /** SHAREHOLDER: stake in percent, 0–100. */
  stakePct?: number;
  /** OFFICER: the seat held. */
  role?: OfficerRole;
  /** GUARANTEE: guaranteed amount; SHAREHOLDER: subscribed amount. */
  amount?: number;
}

export type RecordPolarity = 'negative' | 'positive' | 'neutral';
export type ListKind = 'blacklist' | 'redlist';

export interface ProjectionRecord {
  id: string;
  subjectId: string;
  category: string;
  severity: Severity;
  polarity: RecordPolarity;
  status: RecordStatus;
  actDate: IsoDate;
  decisionDate: IsoDate;
  isList?: ListKind;
}

export interface ProjectionInput {
  nodes: readonly ProjectionNode[];
  edges: readonly ProjectionEdge[];
  records: readonly ProjectionRecord[];
}
