/**
 * The failed-jobs view (issue 6, operations): failed jobs of the pipeline queues, newest failure first, with
 * what they carried (a short, ID-masked summary), why they failed and how often they were tried; and retrying
 * one. For accounts with 'queues:admin'. Paging walks the queues in their fixed order, each newest first; the
 * cursor is an offset, so a page may repeat or skip a job that failed or was retried meanwhile.
 */
import type { Job } from 'bullmq';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QUEUE_NAMES, type QueueName } from '../../jobs/queues.ts';
import { AppError, errorBody } from '../errors.ts';
import { maskIdNumbers } from '../log-safety.ts';
import type { Services } from '../services.ts';

const tags = ['operations'];
const SUMMARY_CHARS = 300;

const listQuery = z.object({
  queue: z.enum(QUEUE_NAMES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
const failedJob = z.object({
  queue: z.enum(QUEUE_NAMES),
  id: z.string(),
  name: z.string(),
  /** The job's data as JSON, cut to 300 characters, with ID-number-shaped values masked. */
  dataSummary: z.string(),
  failedReason: z.string().nullable(),
  attemptsMade: z.number(),
  /** How many attempts the job may have in all. */
  attempts: z.number().nullable(),
  createdAt: z.string().nullable(),
  processedAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
const listBody = z.object({ items: z.array(failedJob), nextCursor: z.string().nullable() });
const jobParams = z.object({ queue: z.enum(QUEUE_NAMES), id: z.string().min(1).max(300) });
const retryBody = z.object({ queue: z.enum(QUEUE_NAMES), id: z.string(), state: z.string() });

type Cursor = { q: number; o: number };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      Number.isInteger(v.q) &&
      Number.isInteger(v.o) &&
      (v.q as number) >= 0 &&
      (v.q as number) < QUEUE_NAMES.length &&
      (v.o as number) >= 0
    )
      return v as Cursor;
  } catch {
    // fall through
  }
  throw new AppError(400, 'CURSOR_INVALID', 'cursor: pass the nextCursor of the previous page unchanged');
}

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : null);

export function summariseData(data: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(data) ?? 'null';
  } catch {
    text = String(data);
  }
  const masked = maskIdNumbers(text);
  return masked.length > SUMMARY_CHARS ? `${masked.slice(0, SUMMARY_CHARS - 1)}…` : masked;
}

function view(queue: QueueName, job: Job): z.infer<typeof failedJob> {
  return {
    queue,
    id: String(job.id),
    name: job.name,
    dataSummary: summariseData(job.data),
    failedReason: job.failedReason ? maskIdNumbers(job.failedReason) : null,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? null,
    createdAt: iso(job.timestamp),
    processedAt: iso(job.processedOn),
    failedAt: iso(job.finishedOn),
  };
}

export const jobRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/v1/jobs/failed',
    {
      config: { permission: 'queues:admin' },
      schema: {
        tags,
        summary: 'Failed jobs (all queues, or one with `queue`), newest failure first; paged with nextCursor',
        querystring: listQuery,
        response: { 200: listBody, 400: errorBody },
      },
    },
    async (req) => {
      const { queue, limit, cursor } = req.query;
      const names: readonly QueueName[] = queue ? [queue] : QUEUE_NAMES;
      let { q, o } = cursor ? decodeCursor(cursor) : { q: 0, o: 0 };
      if (q >= names.length)
        throw new AppError(400, 'CURSOR_INVALID', 'cursor: it belongs to a listing of all queues');
      const items: z.infer<typeof failedJob>[] = [];
      while (q < names.length && items.length < limit) {
        const name = names[q] as QueueName;
        const want = limit - items.length;
        // One more than needed tells whether this queue has more.
        const jobs = (await services.queues.get(name).getFailed(o, o + want)).filter(Boolean);
        for (const job of jobs.slice(0, want)) items.push(view(name, job));
        if (jobs.length > want) {
          o += want;
          return { items, nextCursor: encodeCursor({ q, o }) };
        }
        q += 1;
        o = 0;
      }
      // The page is full exactly at a queue's end: more may follow in later queues.
      const more = q < names.length;
      return { items, nextCursor: more ? encodeCursor({ q, o: 0 }) : null };
    },
  );

  app.post(
    '/api/v1/jobs/:queue/:id/retry',
    {
      config: { permission: 'queues:admin' },
      schema: {
        tags,
        summary: 'Retries one failed job (it goes back to waiting with its attempts counted afresh)',
        params: jobParams,
        response: { 200: retryBody, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => {
      const { queue, id } = req.params;
      const job = await services.queues.get(queue).getJob(id);
      if (!job) throw new AppError(404, 'JOB_NOT_FOUND', `no job ${id} in queue ${queue}`);
      const state = await job.getState();
      if (state !== 'failed') {
        throw new AppError(409, 'JOB_NOT_FAILED', `job ${id} in queue ${queue} is ${state}, not failed`, {
          state,
        });
      }
      await job.retry('failed');
      return { queue, id, state: await job.getState() };
    },
  );
};
