/**
 * The shapes alerts are made of, shared by the rule evaluation (pure), the alert job (which stores them) and the
 * API (which reads them back). Storage: (:Alert {id, rule, severity, status, dedupKey, org, watchlistId,
 * subjectIds, createdAt, updatedAt, assignee, messageZh, messageEn, evidence (JSON)})-[:ABOUT]->(:Subject).
 */
import type { AlertRuleId, AlertSeverity } from '../catalogues/alert-rules.ts';
import type { RelationKind, SubjectKind } from '../vocabulary.ts';

export const ALERT_STATUSES = ['open', 'acknowledged', 'investigating', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Who or what a path passes through. `redacted` nodes are outside the reader's portfolio scope. */
export interface EvidenceNode {
  id: string | null;
  name: string | null;
  kind: SubjectKind | null;
  redacted?: boolean;
}

/** Link i joins nodes[i] and nodes[i+1]; `reversed` when the relationship points from nodes[i+1] to nodes[i]. */
export interface EvidenceLink {
  type: RelationKind | 'BOUND_BY';
  reversed: boolean;
  role?: string;
  stakePct?: number;
  amount?: number;
  validFrom?: string | null;
  validTo?: string | null;
}

/** What a path shows: how a watched subject reaches the cause, how a person is bound, a guarantee network… */
export const EVIDENCE_KINDS = [
  'watch',
  'binding',
  'seat',
  'guarantee_circle',
  'guarantee_chain',
  'score',
  'circular_shareholding',
  'professional_nominee',
  'shell_cluster',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidencePath {
  kind: EvidenceKind;
  nodes: EvidenceNode[];
  links: EvidenceLink[];
}

export interface SubjectInfo {
  id: string;
  name: string | null;
  kind: SubjectKind | null;
}

/** A watchlist that watches a subject within its depth of a cause, with the path from the watched subject. */
export interface WatchHit {
  watchlistId: string;
  org: string | null;
  ownerAccount: string;
  depth: number;
  watched: SubjectInfo;
  hops: number;
  path: EvidencePath;
}

/** Message parameters, and which subject a `…Name` parameter names (so a reader outside scope sees it redacted). */
export interface MessageParams {
  values: Record<string, string>;
  subjects: Record<string, string>;
}

/** An alert the rules want raised; the job stores it unless one with the same id (same dedupKey) exists. */
export interface AlertCandidate {
  id: string;
  dedupKey: string;
  rule: AlertRuleId;
  severity: AlertSeverity;
  org: string | null;
  watchlistId: string | null;
  ownerAccount: string | null;
  /** The cause subject first, then watched and other subjects involved; no duplicates. */
  subjectIds: string[];
  params: MessageParams;
  messageZh: string;
  messageEn: string;
  evidence: EvidencePath[];
}
