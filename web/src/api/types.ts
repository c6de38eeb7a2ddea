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
