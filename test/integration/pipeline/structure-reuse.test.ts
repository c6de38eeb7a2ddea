/**
 * Issue 6, backlog drain: a whole-graph pass that serves a rescore backlog reuses the structure (CSR, detectors)
 * the process kept from its last pass while only records changed, and reads just the records and the stored
 * fingerprints. It must store exactly what a pass reading everything stores, and a change of subjects or
 * relationships (any import that creates or updates one) must make the next pass read everything again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { closeSharedPassThread } from '../../../jobs/score/pass-thread.ts';
import { canReuseStructure, rescoreAll } from '../../../jobs/score/rescore.ts';
import type { Services } from '../../../server/services.ts';
import {
  loadGeneratedCity,
  organisationsWithLegalRep,
  seriousCourtRecord,
} from '../../support/generated-city.ts';
import { importPath, TODAY, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;
const dir = tempDir('cl-structure-reuse-');
const asOf = TODAY;

async function storedScores(): Promise<Map<string, unknown>> {
  const res = await services.gateway.driver.executeQuery(
    `MATCH (s:Subject) RETURN s.id AS id, [s.riskScore, s.riskClass, s.riskExposure, s.riskSignals, s.riskHash] AS v`,
  );
  return new Map(res.records.map((r) => [r.get('id') as string, r.get('v')]));
}

beforeAll(async () => {
  services = await freshServices();
  await loadGeneratedCity(services, { dir, subjects: 2000, seed: 5, today: asOf });
}, 240_000);

afterAll(async () => {
  await closeSharedPassThread();
  await services?.close();
});

describe('whole-graph pass reusing its structure', () => {
  it('after records only, reads only the records and stores what a pass reading everything stores', async () => {
    const first = await rescoreAll(services.gateway, { asOf, reuseStructure: true });
    expect(first.structureReused).toBe(false);
    expect(first.findings).toBeDefined();
    expect(await canReuseStructure(services.gateway, asOf)).toBe(true);

    const targets = await organisationsWithLegalRep(services, 5, false);
    expect(targets).toHaveLength(5);
    await importPath(
      services,
      writeNdjson(
        dir,
        'records.ndjson',
        targets.map((t, i) => seriousCourtRecord(`reuse-${i}`, t)),
      ),
    );
    expect(await canReuseStructure(services.gateway, asOf)).toBe(true);
    // A record without a subject (left by a write outside the import) ends no page of records early.
    await services.gateway.driver.executeQuery(
      "CREATE (:Record {id: '0-orphan', category: 'x', status: 'active'})",
    );
    const reused = await rescoreAll(services.gateway, { asOf, reuseStructure: true, pageSize: 50 });
    expect(reused.structureReused).toBe(true);
    expect(reused.ms.detect).toBe(0);
    expect(reused.records).toBe(first.records + 5);
    expect(reused.edges).toBe(first.edges);
    expect(reused.written).toBeGreaterThanOrEqual(5);
    // The findings depend on the structure only and were stored by the first pass; stored by another pass since
    // (another worker, another date), they are stored again.
    expect(reused.findings).toBeUndefined();
    await services.gateway.driver.executeQuery("MATCH (g:GraphState) SET g.findingsKey = 'another pass'");
    const again = await rescoreAll(services.gateway, { asOf, reuseStructure: true });
    expect(again.structureReused).toBe(true);
    expect(again.findings).toBeDefined();
    expect(again.written).toBe(0);
    const afterReuse = await storedScores();

    // A pass that reads everything finds every stored score already right, and stores nothing.
    const full = await rescoreAll(services.gateway, { asOf, inline: true });
    expect(full.structureReused).toBe(false);
    expect(full.written).toBe(0);
    expect(await storedScores()).toEqual(afterReuse);
    expect(full.classCounts).toEqual(reused.classCounts);
  }, 120_000);

  it('reads everything again after a change of relationships, and not after a re-import that changes nothing', async () => {
    await rescoreAll(services.gateway, { asOf });
    expect(await canReuseStructure(services.gateway, asOf)).toBe(true);
    const [a, b] = await organisationsWithLegalRep(services, 2, true);
    const file = writeNdjson(dir, 'guarantee.ndjson', [
      {
        kind: 'relation',
        type: 'GUARANTEE',
        from: `id:${a}`,
        to: `id:${b}`,
        validFrom: '2026-01-01',
        amount: 5e6,
      },
    ]);
    const before = await rescoreAll(services.gateway, { asOf, reuseStructure: true });
    expect(before.structureReused).toBe(true);
    await importPath(services, file);
    expect(await canReuseStructure(services.gateway, asOf)).toBe(false);
    const after = await rescoreAll(services.gateway, { asOf, reuseStructure: true });
    expect(after.structureReused).toBe(false);
    expect(after.edges).toBe(before.edges + 1);

    // The same file again: every row unchanged, the structure version stays, the next pass reuses.
    await importPath(services, file);
    expect(await canReuseStructure(services.gateway, asOf)).toBe(true);
    expect((await rescoreAll(services.gateway, { asOf, reuseStructure: true })).structureReused).toBe(true);
    // A new subject alone (no relationship) is a change of structure too.
    await importPath(
      services,
      writeNdjson(dir, 'subject.ndjson', [
        {
          kind: 'subject',
          id: 'reuse-new-org',
          subjectKind: 'enterprise',
          name: '汕头市新设贸易有限公司',
          uscc: generateUscc(mulberry32(77)),
          registeredAt: '2026-10-01',
        },
      ]),
    );
    expect(await canReuseStructure(services.gateway, asOf)).toBe(false);
    const withSubject = await rescoreAll(services.gateway, { asOf, reuseStructure: true });
    expect(withSubject.structureReused).toBe(false);
    expect(withSubject.subjects).toBe(after.subjects + 1);
    // Another day is another structure (relationships valid on the date): read everything.
    expect(await canReuseStructure(services.gateway, '2027-01-05')).toBe(false);
    const nextDay = await rescoreAll(services.gateway, { asOf: '2027-01-05', reuseStructure: true });
    expect(nextDay.structureReused).toBe(false);
  }, 120_000);
});
