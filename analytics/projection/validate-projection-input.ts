/**
 * Contract check of a projection input (conventions 5): collects every issue, then throws one InvalidInputError.
 */
import { type InputIssue, InvalidInputError } from '../errors.ts';
import { toDayNumber } from '../shared/dates.ts';
import type { ProjectionInput } from './projection-input.ts';
import { relationCode, roleCode, subjectKindCode } from './relation-codes.ts';

const SEVERITIES = new Set(['minor', 'general', 'serious']);
const STATUSES = new Set(['active', 'under_objection', 'repaired', 'expired', 'revoked']);
const POLARITIES = new Set(['negative', 'positive', 'neutral']);
const MAX_ISSUES = 100;

/** Throws InvalidInputError listing up to 100 issues; returns the id → index map when the input is valid. */
export function validateProjectionInput(
  input: ProjectionInput,
  module = 'analytics/projection',
): Map<string, number> {
  const issues: InputIssue[] = [];
  const push = (path: string, reason: string): boolean => {
    issues.push({ path, reason });
    return issues.length >= MAX_ISSUES;
  };
  const indexOf = new Map<string, number>();
  if (!input || !Array.isArray(input.nodes) || !Array.isArray(input.edges) || !Array.isArray(input.records)) {
    throw new InvalidInputError(module, [
      { path: '', reason: 'expected { nodes: [], edges: [], records: [] }' },
    ]);
  }
  const { nodes, edges, records } = input;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (typeof n?.id !== 'string' || n.id.length === 0) {
      if (push(`nodes[${i}].id`, 'must be a non-empty string')) break;
      continue;
    }
    if (indexOf.has(n.id)) {
      if (push(`nodes[${i}].id`, `duplicate id "${n.id}"`)) break;
      continue;
    }
    indexOf.set(n.id, i);
    if (subjectKindCode(n.kind) < 0 && push(`nodes[${i}].kind`, `unknown subject kind "${n.kind}"`)) break;
    if (n.registeredAt != null && Number.isNaN(toDayNumber(n.registeredAt))) {
      if (push(`nodes[${i}].registeredAt`, 'must be an ISO date')) break;
    }
  }
  for (let i = 0; i < edges.length && issues.length < MAX_ISSUES; i++) {
    const e = edges[i]!;
    if (relationCode(e?.type) < 0) push(`edges[${i}].type`, `unknown relation kind "${e?.type}"`);
    if (!indexOf.has(e?.from)) push(`edges[${i}].from`, `unknown subject "${e?.from}"`);
    if (!indexOf.has(e?.to)) push(`edges[${i}].to`, `unknown subject "${e?.to}"`);
    if (e.stakePct != null && !(Number.isFinite(e.stakePct) && e.stakePct >= 0 && e.stakePct <= 100)) {
      push(`edges[${i}].stakePct`, 'must be a number in 0–100');
    }
    if (e.amount != null && !(Number.isFinite(e.amount) && e.amount >= 0)) {
      push(`edges[${i}].amount`, 'must be a non-negative number');
    }
    if (e.role != null && roleCode(e.role) < 0) push(`edges[${i}].role`, `unknown officer role "${e.role}"`);
    const from = e.validFrom == null ? null : toDayNumber(e.validFrom);
    const to = e.validTo == null ? null : toDayNumber(e.validTo);
    if (from !== null && Number.isNaN(from)) push(`edges[${i}].validFrom`, 'must be an ISO date or null');
    if (to !== null && Number.isNaN(to)) push(`edges[${i}].validTo`, 'must be an ISO date or null');
    if (from !== null && to !== null && from > to) push(`edges[${i}].validTo`, 'is before validFrom');
  }
  const recordIds = new Set<string>();
  for (let i = 0; i < records.length && issues.length < MAX_ISSUES; i++) {
    const r = records[i]!;
    if (typeof r?.id !== 'string' || r.id.length === 0)
      push(`records[${i}].id`, 'must be a non-empty string');
    else if (recordIds.has(r.id)) push(`records[${i}].id`, `duplicate id "${r.id}"`);
    else recordIds.add(r.id);
    if (!indexOf.has(r?.subjectId)) push(`records[${i}].subjectId`, `unknown subject "${r?.subjectId}"`);
    if (!SEVERITIES.has(r.severity)) push(`records[${i}].severity`, `unknown severity "${r.severity}"`);
    if (!STATUSES.has(r.status)) push(`records[${i}].status`, `unknown status "${r.status}"`);
    if (!POLARITIES.has(r.polarity)) push(`records[${i}].polarity`, `unknown polarity "${r.polarity}"`);
    if (Number.isNaN(toDayNumber(r.actDate))) push(`records[${i}].actDate`, 'must be an ISO date');
    if (Number.isNaN(toDayNumber(r.decisionDate))) push(`records[${i}].decisionDate`, 'must be an ISO date');
    if (r.isList != null && r.isList !== 'blacklist' && r.isList !== 'redlist') {
      push(`records[${i}].isList`, 'must be "blacklist" or "redlist"');
    }
  }
  if (issues.length > 0) throw new InvalidInputError(module, issues);
  return indexOf;
}
