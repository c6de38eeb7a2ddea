import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDataset } from '../../../bench/data/generate-dataset.ts';
import { startNeo4j } from '../../../infra/services.ts';
import { ImportAbortedError } from '../../../jobs/ingest/run-import.ts';
import type { Services } from '../../../server/services.ts';
import { graphCounts, importPath, tempDir } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

const BATCH = 500;
const SUBJECTS = 6000;

let services: Services;
beforeAll(async () => {
  services = await freshServices({ NEO4J_TX_RETRY_MS: '1000' });
});
afterAll(async () => {
  await services?.close();
});

describe('a database crash in the middle of an import', () => {
  it('leaves only whole batches, and importing again completes the rest without duplicates', async () => {
    const dir = tempDir();
    const file = `${dir}/subjects.ndjson`;
    const lines = [...generateDataset({ subjects: SUBJECTS, seed: 11 })].filter((l) =>
      l.includes('"kind":"subject"'),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines).toHaveLength(SUBJECTS);

    const spec = inject('neo4jSpec');
    const pid = Number(fs.readFileSync(`${spec.dataDir}/service.pid`, 'utf8'));
    const importing = importPath(services, file, { batchSize: BATCH });
    // Kill Neo4j (no clean shutdown) once some batches have committed.
    for (;;) {
      const counts = await graphCounts(services).catch(() => ({}) as Record<string, number>);
      if ((counts['node:Subject'] ?? 0) >= 3 * BATCH) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log('killing', Date.now());
    process.kill(pid, 'SIGKILL');
    const error = await importing.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportAbortedError);
    expect((error as ImportAbortedError).message).toMatch(/Every batch written before this one is complete/);

    console.log('import ended', Date.now());
    await startNeo4j(spec, (m) => console.log(m));
    console.log('restarted', Date.now());
    await services.close();
    services = await freshServicesKeepingData();
    const after = await graphCounts(services);
    const stored = after['node:Subject'] ?? 0;
    expect(stored).toBeGreaterThanOrEqual(3 * BATCH);
    expect(stored).toBeLessThan(SUBJECTS);
    // Whole batches only: no batch left half its subjects, or subjects without their labels or contacts.
    expect(stored % BATCH).toBe(0);
    expect((after['node:Person'] ?? 0) + (after['node:Organisation'] ?? 0)).toBe(stored);

    const again = await importPath(services, file, { batchSize: BATCH });
    expect(again.counts.subject.created).toBe(SUBJECTS - stored);
    expect(again.counts.subject.unchanged).toBe(stored);
    expect((await graphCounts(services))['node:Subject']).toBe(SUBJECTS);
  });
});

/** Services on the restarted database without wiping it. */
async function freshServicesKeepingData(): Promise<Services> {
  const { testConfig } = await import('../../support/services.ts');
  const { createServices } = await import('../../../server/services.ts');
  const { createLogger } = await import('../../../server/logger.ts');
  const cfg = testConfig();
  return createServices(cfg, createLogger(cfg));
}
