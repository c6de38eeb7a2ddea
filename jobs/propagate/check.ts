/**
 * Check-before-handling (应查必查, seed 004 s.18) on the graph: one read gathers the subject's live inclusions,
 * the role relationships into it on the day asked about, the punishments binding the persons and companies at
 * the other end of those (改头换面) and its own records; the domain's `composeCheck` decides and explains; and
 * every check made is kept as a (:CheckLog) with who asked, for what and what was answered (feedback and
 * statistics, seed 004 s.26), written by the caller.
 */
import { randomUUID } from 'node:crypto';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { MEASURE_CATALOGUE, SCENARIOS, type Scenario } from '../../domain/catalogues/measures.ts';
import { hashResidentId } from '../../domain/identifiers/resident-id.ts';
import type { SubjectRef } from '../../domain/identifiers/subject-ref.ts';
import {
  type CheckAnswer,
  composeCheck,
  DEFAULT_CHECK_OPTIONS,
  measuresApplyingIn,
  relaySuperset,
} from '../../domain/punishment/check.ts';
import { threeCleanYears } from '../../domain/punishment/reward-eligibility.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { PunishmentError } from './rights.ts';
import { chinaToday, datedRelation, inclusionsFromBindings, recordFacts } from './store.ts';

export interface CheckRequest {
  ref: SubjectRef;
  scenario: Scenario | null;
  asOf?: IsoDate;
  /** Who asked: the signed-in account's username. */
  actor: string;
}

export interface CheckResult extends CheckAnswer {
  checkId: string;
  subject: { id: string; kind: string; name: string | null };
}

/** The relations through which a holder's punishments can show on the checked subject, for the read. */
const RELAY = relaySuperset(DEFAULT_CHECK_OPTIONS.relayRules);
/** The measures a read fetches for each scenario, found once. */
const MEASURES_IN = new Map(SCENARIOS.map((s) => [s, measuresApplyingIn(MEASURE_CATALOGUE, s)]));

type Row = {
  id: string;
  kind: string;
  name: string | null;
  registeredAt: string | null;
  direct: Record<string, unknown>[];
  relations: Record<string, unknown>[];
  related: Record<string, unknown>[];
  records: Record<string, unknown>[];
};

/** A short, stable summary of an answer for the check log. */
export const summariseAnswer = (answer: CheckAnswer) => ({
  punishments: answer.punishments.map((p) => ({
    code: p.measure.code,
    status: p.status,
    through: [...new Set(p.reasons.map((r) => r.basis))],
  })),
  rewards: answer.rewards.map((r) => r.measure.code),
  withheld: answer.withheldRewards.map((w) => w.code),
});

/** The check log entry of one check, written by the caller (the API: with the audit entry, server/audit). */
export interface CheckLogWrite {
  id: string;
  props: Record<string, unknown>;
}

/**
 * Answers a check and returns the check log entry to store. The caller stores it before the answer leaves (a
 * check that is not logged must not be answered); the API stores it in the audit entry's transaction.
 */
export async function runCheck(
  gateway: CypherGateway,
  secret: string,
  request: CheckRequest,
): Promise<{ result: CheckResult; log: CheckLogWrite }> {
  const asOf = request.asOf ?? chinaToday();
  const by = request.ref.by === 'idNumber' ? 'idHash' : request.ref.by;
  const value = request.ref.by === 'idNumber' ? hashResidentId(request.ref.value, secret) : request.ref.value;
  const [row] = await gateway.read<Row>('punishment/check-context', {
    by,
    value,
    asOf,
    relay: RELAY,
    measures: request.scenario === null ? null : (MEASURES_IN.get(request.scenario) ?? null),
  });
  if (!row) {
    throw new PunishmentError(
      'SUBJECT_NOT_FOUND',
      `No subject with ${request.ref.by === 'idNumber' ? 'that ID number' : `${request.ref.by} ${JSON.stringify(request.ref.value)}`}`,
    );
  }
  const records = row.records.map((r) => recordFacts(r, row.id));
  const answer = composeCheck(
    {
      subjectId: row.id,
      scenario: request.scenario,
      asOf,
      direct: inclusionsFromBindings(row.direct),
      relations: row.relations.map(datedRelation),
      related: inclusionsFromBindings(row.related),
      rewards: {
        threeCleanYears: threeCleanYears(records, asOf, {
          establishedOn: row.kind === 'natural_person' ? null : row.registeredAt,
        }),
      },
    },
    MEASURE_CATALOGUE,
  );
  const checkId = `check-${randomUUID()}`;
  const log: CheckLogWrite = {
    id: checkId,
    props: {
      day: chinaToday(),
      actor: request.actor,
      subjectId: row.id,
      scenario: request.scenario ?? 'all',
      asOf,
      answerSummary: JSON.stringify(summariseAnswer(answer)),
    },
  };
  return { result: { ...answer, checkId, subject: { id: row.id, kind: row.kind, name: row.name } }, log };
}
