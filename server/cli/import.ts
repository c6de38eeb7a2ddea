/**
 * `npm run import -- <file or folder> [--errors report.json]`: loads subjects, relations and credit
 * records from NDJSON or CSV into Neo4j with a progress bar and a summary. The local services are
 * started if needed (as for `npm start`). Exit codes: 0 all rows loaded, 3 loaded with rejected rows
 * (listed), 1 the import could not run or stopped (nothing half-written), 2 usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { servicesUp } from '../../infra/local-services.ts';
import { ServiceError } from '../../infra/services.ts';
import { ImportBusyError, withImportLock } from '../../jobs/ingest/import-lock.ts';
import { ImportAbortedError, type ImportSummary, runImport } from '../../jobs/ingest/run-import.ts';
import { ImportInputError, listImportFiles } from '../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../jobs/ingest/validation-context.ts';
import { enqueuePendingOutbox } from '../../jobs/propagate/propagate.ts';
import { RedisPolicyError } from '../../jobs/redis-connection.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createServices } from '../services.ts';

const SHOWN_ERRORS = 50;

function printSummary(s: ImportSummary): void {
  const line = (k: string, c: ImportSummary['counts']['subject']) =>
    `  ${k.padEnd(10)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, stale ${c.stale}, rejected ${c.rejected}`;
  console.log(`\nImported ${s.files.join(', ')} in ${(s.ms / 1000).toFixed(1)} s (${s.rowsRead} rows read)`);
  console.log(line('subjects', s.counts.subject));
  console.log(line('relations', s.counts.relation));
  console.log(line('records', s.counts.record));
  if (s.counts.unreadable) console.log(`  unreadable rows: ${s.counts.unreadable}`);
  if (s.errorCount > 0) {
    console.log(`\n${s.errorCount} problem(s) in the input:`);
    for (const e of s.errors.slice(0, SHOWN_ERRORS))
      console.log(`  ${e.file}:${e.line}  ${e.field || '(row)'}: ${e.reason}`);
    if (s.errorCount > SHOWN_ERRORS)
      console.log(`  … and ${s.errorCount - SHOWN_ERRORS} more (use --errors FILE for all)`);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { errors: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run import -- <file.ndjson|file.csv|folder> [--errors errors.json]');
    return 2;
  }
  const cfg = loadConfig();
  const files = listImportFiles(positionals[0]!);
  const log = createLogger({ ...cfg, LOG_LEVEL: cfg.LOG_LEVEL === 'info' ? 'warn' : cfg.LOG_LEVEL });
  await servicesUp(cfg, () => {});
  const services = await createServices(cfg, log);
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {rows} rows | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const total = files.reduce((n, f) => n + f.bytes, 0) * 2;
  bar.start(total, 0, { phase: 'subjects', rows: 0 });
  try {
    await services.gateway.applySchema();
    const summary = await withImportLock(services.redis, cfg.QUEUE_PREFIX, () =>
      runImport(files, {
        gateway: services.gateway,
        secret: cfg.PII_HASH_SECRET,
        validation: validationContextNow(),
        batchSize: cfg.IMPORT_BATCH_SIZE,
        writeConcurrency: cfg.IMPORT_WRITE_CONCURRENCY,
        maxErrors: values.errors ? 1_000_000 : 10_000,
        onProgress: (p) => {
          bar.setTotal(p.bytesTotal);
          bar.update(p.bytesDone, { phase: p.phase.padEnd(21), rows: p.rowsRead });
        },
      }),
    );
    bar.stop();
    printSummary(summary);
    // The running app's workers propagate the new records; without one they wait in the queue.
    const queued = await enqueuePendingOutbox(services, 200_000);
    if (queued > 0)
      console.log(`\n${queued} new or changed record(s) queued for propagation to the persons they bind.`);
    if (values.errors) fs.writeFileSync(values.errors, `${JSON.stringify(summary.errors, null, 2)}\n`);
    return summary.errorCount > 0 ? 3 : 0;
  } catch (err) {
    bar.stop();
    if (err instanceof ImportAbortedError) {
      printSummary(err.summary);
      console.error(`\n${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await services.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = [ConfigError, ServiceError, RedisPolicyError, ImportInputError, ImportBusyError].some(
      (E) => err instanceof E,
    );
    console.error(known ? (err as Error).message : err);
    process.exit(1);
  },
);
