/**
 * Objection handling (异议处理, seed 004 s.21; domain.md §8) as pure transitions.
 *
 *   open ──upheld────▶ resolved   the record was right: it is reinstated and its inclusions are back in force
 *        ──corrected─▶ resolved   the record was wrong in part: it is changed and its inclusions recomputed
 *        ──revoked───▶ resolved   the record was wrong: it and everything derived from it are withdrawn
 *
 * While the objection is open the record is `under_objection` and the measures it triggered are suspended
 * (联合惩戒措施在信息核实期间暂不执行). Every transition returns the history entry it adds.
 */
import type { Failure } from '../errors.ts';
import type { RecordStatus } from '../vocabulary.ts';
import { reconcileInclusions } from './role-resolution.ts';
import type { CreditRecordFacts, HistoryEntry, Inclusion, TransitionInput } from './types.ts';

export const OBJECTION_OUTCOMES = ['upheld', 'corrected', 'revoked'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export interface Objection {
  id: string;
  recordId: string;
  state: 'open' | 'resolved';
  outcome: ObjectionOutcome | null;
  /** Record status before the objection, restored when the record is upheld. */
  statusBefore: RecordStatus;
  history: readonly HistoryEntry[];
}

export type ObjectionErrorCode =
  | 'OBJECTION_RECORD_NOT_ACTIVE'
  | 'OBJECTION_ALREADY_OPEN'
  | 'OBJECTION_NOT_OPEN'
  | 'OBJECTION_RECORD_MISMATCH'
  | 'OBJECTION_CORRECTION_INVALID';

export interface ObjectionStep {
  ok: true;
  objection: Objection;
  record: CreditRecordFacts;
  /** The inclusions passed in, updated; those of other records are returned unchanged. */
  inclusions: Inclusion[];
  entry: HistoryEntry;
}
export type ObjectionResult = ObjectionStep | Failure<ObjectionErrorCode>;

const fail = (code: ObjectionErrorCode, message: string): Failure<ObjectionErrorCode> => ({
  ok: false,
  code,
  message: `objection: ${message}`,
});

const entryOf = (input: TransitionInput, action: string): HistoryEntry => ({
  at: input.at,
  actor: input.actor,
  action,
  reason: input.reason,
});

const isLive = (i: Inclusion) => i.status === 'in_force' || i.status === 'suspended';

/** A subject objects to an active record: the record goes under objection and its inclusions are suspended. */
export const openObjection = (
  record: CreditRecordFacts,
  inclusions: readonly Inclusion[],
  input: TransitionInput & { id: string },
): ObjectionResult => {
  if (record.status === 'under_objection')
    return fail(
      'OBJECTION_ALREADY_OPEN',
      `record ${record.id} is already under objection; resolve that one first`,
    );
  if (record.status !== 'active') {
    return fail(
      'OBJECTION_RECORD_NOT_ACTIVE',
      `record ${record.id} is ${record.status}; only an active record can be objected to`,
    );
  }
  const entry = entryOf(input, 'objection_opened');
  return {
    ok: true,
    objection: {
      id: input.id,
      recordId: record.id,
      state: 'open',
      outcome: null,
      statusBefore: record.status,
      history: [entry],
    },
    record: { ...record, status: 'under_objection' },
    inclusions: inclusions.map((i) =>
      i.recordId === record.id && i.status === 'in_force' ? { ...i, status: 'suspended' } : i,
    ),
    entry,
  };
};

export type ObjectionResolution = TransitionInput &
  (
    | { outcome: 'upheld' }
    | { outcome: 'revoked' }
    | {
        outcome: 'corrected';
        /** The fields the provider corrected (seed 004 s.21: 经核实有误的信息应及时更正). */
        correction: Partial<Omit<CreditRecordFacts, 'id' | 'status'>>;
        /** Recomputes the inclusions of the corrected record, usually `(r) => resolveInclusions(r, relations)`. */
        recompute: (record: CreditRecordFacts) => readonly Inclusion[];
      }
  );

/** Ends verification with one of the three outcomes. */
export const resolveObjection = (
  objection: Objection,
  record: CreditRecordFacts,
  inclusions: readonly Inclusion[],
  resolution: ObjectionResolution,
): ObjectionResult => {
  if (objection.state !== 'open')
    return fail('OBJECTION_NOT_OPEN', `objection ${objection.id} is already resolved (${objection.outcome})`);
  if (objection.recordId !== record.id)
    return fail(
      'OBJECTION_RECORD_MISMATCH',
      `objection ${objection.id} is about ${objection.recordId}, not ${record.id}`,
    );
  const entry = entryOf(resolution, `objection_resolved_${resolution.outcome}`);
  const resolved: Objection = {
    ...objection,
    state: 'resolved',
    outcome: resolution.outcome,
    history: [...objection.history, entry],
  };
  const others = inclusions.filter((i) => i.recordId !== record.id);
  const own = inclusions.filter((i) => i.recordId === record.id);

  if (resolution.outcome === 'upheld') {
    return {
      ok: true,
      objection: resolved,
      record: { ...record, status: objection.statusBefore },
      inclusions: [
        ...others,
        ...own.map((i) => (i.status === 'suspended' ? { ...i, status: 'in_force' as const } : i)),
      ],
      entry,
    };
  }

  if (resolution.outcome === 'revoked') {
    return {
      ok: true,
      objection: resolved,
      record: { ...record, status: 'revoked' },
      inclusions: [
        ...others,
        ...own.map((i) =>
          isLive(i)
            ? {
                ...i,
                status: 'withdrawn' as const,
                ended: { on: resolution.at, reason: 'record_revoked' as const },
              }
            : i,
        ),
      ],
      entry,
    };
  }

  const corrected: CreditRecordFacts = {
    ...record,
    ...resolution.correction,
    id: record.id,
    status: objection.statusBefore,
  };
  if (corrected.decisionDate < corrected.actDate) {
    return fail(
      'OBJECTION_CORRECTION_INVALID',
      `corrected decisionDate ${corrected.decisionDate} is before actDate ${corrected.actDate}`,
    );
  }
  const fresh = resolution.recompute(corrected).filter((i) => i.recordId === record.id);
  const reconciled = reconcileInclusions(own, fresh, resolution.at, 'record_corrected');
  return {
    ok: true,
    objection: resolved,
    record: corrected,
    inclusions: [...others, ...reconciled.inclusions],
    entry,
  };
};
