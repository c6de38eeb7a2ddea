/**
 * The 'imports' queue worker. It runs in the API process because uploads are files on this instance's
 * disk; one import at a time (and a Redis lock across instances and the CLI).
 */
import { createImportProcessor } from '../jobs/ingest/import-processor.ts';
import type { ImportSummary } from '../jobs/ingest/run-import.ts';
import { startWorkers, type WorkerHandle } from '../jobs/workers.ts';
import type { Services } from './services.ts';

export function startImportWorker(
  services: Services,
  afterImport?: (s: ImportSummary) => Promise<void>,
): WorkerHandle {
  const { cfg } = services;
  return startWorkers(
    {
      imports: createImportProcessor({
        gateway: services.gateway,
        redis: services.redis,
        prefix: cfg.QUEUE_PREFIX,
        secret: cfg.PII_HASH_SECRET,
        batchSize: cfg.IMPORT_BATCH_SIZE,
        writeConcurrency: cfg.IMPORT_WRITE_CONCURRENCY,
        ...(afterImport ? { afterImport } : {}),
      }),
    },
    { redisUrl: cfg.REDIS_URL, prefix: cfg.QUEUE_PREFIX, concurrency: 1, log: services.log },
  );
}
