/**
 * The 'screening' queue: screens a large batch in the background (issue 7). The job carries the prepared rows
 * (ID numbers already replaced by their keyed hash) and the principal it runs for, so the worker applies the
 * same portfolio scope as the request would. Progress is kept in the job (live) and in the run (durable);
 * results are stored chunk by chunk. A retried job starts again and overwrites its chunks.
 */
import { type Job, UnrecoverableError } from 'bullmq';
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { PreparedRow } from '../../domain/screening/input.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { emptySummary, type ScreeningSummary, saveChunk, saveRun, summarise } from './runs.ts';
import type { ScopeFactory, ScreeningPrincipal } from './scope.ts';
import { screenInChunks } from './screen.ts';

export interface ScreeningJobData {
  runId: string;
  principal: ScreeningPrincipal;
  rows: PreparedRow[];
  hops: number;
  asOf: IsoDate;
}

export interface ScreeningProgress {
  done: number;
  total: number;
}

export interface ScreeningProcessorDeps {
  gateway: CypherGateway;
  scopeFor: ScopeFactory;
  chunkSize?: number;
}

export function createScreeningProcessor(deps: ScreeningProcessorDeps) {
  return async (job: Job<ScreeningJobData>): Promise<ScreeningSummary> => {
    const data = job.data;
    if (!data?.runId || !Array.isArray(data.rows) || !data.principal) {
      throw new UnrecoverableError(`screening job ${job.id}: malformed job data`);
    }
    const { gateway } = deps;
    const total = data.rows.length;
    await saveRun(gateway, data.runId, { status: 'running', startedAt: new Date().toISOString(), done: 0 });
    try {
      const scope = await deps.scopeFor(data.principal);
      const summary = emptySummary();
      let done = 0;
      await screenInChunks(
        gateway,
        data.rows,
        { hops: data.hops, asOf: data.asOf },
        scope,
        async (seq, results) => {
          await saveChunk(gateway, data.runId, seq, results);
          summarise(summary, results);
          done += results.length;
          await job.updateProgress({ done, total } satisfies ScreeningProgress);
          await saveRun(gateway, data.runId, { done });
        },
        deps.chunkSize,
      );
      await saveRun(gateway, data.runId, {
        status: 'completed',
        done,
        summary,
        finishedAt: new Date().toISOString(),
      });
      return summary;
    } catch (err) {
      // Only the last attempt fails the run; before that the retry will take it up again.
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await saveRun(gateway, data.runId, {
        ...(last ? { status: 'failed' as const, finishedAt: new Date().toISOString() } : {}),
        message: err instanceof Error ? err.message : String(err),
      }).catch(() => {});
      throw err;
    }
  };
}
