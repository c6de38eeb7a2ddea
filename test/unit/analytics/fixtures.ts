import type {
  ProjectionEdge,
  ProjectionInput,
  ProjectionNode,
  ProjectionRecord,
} from '../../../analytics/projection/projection-input.ts';
import type { OfficerRole } from '../../../domain/vocabulary.ts';

export const AS_OF = '2024-06-30';

export const org = (id: string, extra: Partial<ProjectionNode> = {}): ProjectionNode => ({
  id,
  kind: 'enterprise',
  ...extra,
});
export const person = (id: string, extra: Partial<ProjectionNode> = {}): ProjectionNode => ({
  id,
  kind: 'natural_person',
  ...extra,
});
export const stake = (
  from: string,
  to: string,
  pct: number,
  extra: Partial<ProjectionEdge> = {},
): ProjectionEdge => ({
  type: 'SHAREHOLDER',
  from,
  to,
  stakePct: pct,
  ...extra,
});
export const guarantee = (from: string, to: string, amount: number): ProjectionEdge => ({
  type: 'GUARANTEE',
  from,
  to,
  amount,
});
export const legalRep = (from: string, to: string, extra: Partial<ProjectionEdge> = {}): ProjectionEdge => ({
  type: 'LEGAL_REP',
  from,
  to,
  ...extra,
});
export const officer = (
  from: string,
  to: string,
  role: OfficerRole,
  extra: Partial<ProjectionEdge> = {},
): ProjectionEdge => ({ type: 'OFFICER', from, to, role, ...extra });
export const record = (
  id: string,
  subjectId: string,
  extra: Partial<ProjectionRecord> = {},
): ProjectionRecord => ({
  id,
  subjectId,
  category: 'administrative_penalty',
  severity: 'serious',
  polarity: 'negative',
  status: 'active',
  actDate: '2024-01-10',
  decisionDate: '2024-02-01',
  ...extra,
});

export const graph = (
  nodes: ProjectionNode[],
  edges: ProjectionEdge[] = [],
  records: ProjectionRecord[] = [],
): ProjectionInput => ({ nodes, edges, records });
