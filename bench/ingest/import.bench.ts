/**
 * Import throughput: graph elements (nodes + relationships) written per second by the batched import,
 * beside a naive import that writes one row per transaction, in the same run. The naive way is too slow
 * for the full set, so it runs on a smaller set of the same shape (same generator, another size) and the
 * batched import is measured on that set too, for a like-for-like ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import { runImport } from '../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../jobs/ingest/sources.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices, type Services } from '../../server/services.ts';
import { writeDataset } from '../data/generate-dataset.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../types.ts';

const NAIVE_SUBJECTS = 2000;

async function countElements(services: Services): Promise<number> {
  const rows = await services.gateway.read<{ element: string; name: string; n: number }>(
    'maintenance/count-graph',
  );
  // Count each node once (by its Subject/Contact/Record/Outbox label), every relationship once.
  const nodeLabels = new Set(['Subject', 'Contact', 'Record', 'Outbox']);
  return rows
    .filter((r) => r.element === 'relationship' || nodeLabels.has(r.name))
    .reduce((n, r) => n + r.n, 0);
}

async function timedImport(services: Services, file: string, batchSize: number, writeConcurrency: number) {
  await services.gateway.autoCommit('maintenance/delete-all');
  await services.gateway.applySchema();
  const started = performance.now();
  const summary = await runImport(listImportFiles(file), {
    gateway: services.gateway,
    secret: services.cfg.PII_HASH_SECRET,
    validation: { today: '2026-11-22', catalogue: RECORD_CATEGORY_CATALOGUE },
    batchSize,
    writeConcurrency,
  });
  const ms = performance.now() - started;
  if (summary.errorCount > 0)
    throw new Error(
      `generated data had ${summary.errorCount} bad rows: ${JSON.stringify(summary.errors[0])}`,
    );
  return { ms, elements: await countElements(services), rows: summary.rowsRead };
}

export const importSuite: BenchSuite = {
  name: 'import',
  needsServices: true,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const cfg = loadConfig(ctx.env);
    const services = await createServices(cfg, createLogger(cfg));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-import-'));
    const rows: BenchRow[] = [];
    try {
      const small = path.join(dir, 'small.ndjson');
      await writeDataset(small, { subjects: NAIVE_SUBJECTS, seed: 3 });
      ctx.log(`import: naive one-row-per-transaction on ${NAIVE_SUBJECTS} subjects…`);
      const naive = await timedImport(services, small, 1, 1);
      const naiveRate = (naive.elements / naive.ms) * 1000;
      ctx.log('import: batched on the same small set…');
      const smallBatched = await timedImport(
        services,
        small,
        cfg.IMPORT_BATCH_SIZE,
        cfg.IMPORT_WRITE_CONCURRENCY,
      );
      rows.push(
        {
          suite: 'import',
          name: 'naive import (one row per transaction)',
          size: naive.elements,
          unit: `elements (${NAIVE_SUBJECTS} subjects, ${naive.rows} rows)`,
          ms: naive.ms,
          perSecond: naiveRate,
        },
        {
          suite: 'import',
          name: `batched import (UNWIND, ${cfg.IMPORT_BATCH_SIZE} rows per transaction), same small set`,
          size: smallBatched.elements,
          unit: `elements (${NAIVE_SUBJECTS} subjects, ${smallBatched.rows} rows)`,
          ms: smallBatched.ms,
          perSecond: (smallBatched.elements / smallBatched.ms) * 1000,
          ratioVsBaseline: ((smallBatched.elements / smallBatched.ms) * 1000) / naiveRate,
        },
      );
      for (const subjects of ctx.sizes.length ? ctx.sizes : [100_000]) {
        const file = path.join(dir, `set-${subjects}.ndjson`);
        const stats = await writeDataset(file, { subjects, seed: 42 });
        ctx.log(
          `import: batched on ${subjects} subjects (${stats.relations} relations, ${stats.records} records)…`,
        );
        const big = await timedImport(services, file, cfg.IMPORT_BATCH_SIZE, cfg.IMPORT_WRITE_CONCURRENCY);
        const rate = (big.elements / big.ms) * 1000;
        rows.push({
          suite: 'import',
          name: `batched import (UNWIND, ${cfg.IMPORT_BATCH_SIZE} rows per transaction)`,
          size: big.elements,
          unit: `elements (${subjects} subjects, ${big.rows} rows)`,
          ms: big.ms,
          perSecond: rate,
          ratioVsBaseline: rate / naiveRate,
          target: '≥ 30,000 elements/s and ≥ 10× naive',
        });
        ctx.log('import: re-import of the same file (nothing to change)…');
        const started = performance.now();
        const again = await runImport(listImportFiles(file), {
          gateway: services.gateway,
          secret: cfg.PII_HASH_SECRET,
          validation: { today: '2026-11-22', catalogue: RECORD_CATEGORY_CATALOGUE },
          batchSize: cfg.IMPORT_BATCH_SIZE,
        });
        rows.push({
          suite: 'import',
          name: 're-import of the same file (all rows unchanged)',
          size: again.rowsRead,
          unit: `rows (${subjects} subjects)`,
          ms: performance.now() - started,
          perSecond: (again.rowsRead / (performance.now() - started)) * 1000,
        });
      }
      return rows;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await services.close();
    }
  },
};
