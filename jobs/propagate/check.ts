/**
 * Check-before-handling (应查必查, seed 004 s.18) on the graph: one read gathers the subject's live inclusions,
 * the role relationships into it on the day asked about, the punishments binding the persons and companies at
 * the other end of those (改头换面) and its own records; the domain's `composeCheck` decides and explains; and
 * every check made is kept as a (:CheckLog) with who asked, for what and what was answered (feedback and
 * statistics, seed 004 s.26).
 */
import { randomUUID } from 'node:crypto';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { MEASURE_CATALOGUE, type Scenario } from '../../domain/catalogues/measures.ts';
import { hashResidentId } from '../../domain/identifiers/resident-id.ts';
import type { SubjectRef } from '../../domain/identifiers/subject-ref.ts';
import { type CheckAnswer, composeCheck } from '../../domain/punishment/check.ts';
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

type LogRow = { id: string; props: Record<string, unknown> };

/**
 * Group commit for the check log: a check waits until its log entry is committed, but checks that arrive while
 * a write is in flight share the next write, so under load one commit serves many checks.
 */
class CheckLogWriter {
  private pending: Array<{ row: LogRow; done: () => void; fail: (err: unknown) => void }> = [];
  private flushing = false;

  constructor(private readonly gateway: CypherGateway) {}

  write(row: LogRow): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ row, done, fail });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, 500);
        try {
          await this.gateway.write('punishment/write-check-logs', { rows: batch.map((b) => b.row) });
          for (const b of batch) b.done();
        } catch (err) {
          for (const b of batch) b.fail(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

const writers = new WeakMap<CypherGateway, CheckLogWriter>();
const checkLogWriter = (gateway: CypherGateway): CheckLogWriter => {
  let writer = writers.get(gateway);
  if (!writer) {
    writer = new CheckLogWriter(gateway);
    writers.set(gateway, writer);
  }
  return writer;
};

export async function runCheck(
  gateway: CypherGateway,
  secret: string,
  request: CheckRequest,
): Promise<CheckResult> {
  const asOf = request.asOf ?? chinaToday();
  const by = request.ref.by === 'idNumber' ? 'idHash' : request.ref.by;
  const value = request.ref.by === 'idNumber' ? hashResidentId(request.ref.value, secret) : request.ref.value;
  const [row] = await gateway.read<Row>('punishment/check-context', { by, value, asOf });
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
  await checkLogWriter(gateway).write({
    id: checkId,
    props: {
      day: chinaToday(),
      actor: request.actor,
      subjectId: row.id,
      scenario: request.scenario ?? 'all',
      asOf,
      answerSummary: JSON.stringify(summariseAnswer(answer)),
    },
  });
  return { ...answer, checkId, subject: { id: row.id, kind: row.kind, name: row.name } };
}
