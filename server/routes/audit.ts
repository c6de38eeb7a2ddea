/** Reading and verifying the audit log (admins and regulators). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../domain/limits.ts';
import { errorBody } from '../errors.ts';
import type { Services } from '../services.ts';

const isoInstant = z.iso.datetime({ offset: true });
const entry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  org: z.string().nullable(),
  method: z.string(),
  route: z.string(),
  path: z.string(),
  subjects: z.array(z.string()),
  status: z.number(),
  outcome: z.enum(['ok', 'denied', 'invalid', 'error']),
  action: z.string().nullable(),
  ip: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { audit } = services.access;
  const tags = ['audit'];
  const config = { permission: 'audit:read' as const };

  app.get(
    '/api/v1/audit',
    {
      config,
      schema: {
        tags,
        summary:
          'Audit entries, newest first, filtered by actor (account id or username), subject, outcome, route, time',
        querystring: z.object({
          actor: z.string().max(LIMITS.maxIdLength).optional(),
          subject: z.string().max(LIMITS.maxIdLength).optional(),
          outcome: z.enum(['ok', 'denied', 'invalid', 'error']).optional(),
          route: z.string().max(200).optional(),
          from: isoInstant.optional(),
          to: isoInstant.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z
            .string()
            .regex(/^\d{1,15}$/, 'must be a nextCursor from a previous page')
            .optional(),
        }),
        response: {
          200: z.object({ items: z.array(entry), nextCursor: z.string().nullable() }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      const rows = await audit.page(filter, cursor === undefined ? null : Number(cursor), limit + 1);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? String(items.at(-1)?.seq) : null };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config,
      schema: {
        tags,
        summary: 'Re-compute the hash chain from the first entry; names the first entry that does not match',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            head: z.object({ seq: z.number(), hash: z.string().nullable() }),
            broken: z.object({ seq: z.number(), reason: z.string() }).nullable(),
          }),
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async () => audit.verify(),
  );
};
