/**
 * Role resolution: who a record's measures reach (seed 004 s.10 and s.15; SPC 2015 art. 3; domain.md §6).
 * The persons bound are those who held the role **on the act date** — relations are half-open intervals
 * [validFrom, validTo), so a legal representative replaced on the act date is not reached and the successor is.
 * Pure and deterministic: the same record and relations always give the same inclusions with the same ids, so a
 * re-run creates nothing new.
 */
import {
  BOUND_ROLES,
  type BoundRole,
  type DurationRule,
  MEASURE_CATALOGUE,
  type Measure,
  type MeasureCatalogue,
  type RoleMapping,
  type RoleRule,
} from '../catalogues/measures.ts';
import { isActiveOn, isEmptyInterval } from '../dates/intervals.ts';
import { addYears } from '../dates/iso-date.ts';
import { compareIds, compareText } from '../text-order.ts';
import { RELATION_KINDS, type RecordStatus } from '../vocabulary.ts';
import type {
  CreditRecordFacts,
  DatedRelation,
  Inclusion,
  InclusionEndReason,
  InclusionStatus,
  PathStep,
} from './types.ts';

/** Record statuses that still trigger measures, and the inclusion status each gives. */
const TRIGGERING: Partial<Record<RecordStatus, InclusionStatus>> = {
  active: 'in_force',
  under_objection: 'suspended',
};

/** `inclusion/<measure>/<record>/<subject>/<role>`, each part URI-encoded so ids containing `/` cannot collide. */
export const inclusionId = (
  measureCode: string,
  recordId: string,
  subjectId: string,
  role: BoundRole,
): string => ['inclusion', measureCode, recordId, subjectId, role].map(encodeURIComponent).join('/');

/** Measures whose triggers match the record's category and severity (three-clean-years rewards never match a record). */
export const triggeredMeasures = (
  record: CreditRecordFacts,
  catalogue: MeasureCatalogue,
): readonly Measure[] =>
  catalogue.measures.filter((measure) =>
    measure.triggers.some(
      (t) => t.kind === 'record' && t.category === record.category && t.severities.includes(record.severity),
    ),
  );

/** Exclusive end of an inclusion under the measure's duration rule. */
export const inclusionEnd = (duration: DurationRule, record: CreditRecordFacts): Inclusion['to'] => {
  if (duration === 'until_lifted') return null;
  if (duration === 'while_record_active') return record.publicationTo ?? null;
  return addYears(record.decisionDate, duration.years);
};

export const stepOf = (relation: DatedRelation): PathStep => {
  const step: PathStep = {
    from: relation.fromId,
    type: relation.type,
    to: relation.toId,
    validFrom: relation.validFrom ?? null,
    validTo: relation.validTo ?? null,
  };
  if (relation.role !== undefined) step.role = relation.role;
  if (relation.stakePct !== undefined) step.stakePct = relation.stakePct;
  return step;
};

/** Whether a relation grants a role under one rule (date not considered). */
export const relationMatchesRule = (relation: DatedRelation, rule: RoleRule): boolean => {
  if (rule.source !== 'relation' || relation.type !== rule.relation) return false;
  if (rule.personsOnly && relation.fromKind !== 'natural_person') return false;
  if (rule.officerRoles && (relation.role === undefined || !rule.officerRoles.includes(relation.role)))
    return false;
  if (rule.minStakePct !== undefined && (relation.stakePct ?? 0) < rule.minStakePct) return false;
  return true;
};

/** Deterministic order for picking the one path reported when several relations grant the same role. */
const compareRelations = (a: DatedRelation, b: DatedRelation): number =>
  RELATION_KINDS.indexOf(a.type) - RELATION_KINDS.indexOf(b.type) ||
  compareText(a.validFrom ?? '', b.validFrom ?? '') ||
  compareText(a.fromId, b.fromId) ||
  compareText(a.role ?? '', b.role ?? '');

export interface RoleHolder {
  subjectId: string;
  via: readonly PathStep[];
}

/**
 * Who held `role` towards the record's subject on the act date, one entry per holder (the first matching relation
 * in a fixed order is reported as the path), sorted by id.
 */
export const holdersOfRole = (
  role: BoundRole,
  record: CreditRecordFacts,
  relations: readonly DatedRelation[],
  mapping: RoleMapping,
): RoleHolder[] => {
  const holders = new Map<string, RoleHolder>();
  const around = relations
    .filter((r) => r.toId === record.subjectId && !isEmptyInterval(r) && isActiveOn(r, record.actDate))
    .sort(compareRelations);
  for (const rule of mapping[role].rules) {
    if (rule.source === 'record_subject') {
      if (!holders.has(record.subjectId))
        holders.set(record.subjectId, { subjectId: record.subjectId, via: [] });
    } else if (rule.source === 'named_on_record') {
      for (const person of record.directlyResponsible ?? []) {
        if (holders.has(person)) continue;
        holders.set(person, {
          subjectId: person,
          via: [
            {
              from: person,
              type: 'NAMED_ON_RECORD',
              to: record.subjectId,
              validFrom: record.actDate,
              validTo: null,
            },
          ],
        });
      }
    } else {
      for (const relation of around) {
        if (holders.has(relation.fromId) || !relationMatchesRule(relation, rule)) continue;
        holders.set(relation.fromId, { subjectId: relation.fromId, via: [stepOf(relation)] });
      }
    }
  }
  return [...holders.values()].sort((a, b) => compareIds(a.subjectId, b.subjectId));
};

/**
 * Every inclusion the record triggers: for each measure it triggers, for each role the measure binds, each subject
 * that held the role on the act date. Records that are repaired, expired or revoked trigger nothing; a record under
 * objection gives suspended inclusions. Sorted by id.
 */
export const resolveInclusions = (
  record: CreditRecordFacts,
  relations: readonly DatedRelation[],
  catalogue: MeasureCatalogue = MEASURE_CATALOGUE,
): Inclusion[] => {
  const status = TRIGGERING[record.status];
  if (!status) return [];
  const out = new Map<string, Inclusion>();
  // Who holds a role does not depend on the measure: found once per role, not once per measure and role.
  const holdersByRole = new Map<BoundRole, RoleHolder[]>();
  const holdersOf = (role: BoundRole): RoleHolder[] => {
    let holders = holdersByRole.get(role);
    if (!holders) {
      holders = holdersOfRole(role, record, relations, catalogue.roleMapping);
      holdersByRole.set(role, holders);
    }
    return holders;
  };
  for (const measure of triggeredMeasures(record, catalogue)) {
    const to = inclusionEnd(measure.duration, record);
    const roles = BOUND_ROLES.filter((role) => measure.binds.includes(role));
    for (const role of roles) {
      for (const holder of holdersOf(role)) {
        const id = inclusionId(measure.code, record.id, holder.subjectId, role);
        out.set(id, {
          id,
          measureCode: measure.code,
          polarity: measure.polarity,
          recordId: record.id,
          recordSubjectId: record.subjectId,
          recordCategory: record.category,
          severity: record.severity,
          actDate: record.actDate,
          subjectId: holder.subjectId,
          role,
          via: holder.via,
          legalBasis: measure.legalBasis,
          from: record.decisionDate,
          to,
          status,
        });
      }
    }
  }
  return [...out.values()].sort((a, b) => compareIds(a.id, b.id));
};

export interface ReconcileResult {
  /** The full new set: kept and added in force (or suspended), the rest withdrawn. */
  inclusions: Inclusion[];
  added: string[];
  kept: string[];
  withdrawn: string[];
}

/**
 * Compares the inclusions a record had with those recomputed after it changed (a corrected record, a fixed
 * relationship). Same id → kept with the recomputed content; only in `previous` → withdrawn on `at`; only in
 * `next` → added. Inclusions already lifted or withdrawn stay as they are.
 */
export const reconcileInclusions = (
  previous: readonly Inclusion[],
  next: readonly Inclusion[],
  at: Inclusion['from'],
  reason: InclusionEndReason = 'record_corrected',
): ReconcileResult => {
  const nextById = new Map(next.map((i) => [i.id, i]));
  const prevById = new Map(previous.map((i) => [i.id, i]));
  const result: ReconcileResult = { inclusions: [], added: [], kept: [], withdrawn: [] };
  for (const old of previous) {
    const fresh = nextById.get(old.id);
    if (fresh) {
      result.kept.push(old.id);
      result.inclusions.push(fresh);
    } else if (old.status === 'in_force' || old.status === 'suspended') {
      result.withdrawn.push(old.id);
      result.inclusions.push({ ...old, status: 'withdrawn', ended: { on: at, reason } });
    } else {
      result.inclusions.push(old);
    }
  }
  for (const fresh of next) {
    if (prevById.has(fresh.id)) continue;
    result.added.push(fresh.id);
    result.inclusions.push(fresh);
  }
  result.inclusions.sort((a, b) => compareIds(a.id, b.id));
  return result;
};
