/**
 * A generated city graph in the test database (bench/data/generate-dataset.ts through the real import, its
 * records propagated), and the rows and look-ups the pipeline tests put on it.
 */
import { writeDataset } from '../../bench/data/generate-dataset.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { propagateRecords } from '../../jobs/propagate/propagate.ts';
import type { Services } from '../../server/services.ts';
import { importPath } from './import-helpers.ts';

export async function loadGeneratedCity(
  services: Services,
  opts: { dir: string; subjects: number; seed: number; today: IsoDate },
): Promise<void> {
  const file = `${opts.dir}/world.ndjson`;
  await writeDataset(file, { subjects: opts.subjects, seed: opts.seed });
  await importPath(services, file);
  const ids = (await services.gateway.read<{ id: string }>('punishment/all-record-ids')).map((r) => r.id);
  await propagateRecords(services.gateway, ids, { today: opts.today });
}

/** A serious court record (a dishonest judgment debtor) on a subject, as an NDJSON import row. */
export const seriousCourtRecord = (id: string, subjectId: string) => ({
  kind: 'record',
  id,
  subject: `id:${subjectId}`,
  category: 'dishonest_judgment_debtor',
  severity: 'serious',
  authority: '人民法院',
  actDate: '2026-11-01',
  decisionDate: '2026-11-02',
});

/** The first `n` organisations (by id) with a legal representative, with or without a record of their own. */
export async function organisationsWithLegalRep(
  services: Services,
  n: number,
  withRecords: boolean,
): Promise<string[]> {
  const res = await services.gateway.driver.executeQuery(
    `MATCH (o:Organisation) WHERE (o)<-[:LEGAL_REP]-() AND exists { (o)-[:HAS_RECORD]->() } = $withRecords
     RETURN o.id AS id ORDER BY o.id LIMIT toInteger($n)`,
    { n, withRecords },
  );
  return res.records.map((r) => r.get('id') as string);
}
