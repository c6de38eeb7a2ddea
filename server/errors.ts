/**
 * Errors as values with a stable code: routes throw AppError (or a module's own coded error) and the
 * one error handler turns it into `{ error: { code, message, details } }` with the right status.
 * 5xx internals are logged, never sent.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/**
 * With `spaFallback`, GET requests outside /api, /health and /docs get the web app's index.html
 * (client-side routes); everything else keeps the JSON 404.
 */
export function installErrorHandler(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        reason: v.message,
      }));
      return reply.code(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid request: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`,
          details: { fields },
        },
      });
    }
    if (err instanceof AppError) {
      return reply
        .code(err.status)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply
        .code(500)
        .send({ error: { code: 'INTERNAL', message: 'Internal error; it has been logged.' } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ err }, 'unhandled error');
      return reply
        .code(status)
        .send({ error: { code: 'INTERNAL', message: 'Internal error; it has been logged.' } });
    }
    // Fastify's own 4xx (body too large, bad JSON, unsupported media type, rate limit…).
    return reply.code(status).send({ error: { code: err.code ?? 'BAD_REQUEST', message: err.message } });
  });
  app.setNotFoundHandler((req, reply) => {
    if (opts.spaFallback && req.method === 'GET' && !/^\/(api|health|docs)(\/|$)/.test(req.url)) {
      return reply.sendFile('index.html');
    }
    return reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
