/**
 * Screening for banks (issue 7) under /api/v1/screenings. A bank sends one or many prospective borrowers
 * (JSON, or a CSV file as multipart field `file` or a raw text/csv body); for each it gets who the subject is
 * (exact identifier, or a name match with score and reasons), its stored risk score and class, list entries and
 * measures in force, related-party hits within k hops with their paths, and guarantee-circle membership.
 * Up to SCREENING_LIMITS.syncMaxRows rows are answered at once; more (or `mode=async`) run as a background job
 * whose progress and results (JSON or CSV) are read back. Jobs belong to the requesting organisation.
 *
 * Portfolio scope: the screened subject itself is always shown (that is the point of screening), but every
 * related-party hit, every node on its path and every guarantee-circle member must be visible to the caller.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseScreeningCsv } from '../../domain/screening/csv-input.ts';
import { resultCsvHeader, resultCsvLine } from '../../domain/screening/csv-output.ts';
import {
  type PreparedBatch,
  prepareRows,
  type RowError,
  type ScreeningInputRow,
} from '../../domain/screening/input.ts';
import { SCREENING_LIMITS } from '../../domain/screening/limits.ts';
import { MATCH_STATUSES, MATCHED_BY } from '../../domain/screening/types.ts';
import { RELATION_KINDS, SUBJECT_KINDS } from '../../domain/vocabulary.ts';
import { todayInChina } from '../../jobs/projection/load-projection.ts';
import type { ScreeningJobData, ScreeningProgress } from '../../jobs/screening/processor.ts';
import {
  emptySummary,
  getRun,
  ownsRun,
  readResults,
  SCREENING_RUN_STATUSES,
  saveRun,
  summarise,
} from '../../jobs/screening/runs.ts';
import { screenRows } from '../../jobs/screening/screen.ts';
import { principalOf } from '../auth/request-context.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { listEntryBody } from '../subject-standing.ts';

const L = SCREENING_LIMITS;

// ---------- request schemas ----------

/** Hard caps on raw cell sizes; the precise limits (200-character names…) are checked row by row. */
const cell = z.string().max(1000).nullable().optional();
const inputRow = z.strictObject({ ref: cell, name: cell, uscc: cell, idNumber: cell });
const jsonBody = z.strictObject({
  subjects: z
    .array(inputRow)
    .min(1, 'send at least one subject')
    .max(L.maxRows, `at most ${L.maxRows} subjects per request; split the list`),
});
const submitQuery = z.object({
  hops: z.coerce.number().int().min(0).max(L.maxHops).default(L.defaultHops),
  /** auto: answer at once up to the sync limit, else a job; sync: refuse more than the limit; async: always a job. */
  mode: z.enum(['auto', 'sync', 'async']).default('auto'),
});
const screeningId = z
  .string()
  .regex(/^scr-[0-9a-f-]{36}$/, 'a screening id as returned by POST /api/v1/screenings');

// ---------- response schemas ----------

const subjectRef = z.object({
  id: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  name: z.string().nullable(),
  idMasked: z.string().nullable(),
});
const reason = z.object({ code: z.string(), detail: z.string() });
const bilingual = z.object({ zh: z.string(), en: z.string() });
const result = z.object({
  line: z.number(),
  ref: z.string().nullable(),
  input: z.object({
    name: z.string().nullable(),
    uscc: z.string().nullable(),
    idMasked: z.string().nullable(),
  }),
  match: z.object({
    status: z.enum(MATCH_STATUSES),
    by: z.enum(MATCHED_BY).nullable(),
    score: z.number().nullable(),
    reasons: z.array(reason),
  }),
  subject: subjectRef
    .extend({ uscc: z.string().nullable(), regNo: z.string().nullable(), region: z.string().nullable() })
    .nullable(),
  candidates: z.array(
    subjectRef.extend({ uscc: z.string().nullable(), score: z.number(), reasons: z.array(reason) }),
  ),
  risk: z
    .object({
      score: z.number(),
      riskClass: z.string().nullable(),
      asOf: z.string().nullable(),
      scoredAt: z.string().nullable(),
    })
    .nullable(),
  lists: z.array(listEntryBody),
  measures: z.array(
    z.object({
      code: z.string(),
      name: bilingual,
      status: z.enum(['in_force', 'suspended']),
      basis: z.array(z.enum(['direct', 'through_person'])),
    }),
  ),
  related: z.object({
    hops: z.number(),
    hits: z.array(
      z.object({
        subject: subjectRef,
        riskClass: z.string().nullable(),
        distance: z.number(),
        reasons: z.array(reason),
        path: z.object({
          nodes: z.array(subjectRef),
          links: z.array(
            z.object({
              from: z.string(),
              to: z.string(),
              type: z.enum(RELATION_KINDS),
              role: z.string().optional(),
              stakePct: z.number().optional(),
            }),
          ),
        }),
      }),
    ),
    truncated: z.boolean(),
  }),
  guaranteeCircle: z.object({ member: z.boolean(), size: z.number(), members: z.array(subjectRef) }),
});
const summary = z.object({
  total: z.number(),
  byStatus: z.object({ exact: z.number(), name: z.number(), ambiguous: z.number(), none: z.number() }),
  withLists: z.number(),
  withMeasures: z.number(),
  withRelatedHits: z.number(),
  inGuaranteeCircle: z.number(),
});
const syncBody = z.object({
  mode: z.literal('sync'),
  asOf: z.string(),
  hops: z.number(),
  summary,
  results: z.array(result),
});
const queuedBody = z.object({
  mode: z.literal('async'),
  id: z.string(),
  status: z.literal('queued'),
  total: z.number(),
  statusUrl: z.string(),
  resultsUrl: z.string(),
});
const statusBody = z.object({
  id: z.string(),
  status: z.enum(SCREENING_RUN_STATUSES),
  total: z.number(),
  done: z.number(),
  hops: z.number(),
  createdAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  summary: summary.nullable(),
  message: z.string().nullable(),
  results: z.object({ json: z.string(), csv: z.string() }).nullable(),
});

// ---------- input ----------

function badInput(errors: readonly RowError[], errorCount = errors.length): AppError {
  const first = errors
    .slice(0, 3)
    .map((e) => `line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.reason}`)
    .join('; ');
  return new AppError(
    400,
    'SCREENING_INPUT_INVALID',
    `${errorCount} problem(s) in the screening list — ${first}${errorCount > 3 ? '; …' : ''}`,
    { errorCount, errors },
  );
}

async function readCsv(req: {
  isMultipart(): boolean;
  file(): Promise<{ toBuffer(): Promise<Buffer>; file: { truncated?: boolean } } | undefined>;
  body: unknown;
}): Promise<string> {
  if (req.isMultipart()) {
    const part = await req.file();
    if (!part)
      throw new AppError(
        400,
        'SCREENING_NO_FILE',
        'The multipart body has no file: send it in the field "file".',
      );
    let buf: Buffer;
    try {
      buf = await part.toBuffer();
    } catch {
      throw tooLarge();
    }
    if (part.file.truncated) throw tooLarge();
    return buf.toString('utf8');
  }
  return String(req.body ?? '');
}

const tooLarge = () =>
  new AppError(
    413,
    'SCREENING_TOO_LARGE',
    `The CSV is larger than ${L.maxCsvBytes} bytes; split it into several files.`,
  );

// ---------- routes ----------

export const screeningRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { gateway, cfg } = services;
  const tags = ['screening'];
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: L.maxCsvBytes } });
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: L.maxCsvBytes }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/v1/screenings',
    {
      config: { permission: 'screening:run' },
      // 10,000 JSON rows with names and codes can exceed the app's 1 MB default.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Screen one or many subjects (name + USCC, or ID number): match, risk, lists and measures, related-party hits, guarantee circles',
        consumes: ['application/json', 'multipart/form-data', 'text/csv'],
        querystring: submitQuery,
        response: { 200: syncBody, 202: queuedBody, 400: errorBody, 413: errorBody, 415: errorBody },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const ctx = { secret: cfg.PII_HASH_SECRET, today: todayInChina() };
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      let batch: PreparedBatch;
      if (req.isMultipart() || type === 'text/csv') {
        const parsed = parseScreeningCsv(await readCsv(req));
        if (!parsed.ok) throw badInput(parsed.errors);
        batch = prepareRows(parsed.rows, ctx);
      } else if (type === 'application/json' || type === '') {
        const body = jsonBody.safeParse(req.body);
        if (!body.success) {
          const fields = body.error.issues.map((i) => ({
            field: ['body', ...i.path.map(String)].join('.'),
            reason: i.message,
          }));
          throw new AppError(
            400,
            'VALIDATION_FAILED',
            `Invalid request: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`,
            {
              fields,
            },
          );
        }
        batch = prepareRows(
          body.data.subjects.map((row, k) => ({
            row: row as ScreeningInputRow,
            line: k + 1,
            fieldPrefix: `subjects[${k}].`,
          })),
          ctx,
        );
      } else {
        throw new AppError(
          415,
          'SCREENING_CONTENT_TYPE',
          'Send application/json, multipart/form-data (field "file") or text/csv.',
        );
      }
      if (batch.errorCount > 0) throw badInput(batch.errors, batch.errorCount);
      const { hops, mode } = req.query;
      const rows = batch.rows;
      const asOf = ctx.today;
      const sync = mode === 'sync' || (mode === 'auto' && rows.length <= L.syncMaxRows);
      if (sync) {
        if (rows.length > L.syncMaxRows) {
          throw new AppError(
            400,
            'SCREENING_TOO_MANY_FOR_SYNC',
            `mode=sync answers at most ${L.syncMaxRows} subjects at once; use mode=auto or async for ${rows.length}`,
          );
        }
        const results = await screenRows(gateway, rows, { hops, asOf }, req.scope);
        for (const r of results) if (r.subject) req.audit.subjects.add(r.subject.id);
        req.audit.action = 'screening.run';
        return reply
          .code(200)
          .send({ mode: 'sync' as const, asOf, hops, summary: summarise(emptySummary(), results), results });
      }
      const id = `scr-${randomUUID()}`;
      await saveRun(gateway, id, {
        org: principal.org,
        accountId: principal.accountId,
        status: 'queued',
        total: rows.length,
        done: 0,
        hops,
        createdAt: new Date().toISOString(),
      });
      const data: ScreeningJobData = {
        runId: id,
        principal: {
          accountId: principal.accountId,
          username: principal.username,
          role: principal.role,
          org: principal.org,
        },
        rows,
        hops,
        asOf,
      };
      await services.queues.get('screening').add('screen', data, { jobId: id, attempts: 3 });
      req.audit.action = 'screening.submit';
      return reply.code(202).send({
        mode: 'async' as const,
        id,
        status: 'queued' as const,
        total: rows.length,
        statusUrl: `/api/v1/screenings/${id}`,
        resultsUrl: `/api/v1/screenings/${id}/results`,
      });
    },
  );

  /** The run, or 404 when it does not exist or belongs to another organisation (indistinguishable on purpose). */
  async function ownRun(req: Parameters<typeof principalOf>[0], id: string) {
    const run = await getRun(gateway, id);
    if (!run || !ownsRun(run, principalOf(req)))
      throw new AppError(404, 'SCREENING_NOT_FOUND', `No screening ${id}.`);
    return run;
  }

  app.get(
    '/api/v1/screenings/:id',
    {
      config: { permission: 'screening:run' },
      schema: {
        tags,
        summary: 'Status, live progress and summary of a screening job',
        params: z.object({ id: screeningId }),
        response: { 200: statusBody, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const run = await ownRun(req, req.params.id);
      let done = run.done;
      if (run.status === 'running') {
        const job = await services.queues.get('screening').getJob(run.id);
        const live = job && typeof job.progress === 'object' ? (job.progress as ScreeningProgress) : null;
        if (live && typeof live.done === 'number') done = Math.max(done, live.done);
      }
      const base = `/api/v1/screenings/${run.id}/results`;
      return {
        id: run.id,
        status: run.status,
        total: run.total,
        done,
        hops: run.hops,
        createdAt: run.createdAt,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        summary: run.summary,
        message: run.message,
        results:
          run.status === 'completed' ? { json: `${base}?format=json`, csv: `${base}?format=csv` } : null,
      };
    },
  );

  app.get(
    '/api/v1/screenings/:id/results',
    {
      config: { permission: 'screening:run' },
      schema: {
        tags,
        summary: 'Download the results of a completed screening job as JSON ({id, results: [...]}) or CSV',
        params: z.object({ id: screeningId }),
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        response: { 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      const run = await ownRun(req, req.params.id);
      if (run.status !== 'completed') {
        throw new AppError(
          409,
          'SCREENING_NOT_READY',
          `Screening ${run.id} is ${run.status}; results are ready when it has completed.`,
          {
            status: run.status,
            done: run.done,
            total: run.total,
          },
        );
      }
      req.audit.action = 'screening.results';
      const audit = req.audit.subjects;
      const csv = req.query.format === 'csv';
      // Streamed chunk by chunk: a 10,000-row result is tens of MB and never needs to sit whole in memory.
      async function* body(): AsyncGenerator<string> {
        yield csv ? `\uFEFF${resultCsvHeader()}` : `{"id":${JSON.stringify(run.id)},"results":[`;
        let first = true;
        for await (const chunk of readResults(gateway, run.id)) {
          for (const r of chunk) {
            if (r.subject) audit.add(r.subject.id);
            if (csv) yield resultCsvLine(r);
            else {
              yield `${first ? '' : ','}${JSON.stringify(r)}`;
              first = false;
            }
          }
        }
        if (!csv) yield ']}';
      }
      reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${run.id}.${csv ? 'csv' : 'json'}"`);
      // A stream bypasses the response serializer; the 200 body is documented in the summary.
      return reply.send(Readable.from(body()) as never);
    },
  );
};
