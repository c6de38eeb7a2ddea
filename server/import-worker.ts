/**
 * The 'imports' queue worker. It runs in the API process because uploads are files on this instance's
 * disk; one import at a time (and a Redis lock across instances and the CLI).
 */
import { createImportProcessor, type ImportJobData } from '../jobs/ingest/import-processor.ts';
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

/**
 * What `POST /api/v1/imports` does once the file is on disk: the run saved as queued, then its job on 'imports'
 * (the job id is the run id, so a re-submission queues nothing twice).
 */
export async function queueImport(
  services: Pick<Services, 'gateway' | 'queues'>,
  run: { id: string; path: string; fileName: string },
): Promise<void> {
  await services.gateway.write('imports/save-run', {
    id: run.id,
    fileName: run.fileName,
    status: 'queued',
    startedAt: null,
    finishedAt: null,
    summary: null,
    errors: null,
    message: null,
  });
  const data: ImportJobData = { importId: run.id, path: run.path, fileName: run.fileName };
  await services.queues.get('imports').add('import', data, { jobId: run.id, attempts: 3 });
}
