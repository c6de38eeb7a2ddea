/**
 * Imports over HTTP: `POST /api/v1/imports` streams the upload to disk (multipart field `file`, or a raw
 * NDJSON/CSV body with `?fileName=`) and queues it; `GET /api/v1/imports/:id` reports progress, the
 * summary and the rejected rows (line, field, reason).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorBody } from '../errors.ts';
import { queueImport } from '../import-worker.ts';
import type { Services } from '../services.ts';

const FORMATS = /\.(ndjson|jsonl|csv)$/i;
const RAW_TYPES = ['application/x-ndjson', 'application/ndjson', 'text/csv'];

const importId = z.string().regex(/^imp-[0-9a-f-]{36}$/, 'an import id as returned by POST /api/v1/imports');
const progress = z.object({
  bytesDone: z.number(),
  bytesTotal: z.number(),
  rowsRead: z.number(),
  phase: z.string(),
});
const rowError = z.object({ file: z.string(), line: z.number(), field: z.string(), reason: z.string() });
const statusBody = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  progress: progress.nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  errors: z.object({ total: z.number(), offset: z.number(), items: z.array(rowError) }),
  message: z.string().nullable(),
});

/** Keeps only what is safe in a file name; the extension decides the format. */
function safeName(name: string): string {
  const base = path.basename(name).replace(/[^\p{L}\p{N}._-]/gu, '_');
  return base.length > 0 ? base.slice(-120) : 'upload';
}

function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max)
        done(
          new AppError(
            413,
            'IMPORT_TOO_LARGE',
            `The upload is larger than IMPORT_MAX_BYTES (${max} bytes); split it into several files.`,
          ),
        );
      else done(null, chunk);
    },
  });
}

export const importRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { cfg } = services;
  const uploads = path.join(cfg.paths.data, 'imports');
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: cfg.IMPORT_MAX_BYTES } });
  // Raw NDJSON/CSV bodies are streamed, not buffered: the route reads the request stream itself.
  app.addContentTypeParser(RAW_TYPES, (_req, payload, done) => done(null, payload));

  app.post(
    '/api/v1/imports',
    {
      config: { permission: 'imports:write' },
      schema: {
        tags: ['imports'],
        summary:
          'Upload an NDJSON or CSV file of subjects, relations or records; it is imported in the background',
        consumes: ['multipart/form-data', ...RAW_TYPES],
        querystring: z.object({
          fileName: z
            .string()
            .max(200)
            .optional()
            .describe(
              'name of the file for a raw body: *.ndjson, *.jsonl or subjects|relations|records*.csv',
            ),
        }),
        response: {
          202: z.object({ id: z.string(), status: z.literal('queued'), statusUrl: z.string() }),
          400: errorBody,
          413: errorBody,
          415: errorBody,
        },
      },
    },
    async (req, reply) => {
      let source: Readable;
      let name: string;
      if (req.isMultipart()) {
        const part = await req.file();
        // req.file() is the first file under any field name: a file sent under another name is not the upload.
        if (part?.fieldname !== 'file') {
          part?.file.resume();
          throw new AppError(
            400,
            'IMPORT_NO_FILE',
            'The multipart body has no file: send it in the field "file".',
          );
        }
        source = part.file;
        name = part.filename;
      } else if (RAW_TYPES.includes(String(req.headers['content-type']).split(';')[0]!.trim())) {
        if (!req.query.fileName) {
          throw new AppError(
            400,
            'VALIDATION_FAILED',
            'querystring.fileName is required with a raw body (it tells the format: .ndjson, .jsonl or .csv)',
            {
              fields: [{ field: 'querystring.fileName', reason: 'required with a raw body' }],
            },
          );
        }
        source = req.body as Readable;
        name = req.query.fileName;
      } else {
        throw new AppError(
          415,
          'IMPORT_CONTENT_TYPE',
          `Send multipart/form-data with a "file" field, or a raw body as ${RAW_TYPES.join(' or ')}.`,
        );
      }
      const fileName = safeName(name);
      if (!FORMATS.test(fileName)) {
        source.resume();
        throw new AppError(400, 'IMPORT_FORMAT', `file name "${fileName}": use .ndjson, .jsonl or .csv`, {
          fields: [{ field: 'fileName', reason: 'extension must be .ndjson, .jsonl or .csv' }],
        });
      }
      const id = `imp-${randomUUID()}`;
      const dir = path.join(uploads, id);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, fileName);
      try {
        await pipeline(source, limitBytes(cfg.IMPORT_MAX_BYTES), fs.createWriteStream(file));
        if ('truncated' in source && source.truncated) {
          throw new AppError(
            413,
            'IMPORT_TOO_LARGE',
            `The upload is larger than IMPORT_MAX_BYTES (${cfg.IMPORT_MAX_BYTES} bytes); split it into several files.`,
          );
        }
      } catch (err) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      await queueImport(services, { id, path: file, fileName });
      return reply.code(202).send({ id, status: 'queued' as const, statusUrl: `/api/v1/imports/${id}` });
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { permission: 'imports:read' },
      schema: {
        tags: ['imports'],
        summary: 'Progress, summary and rejected rows of an import',
        params: z.object({ id: importId }),
        querystring: z.object({
          errorsOffset: z.coerce.number().int().min(0).default(0),
          errorsLimit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: statusBody, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const [run] = await services.gateway.read<{ props: Record<string, string | null> }>('imports/get-run', {
        id: req.params.id,
      });
      if (!run) throw new AppError(404, 'IMPORT_NOT_FOUND', `No import ${req.params.id}.`);
      const p = run.props;
      const job = await services.queues.get('imports').getJob(req.params.id);
      const live =
        job && typeof job.progress === 'object' ? (job.progress as z.infer<typeof progress>) : null;
      const errors = p.errors ? (JSON.parse(p.errors) as Array<z.infer<typeof rowError>>) : [];
      const summary = p.summary ? (JSON.parse(p.summary) as Record<string, unknown>) : null;
      const { errorsOffset, errorsLimit } = req.query;
      return {
        id: req.params.id,
        fileName: p.fileName ?? '',
        status: (p.status ?? 'queued') as z.infer<typeof statusBody>['status'],
        progress: live && 'bytesDone' in live ? live : null,
        summary,
        errors: {
          total: typeof summary?.errorCount === 'number' ? summary.errorCount : errors.length,
          offset: errorsOffset,
          items: errors.slice(errorsOffset, errorsOffset + errorsLimit),
        },
        message: p.message ?? null,
      };
    },
  );
};
