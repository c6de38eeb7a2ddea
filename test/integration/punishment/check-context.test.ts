/**
 * The check's read fetches only what can show in the answer (holders whose relation can relay a punishment, and
 * for a scenario only bindings holding a measure that applies in it). Oracle: the same answer composed from the
 * unfiltered context, for every organisation of a generated city graph with its records propagated, in every
 * scenario and for the full profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../../bench/data/generate-dataset.ts';
import { MEASURE_CATALOGUE, SCENARIOS, type Scenario } from '../../../domain/catalogues/measures.ts';
import {
  composeCheck,
  DEFAULT_CHECK_OPTIONS,
  measuresApplyingIn,
  relaySuperset,
} from '../../../domain/punishment/check.ts';
import { threeCleanYears } from '../../../domain/punishment/reward-eligibility.ts';
import { runCheck } from '../../../jobs/propagate/check.ts';
import { propagateRecords } from '../../../jobs/propagate/propagate.ts';
import { datedRelation, inclusionsFromBindings, recordFacts } from '../../../jobs/propagate/store.ts';
import type { Services } from '../../../server/services.ts';
import { importPath, tempDir } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

const AS_OF = '2026-06-30';
/** Every relation type, no stake floor, every measure: the context before any filtering. */
const UNFILTERED = {
  relay: ['LEGAL_REP', 'OFFICER', 'SHAREHOLDER', 'ACTUAL_CONTROLLER'].map((type) => ({
    type,
    minStakePct: null,
  })),
  measures: null,
};

let services: Services;
let orgIds: string[];

beforeAll(async () => {
  services = await freshServices();
  const file = `${tempDir('cl-check-context-')}/city.ndjson`;
  await writeDataset(file, { subjects: 1500, seed: 11, recordShare: 0.3 });
  await importPath(services, file);
  const ids = (await services.gateway.read<{ id: string }>('punishment/all-record-ids')).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) await propagateRecords(services.gateway, ids.slice(i, i + 500));
  const orgs = await services.gateway.driver.executeQuery(
    'MATCH (o:Organisation) RETURN o.id AS id ORDER BY id',
  );
  orgIds = orgs.records.map((r) => r.get('id') as string);
}, 180_000);

afterAll(async () => {
  await services?.close();
});

type Row = {
  id: string;
  kind: string;
  registeredAt: string | null;
  direct: Record<string, unknown>[];
  relations: Record<string, unknown>[];
  related: Record<string, unknown>[];
  records: Record<string, unknown>[];
};

async function unfilteredAnswer(subjectId: string, scenario: Scenario | null) {
  const [row] = await services.gateway.read<Row>('punishment/check-context', {
    by: 'id',
    value: subjectId,
    asOf: AS_OF,
    ...UNFILTERED,
  });
  if (!row) throw new Error(`no subject ${subjectId}`);
  const records = row.records.map((r) => recordFacts(r, row.id));
  const answer = composeCheck(
    {
      subjectId: row.id,
      scenario,
      asOf: AS_OF,
      direct: inclusionsFromBindings(row.direct),
      relations: row.relations.map(datedRelation),
      related: inclusionsFromBindings(row.related),
      rewards: { threeCleanYears: threeCleanYears(records, AS_OF, { establishedOn: row.registeredAt }) },
    },
    MEASURE_CATALOGUE,
  );
  return { answer, related: row.related.length };
}

describe('the check reads only what can show in the answer', () => {
  it('answers every organisation in every scenario exactly as from the unfiltered context', async () => {
    let throughPerson = 0;
    let fetchedLess = 0;
    for (const [k, subjectId] of orgIds.entries()) {
      for (const scenario of [null, SCENARIOS[k % SCENARIOS.length] as Scenario]) {
        const { result } = await runCheck(services.gateway, services.cfg.PII_HASH_SECRET, {
          ref: { by: 'id', value: subjectId },
          scenario,
          asOf: AS_OF,
          actor: 'oracle',
        });
        const { checkId: _id, subject: _subject, ...filtered } = result;
        const expected = await unfilteredAnswer(subjectId, scenario);
        expect(filtered, `${subjectId} in ${scenario ?? 'every scenario'}`).toEqual(expected.answer);
        throughPerson += filtered.punishments.filter((p) =>
          p.reasons.some((r) => r.basis === 'through_person'),
        ).length;
        const [narrow] = await services.gateway.read<Row>('punishment/check-context', {
          by: 'id',
          value: subjectId,
          asOf: AS_OF,
          relay: relaySuperset(DEFAULT_CHECK_OPTIONS.relayRules),
          measures: scenario === null ? null : measuresApplyingIn(MEASURE_CATALOGUE, scenario),
        });
        if ((narrow?.related.length ?? 0) < expected.related) fetchedLess += 1;
      }
    }
    // The comparison means something only if punishments reached companies through persons, and the filters
    // left bindings out.
    expect(throughPerson).toBeGreaterThan(10);
    expect(fetchedLess).toBeGreaterThan(10);
  }, 300_000);
});
