/**
 * The 'imports' queue: loads an uploaded file (stored by the API under DATA_DIR/imports/<id>/) and
 * keeps its progress in the job and its report in Neo4j (:ImportRun), so GET /api/v1/imports/{id}
 * answers during and long after the import. Runs in the API process that received the upload.
 */
import fs from 'node:fs';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { withImportLock } from './import-lock.ts';
import { ImportAbortedError, type ImportSummary, runImport } from './run-import.ts';
import { listImportFiles } from './sources.ts';
import { validationContextNow } from './validation-context.ts';

export interface ImportJobData {
  importId: string;
  path: string;
  fileName: string;
}

export interface ImportProcessorDeps {
  gateway: CypherGateway;
  redis: Redis;
  prefix: string;
  secret: string;
  batchSize: number;
  writeConcurrency: number;
  /** Called after a successful import, e.g. to enqueue propagation of the new records. */
  afterImport?: (summary: ImportSummary) => Promise<void>;
}

/** Errors kept with the report: enough to fix a file, bounded so one report stays a few MB at most. */
export const MAX_STORED_ERRORS = 10_000;

async function saveRun(
  g: CypherGateway,
  data: ImportJobData,
  fields: Record<string, unknown>,
): Promise<void> {
  await g.write('imports/save-run', {
    id: data.importId,
    fileName: data.fileName,
    status: null,
    startedAt: null,
    finishedAt: null,
    summary: null,
    errors: null,
    message: null,
    ...fields,
  });
}

export function createImportProcessor(deps: ImportProcessorDeps) {
  return async (job: Job<ImportJobData>): Promise<Omit<ImportSummary, 'errors'>> => {
    const data = job.data;
    if (!data?.importId || !data.path || !fs.existsSync(data.path)) {
      throw new UnrecoverableError(`import ${data?.importId}: uploaded file is missing`);
    }
    const startedAt = new Date().toISOString();
    await saveRun(deps.gateway, data, { status: 'running', startedAt });
    try {
      const summary = await withImportLock(
        deps.redis,
        deps.prefix,
        () =>
          runImport(listImportFiles(data.path, data.fileName), {
            gateway: deps.gateway,
            secret: deps.secret,
            validation: validationContextNow(),
            batchSize: deps.batchSize,
            writeConcurrency: deps.writeConcurrency,
            maxErrors: MAX_STORED_ERRORS,
            onProgress: (p) => void job.updateProgress({ ...p }),
          }),
        { waitMs: 24 * 3600_000 },
      );
      const { errors, ...rest } = summary;
      await saveRun(deps.gateway, data, {
        status: 'completed',
        startedAt,
        finishedAt: new Date().toISOString(),
        summary: JSON.stringify(rest),
        errors: JSON.stringify(errors),
      });
      await deps.afterImport?.(summary);
      fs.rmSync(data.path, { force: true });
      return rest;
    } catch (err) {
      const aborted = err instanceof ImportAbortedError;
      await saveRun(deps.gateway, data, {
        status: 'failed',
        startedAt,
        finishedAt: new Date().toISOString(),
        message: (err as Error).message,
        ...(aborted
          ? {
              summary: JSON.stringify({ ...err.summary, errors: undefined }),
              errors: JSON.stringify(err.summary.errors),
            }
          : {}),
      }).catch(() => {});
      // An import stopped by the database is retried by BullMQ: committed batches are recognised, not duplicated.
      throw err;
    }
  };
}
