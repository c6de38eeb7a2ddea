/** Shapes of the /api/v1 answers the web app reads (mirrors the zod response schemas in server/routes). */
export type RiskClass = 'A' | 'B' | 'C' | 'D';
export type RelationType =
  | 'LEGAL_REP'
  | 'SHAREHOLDER'
  | 'OFFICER'
  | 'ACTUAL_CONTROLLER'
  | 'GUARANTEE'
  | 'BRANCH';
export const RELATION_TYPES: readonly RelationType[] = [
  'LEGAL_REP',
  'SHAREHOLDER',
  'OFFICER',
  'ACTUAL_CONTROLLER',
  'GUARANTEE',
  'BRANCH',
];

export interface SubjectRef {
  id: string;
  kind: string;
  name?: string;
  idMasked?: string;
}

export interface SearchHit {
  id: string;
  kind: string;
  name: string | null;
  uscc: string | null;
  regNo: string | null;
  idMasked: string | null;
  region: string | null;
  riskScore: number | null;
  riskClass: string | null;
}
export interface SearchResult {
  matchedBy: 'uscc' | 'idNumber' | 'name';
  items: SearchHit[];
  nextCursor: string | null;
}

export interface RoleRow {
  direction: 'out' | 'in';
  type: RelationType;
  other: { id: string; kind: string; name: string | null; idMasked: string | null };
  validFrom: string | null;
  validTo: string | null;
  current: boolean;
  stakePct: number | null;
  subscribedAmount: number | null;
  role: string | null;
  amount: number | null;
  currency: string | null;
}
export interface RecordRow {
  id: string;
  category: string;
  severity: string | null;
  authority: string | null;
  actDate: string | null;
  decisionDate: string | null;
  legalBasis: string | null;
  title: string | null;
  publicationFrom: string | null;
  publicationTo: string | null;
  status: string | null;
}
export interface Profile {
  identity: {
    id: string;
    kind: string;
    name: string | null;
    uscc: string | null;
    regNo: string | null;
    identifierStatus: string | null;
    idMasked: string | null;
    region: string | null;
    registeredAt: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
  };
  risk: { score: number; riskClass: string | null; asOf: string | null; scoredAt: string | null } | null;
  roles: RoleRow[];
  rolesTruncated: boolean;
  records: RecordRow[];
  recordsTruncated: boolean;
  lists: ListEntry[];
  measures: MeasureInForce[];
  asOf: string;
}

export interface RiskFactor {
  factor: 'own_records' | 'related_parties' | 'structural' | 'positive';
  contribution: number;
}
export interface Risk {
  subject: SubjectRef;
  asOf: string;
  score: number;
  riskClass: RiskClass;
  forcedClassReason?: string;
  factors: RiskFactor[];
  stored: { score: number; riskClass: string; asOf: string | null } | null;
}

export interface OwnershipStake extends SubjectRef {
  direct: number;
  integrated: number;
  ultimate: boolean;
  chains: Array<{ path: string[]; stakes: number[]; product: number }>;
}
export interface Ownership {
  subject: SubjectRef;
  direction: 'up' | 'down';
  stakes: OwnershipStake[];
  truncated: boolean;
}
export interface Controllers {
  subject: SubjectRef;
  actualController: { method: string; controllers: Array<SubjectRef & { share: number }> };
  beneficialOwners: {
    method: string;
    threshold: number;
    owners: Array<SubjectRef & { integrated: number; basis: string[]; role?: string }>;
  };
}

export interface NetworkEdge {
  from: string;
  to: string;
  type: RelationType;
  validFrom: string | null;
  validTo: string | null;
  stakePct?: number;
  role?: string;
  amount?: number;
}
export interface Network {
  subject: SubjectRef;
  asOf: string;
  depth: number;
  nodes: Array<SubjectRef & { hops: number }>;
  edges: NetworkEdge[];
  truncated: boolean;
}

export interface PathLink {
  from: string;
  to: string;
  type: RelationType;
  reversed: boolean;
  stake?: number;
  role?: string;
  strength: number;
}
export interface Paths {
  from: string;
  to: string;
  asOf: string;
  paths: Array<{ nodes: string[]; links: PathLink[]; strength: number }>;
  subjects: SubjectRef[];
  truncated: boolean;
}

export type Detector = 'circular-shareholding' | 'guarantee-circles';
export interface DetectorResult {
  detector: string;
  total: number;
  items: Array<{ members: string[]; size: number; strength: number }>;
  nextCursor: string | null;
}

export interface SubjectSummary {
  id: string;
  kind: string;
  name: string | null;
  idMasked: string | null;
  riskScore: number | null;
  riskClass: string | null;
}

// ---------- alerts (server/routes/alerts.ts) ----------

export type AlertStatus = 'open' | 'acknowledged' | 'investigating' | 'confirmed' | 'dismissed';
export const ALERT_STATUSES: readonly AlertStatus[] = [
  'open',
  'acknowledged',
  'investigating',
  'confirmed',
  'dismissed',
];
/** Mirrors domain/alerts/workflow.ts: where each status may go next (closed alerts go nowhere). */
export const ALERT_TRANSITIONS: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  open: ['acknowledged', 'investigating', 'dismissed'],
  acknowledged: ['investigating', 'dismissed'],
  investigating: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: [],
};
export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];
export const ALERT_RULES = [
  'serious_record_nearby',
  'key_person_bound',
  'bound_person_new_seat',
  'score_class_crossed',
  'score_jump',
  'guarantee_network_serious_record',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export interface EvidenceNode {
  id: string | null;
  name: string | null;
  kind: string | null;
  redacted?: boolean;
}
export interface EvidenceLink {
  type: RelationType | 'BOUND_BY';
  reversed: boolean;
  role?: string;
  stakePct?: number;
  amount?: number;
  validFrom?: string | null;
  validTo?: string | null;
}
export interface EvidencePath {
  kind: 'watch' | 'binding' | 'seat' | 'guarantee_circle' | 'guarantee_chain' | 'score';
  nodes: EvidenceNode[];
  links: EvidenceLink[];
}
export interface AlertHistoryEntry {
  at: string;
  actor: string;
  action: 'status' | 'assign';
  from: string | null;
  to: string | null;
  note?: string;
}
export interface AlertComment {
  id: string;
  author: string;
  text: string;
  at: string;
}
export interface Alert {
  id: string;
  rule: AlertRule;
  severity: AlertSeverity;
  status: AlertStatus;
  org: string | null;
  watchlistId: string | null;
  subjectIds: string[];
  createdAt: string;
  updatedAt: string;
  assignee: string | null;
  message: { zh: string; en: string };
  evidence: EvidencePath[];
  history: AlertHistoryEntry[];
}
export interface AlertDetail extends Alert {
  comments: AlertComment[];
}
export interface AlertList {
  items: Alert[];
  nextCursor: string | null;
}
export interface AlertFilters {
  status?: string;
  severity?: string;
  rule?: string;
}

// ---------- watchlists (server/routes/watchlists.ts) ----------

export interface Watchlist {
  id: string;
  name: string;
  ownerAccount: string;
  org: string | null;
  depth: number;
  createdAt: string;
  size: number;
}
export interface WatchlistMember {
  id: string;
  name: string | null;
  kind: string | null;
  riskClass: string | null;
  addedAt: string | null;
  addedBy: string | null;
}
export interface WatchlistDetail extends Watchlist {
  members: WatchlistMember[];
  nextCursor: string | null;
}
export interface WatchlistAddResult {
  added: number;
  alreadyWatched: number;
  size: number;
}
/** details.problems of a 400 WATCHLIST_SUBJECTS_INVALID. */
export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

// ---------- screening (server/routes/screenings.ts) ----------

export type MatchStatus = 'exact' | 'name' | 'ambiguous' | 'none';
interface ScreenedRef {
  id: string;
  kind: string;
  name: string | null;
  idMasked: string | null;
}
export interface ScreeningReason {
  code: string;
  detail: string;
}
export interface ScreeningResult {
  line: number;
  ref: string | null;
  input: { name: string | null; uscc: string | null; idMasked: string | null };
  match: { status: MatchStatus; by: string | null; score: number | null; reasons: ScreeningReason[] };
  subject: (ScreenedRef & { uscc: string | null; regNo: string | null; region: string | null }) | null;
  candidates: Array<ScreenedRef & { uscc: string | null; score: number; reasons: ScreeningReason[] }>;
  risk: { score: number; riskClass: string | null; asOf: string | null; scoredAt: string | null } | null;
  lists: ListEntry[];
  measures: Array<{
    code: string;
    name: { zh: string; en: string };
    status: 'in_force' | 'suspended';
    basis: Array<'direct' | 'through_person'>;
  }>;
  related: {
    hops: number;
    hits: Array<{
      subject: ScreenedRef;
      riskClass: string | null;
      distance: number;
      reasons: ScreeningReason[];
      path: { nodes: ScreenedRef[]; links: Array<{ from: string; to: string; type: RelationType }> };
    }>;
    truncated: boolean;
  };
  guaranteeCircle: { member: boolean; size: number; members: ScreenedRef[] };
}
export interface ScreeningSummary {
  total: number;
  byStatus: Record<MatchStatus, number>;
  withLists: number;
  withMeasures: number;
  withRelatedHits: number;
  inGuaranteeCircle: number;
}
export interface ScreeningSync {
  mode: 'sync';
  asOf: string;
  hops: number;
  summary: ScreeningSummary;
  results: ScreeningResult[];
}
export interface ScreeningQueued {
  mode: 'async';
  id: string;
  status: 'queued';
  total: number;
  statusUrl: string;
  resultsUrl: string;
}
export interface ScreeningStatus {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  hops: number;
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  summary: ScreeningSummary | null;
  message: string | null;
  results: { json: string; csv: string } | null;
}
/** details.errors of a 400 SCREENING_INPUT_INVALID. */
export interface ScreeningInputError {
  line: number;
  field: string;
  reason: string;
}

/** Issue 8: GET /api/v1/stats/overview (dashboard). */
export type OverviewBucket = 'day' | 'week' | 'month';
export type SeverityCounts = Record<AlertSeverity, number>;
export interface MeasureStatusCounts {
  total: number;
  in_force: number;
  suspended: number;
  lifted: number;
  withdrawn: number;
}
export interface Overview {
  from: string;
  to: string;
  bucket: OverviewBucket;
  alerts: {
    total: number;
    bySeverity: SeverityCounts;
    series: Array<{ bucket: string; counts: SeverityCounts }>;
  };
  classes: { scope: 'all' | 'portfolio'; total: number; counts: Record<'A' | 'B' | 'C' | 'D', number> };
  records: {
    total: number;
    inForce: number;
    ended: number;
    byCategory: Array<{ category: string; total: number; inForce: number; ended: number }>;
  } | null;
  measures: {
    totals: MeasureStatusCounts;
    byDepartment: Array<{ department: { zh: string; en: string }; counts: MeasureStatusCounts }>;
  } | null;
}

/** Issue 8: the credit office's queues (GET /api/v1/objections, GET /api/v1/repairs). */
export const OBJECTION_STATUSES = ['open', 'upheld', 'corrected', 'revoked'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const REPAIR_STATUSES = ['applied', 'under_review', 'approved', 'rejected'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
export type ObjectionOutcome = Exclude<ObjectionStatus, 'open'>;
export type RepairAction = 'review' | 'approve' | 'reject';
/** The decisions the API allows from each repair state (domain/punishment/repair.ts). */
export const REPAIR_ACTIONS: Readonly<Record<RepairStatus, readonly RepairAction[]>> = {
  applied: ['review'],
  under_review: ['approve', 'reject'],
  approved: [],
  rejected: [],
};
export interface QueueSubject {
  id: string;
  kind: string | null;
  name: string | null;
  idMasked: string | null;
}
export interface QueueRecord {
  id: string;
  category: string;
  severity: string;
  status: string;
  actDate: string;
  decisionDate: string;
  authority: string | null;
  title: string | null;
}
export interface QueueDecision {
  on: string;
  by: string;
  action: string;
  reason: string;
}
interface QueueItemBase {
  id: string;
  recordId: string;
  subject: QueueSubject;
  record: QueueRecord;
  reason: string;
  submittedOn: string;
  submittedAt: string;
  decided: QueueDecision | null;
}
export interface ObjectionItem extends QueueItemBase {
  status: ObjectionStatus;
  submittedBy: string;
}
export interface RepairItem extends QueueItemBase {
  status: RepairStatus;
  applicant: string;
  eligibleFrom: string | null;
}
export interface QueuePage<T> {
  items: T[];
  nextCursor: string | null;
}
export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  reason: string;
}
/** What PATCH /objections/{id} and /repairs/{id} answer (the parts the page uses). */
export interface ObjectionDecided {
  objection: { id: string; outcome: ObjectionOutcome | null; state: 'open' | 'resolved' };
  record: { id: string; status: string; severity: string; actDate: string; decisionDate: string };
  entry: HistoryEntry;
}
export interface RepairDecided {
  application: { id: string; state: RepairStatus };
  record: { id: string; status: string };
  entry: HistoryEntry;
}
/** The record fields a correction may change (PATCH /objections/{id} with outcome `corrected`). */
export interface CorrectionFields {
  severity?: string;
  actDate?: string;
  decisionDate?: string;
  authority?: string;
  title?: string;
}

/** The list entries and measures in force of GET /api/v1/subjects/{id} (the credit report and screening have the same list entries). */
export interface ListEntry {
  recordId: string;
  category: string;
  list: 'blacklist' | 'redlist';
  label: { zh: string; en: string };
  authority: string | null;
  decisionDate: string | null;
  publicationTo: string | null;
}
export interface MeasureInForce {
  code: string;
  name: { zh: string; en: string };
  department: { zh: string; en: string };
  legalBasis: string;
  status: 'in_force' | 'suspended';
  /** Each reason's steps form the chain record → role → measure; empty when it names subjects the caller may not see. */
  reasons: Array<{ basis: string; status: string; steps: Array<{ zh: string; en: string }> }>;
}

/** GET /api/v1/records/{id}/history (the parts the subject page uses). */
export interface RecordHistory {
  record: { id: string; status: string };
  objections: Array<{
    id: string;
    state: 'open' | 'resolved';
    outcome: ObjectionOutcome | null;
    history: HistoryEntry[];
  }>;
  repairs: Array<{ id: string; state: RepairStatus; appliedAt: string; history: HistoryEntry[] }>;
}
