/**
 * Credit repair (信用修复, seed 004 s.20; NDRC 2021/2023 repair rules) as pure transitions.
 *
 *   apply ──▶ applied ──review──▶ under_review ──approve──▶ approved   record repaired, publication ends, inclusions lifted
 *                                               ──reject───▶ rejected
 *
 * An application is admissible once the category's minimum publication period (`repairMinPeriod`, counted from the
 * decision date) has passed; before that it is refused with `REPAIR_TOO_EARLY` and the first admissible date.
 */
import {
  findCategory,
  RECORD_CATEGORY_CATALOGUE,
  type RecordCategoryCatalogue,
} from '../catalogues/record-categories.ts';
import { repairEligibleFrom } from '../dates/publication-window.ts';
import type { Failure } from '../errors.ts';
import type { IsoDate } from '../vocabulary.ts';
import type { CreditRecordFacts, HistoryEntry, Inclusion, TransitionInput } from './types.ts';

export const REPAIR_STATES = ['applied', 'under_review', 'approved', 'rejected'] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

export interface RepairApplication {
  id: string;
  recordId: string;
  subjectId: string;
  state: RepairState;
  appliedAt: IsoDate;
  history: readonly HistoryEntry[];
}

export type RepairErrorCode =
  | 'REPAIR_TOO_EARLY'
  | 'REPAIR_NOT_APPLICABLE'
  | 'REPAIR_RECORD_NOT_ACTIVE'
  | 'REPAIR_INVALID_TRANSITION'
  | 'REPAIR_RECORD_MISMATCH';

export type RepairFailure =
  | (Failure<'REPAIR_TOO_EARLY'> & { eligibleFrom: IsoDate })
  | Failure<Exclude<RepairErrorCode, 'REPAIR_TOO_EARLY'>>;

export type RepairStep = { ok: true; application: RepairApplication; entry: HistoryEntry } | RepairFailure;
export type RepairApproval =
  | {
      ok: true;
      application: RepairApplication;
      record: CreditRecordFacts;
      inclusions: Inclusion[];
      entry: HistoryEntry;
    }
  | RepairFailure;

const fail = <C extends Exclude<RepairErrorCode, 'REPAIR_TOO_EARLY'>>(
  code: C,
  message: string,
): RepairFailure => ({
  ok: false,
  code,
  message: `repair: ${message}`,
});

const entryOf = (input: TransitionInput, action: string): HistoryEntry => ({
  at: input.at,
  actor: input.actor,
  action,
  reason: input.reason,
});

/** First day a repair application is admissible, or why repair does not apply. */
export const repairOpensOn = (
  record: CreditRecordFacts,
  categories: RecordCategoryCatalogue = RECORD_CATEGORY_CATALOGUE,
): { ok: true; eligibleFrom: IsoDate } | Failure<'REPAIR_NOT_APPLICABLE'> => {
  const found = findCategory(categories, record.category);
  if (!found.ok) return { ok: false, code: 'REPAIR_NOT_APPLICABLE', message: found.message };
  const category = found.category;
  const eligibleFrom = category.severities.includes(record.severity)
    ? repairEligibleFrom(category, record.severity, record.decisionDate)
    : null;
  if (eligibleFrom === null) {
    return {
      ok: false,
      code: 'REPAIR_NOT_APPLICABLE',
      message: `repair: ${category.id} (${record.severity}) is not published or not negative, so there is nothing to repair`,
    };
  }
  return { ok: true, eligibleFrom };
};

const requireActive = (record: CreditRecordFacts): RepairFailure | null =>
  record.status === 'active'
    ? null
    : fail(
        'REPAIR_RECORD_NOT_ACTIVE',
        `record ${record.id} is ${record.status}; only an active record can be repaired${record.status === 'under_objection' ? ' (resolve the objection first)' : ''}`,
      );

/** The subject applies for repair of one record. */
export const applyForRepair = (
  record: CreditRecordFacts,
  input: TransitionInput & { id: string },
  categories: RecordCategoryCatalogue = RECORD_CATEGORY_CATALOGUE,
): RepairStep => {
  const notActive = requireActive(record);
  if (notActive) return notActive;
  const opens = repairOpensOn(record, categories);
  if (!opens.ok) return opens;
  if (input.at < opens.eligibleFrom) {
    return {
      ok: false,
      code: 'REPAIR_TOO_EARLY',
      message: `repair: record ${record.id} (${record.category}, ${record.severity}, decided ${record.decisionDate}) must stay published until ${opens.eligibleFrom}; apply on or after that date`,
      eligibleFrom: opens.eligibleFrom,
    };
  }
  const entry = entryOf(input, 'repair_applied');
  return {
    ok: true,
    application: {
      id: input.id,
      recordId: record.id,
      subjectId: record.subjectId,
      state: 'applied',
      appliedAt: input.at,
      history: [entry],
    },
    entry,
  };
};

const move = (
  application: RepairApplication,
  from: RepairState,
  to: RepairState,
  input: TransitionInput,
): RepairStep => {
  if (application.state !== from) {
    return fail(
      'REPAIR_INVALID_TRANSITION',
      `application ${application.id} is ${application.state}; it must be ${from} to become ${to}`,
    );
  }
  const entry = entryOf(input, `repair_${to}`);
  return {
    ok: true,
    application: { ...application, state: to, history: [...application.history, entry] },
    entry,
  };
};

/** The credit office takes the application up for review. */
export const startRepairReview = (application: RepairApplication, input: TransitionInput): RepairStep =>
  move(application, 'applied', 'under_review', input);

export const rejectRepair = (application: RepairApplication, input: TransitionInput): RepairStep =>
  move(application, 'under_review', 'rejected', input);

/**
 * Approval: the record is repaired and leaves publication on `at` (its `publicationTo` becomes `at` unless it
 * already ended earlier), and every live inclusion it triggered is lifted (seed 004 s.20: 不再作为联合惩戒对象).
 */
export const approveRepair = (
  application: RepairApplication,
  record: CreditRecordFacts,
  inclusions: readonly Inclusion[],
  input: TransitionInput,
): RepairApproval => {
  if (application.recordId !== record.id)
    return fail(
      'REPAIR_RECORD_MISMATCH',
      `application ${application.id} is about ${application.recordId}, not ${record.id}`,
    );
  const notActive = requireActive(record);
  if (notActive) return notActive;
  const moved = move(application, 'under_review', 'approved', input);
  if (!moved.ok) return moved;
  const publicationTo =
    record.publicationTo != null && record.publicationTo < input.at ? record.publicationTo : input.at;
  return {
    ok: true,
    application: moved.application,
    record: { ...record, status: 'repaired', publicationTo },
    inclusions: inclusions.map((i) =>
      i.recordId === record.id && (i.status === 'in_force' || i.status === 'suspended')
        ? { ...i, status: 'lifted', ended: { on: input.at, reason: 'record_repaired' } }
        : i,
    ),
    entry: moved.entry,
  };
};
