/**
 * A bank's authorisations to look at subjects (issue 7): a borrower's consent to a credit enquiry, a loan
 * application under review. Together with the bank's watchlists they make its portfolio scope.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../domain/limits.ts';
import { principalOf } from '../auth/request-context.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { isoDateParam } from './params.ts';

const authorisation = z.object({
  id: z.string(),
  org: z.string(),
  subjectId: z.string(),
  basis: z.string(),
  validTo: z.string().nullable(),
  grantedBy: z.string(),
  grantedAt: z.string(),
});
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

function orgOf(req: Parameters<typeof principalOf>[0]): string {
  const org = principalOf(req).org;
  if (!org)
    throw new AppError(409, 'NO_ORGANISATION', 'your account has no organisation; ask an admin to set one');
  return org;
}

export const authorisationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const { gateway } = services;
  const tags = ['accounts'];
  const config = { permission: 'authorisations:manage' as const };

  app.post(
    '/api/v1/authorisations',
    {
      config,
      schema: {
        tags,
        summary:
          "Record your organisation's authorisation to look at a subject (brings it into your portfolio)",
        body: z.object({
          subjectId: z.string().min(1).max(LIMITS.maxIdLength),
          basis: z.string().trim().min(1).max(LIMITS.maxTextLength),
          validTo: isoDateParam.optional(),
        }),
        response: { 201: authorisation, 409: errorBody, ...errors },
      },
    },
    async (req, reply) => {
      req.audit.action = 'authorisation.grant';
      const org = orgOf(req);
      const [row] = await gateway.write<z.infer<typeof authorisation>>('access/authorisation-upsert', {
        id: `${org}:${req.body.subjectId}`,
        org,
        subjectId: req.body.subjectId,
        basis: req.body.basis,
        validTo: req.body.validTo ?? null,
        grantedBy: principalOf(req).username,
        grantedAt: new Date().toISOString(),
      });
      if (!row) {
        throw new AppError(404, 'UNKNOWN_SUBJECT', `no subject ${req.body.subjectId}`, {
          field: 'body.subjectId',
        });
      }
      req.audit.subjects.add(row.subjectId);
      services.access.scopes.invalidate(org);
      return reply.code(201).send(row);
    },
  );

  app.get(
    '/api/v1/authorisations',
    {
      config,
      schema: {
        tags,
        summary: "Your organisation's authorisations",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(LIMITS.maxIdLength).optional(),
        }),
        response: {
          200: z.object({ items: z.array(authorisation), nextCursor: z.string().nullable() }),
          409: errorBody,
          ...errors,
        },
      },
    },
    async (req) => {
      const rows = await gateway.read<z.infer<typeof authorisation>>('access/authorisations-of', {
        org: orgOf(req),
        after: req.query.cursor ?? null,
        limit: req.query.limit + 1,
      });
      const items = rows.slice(0, req.query.limit);
      return { items, nextCursor: rows.length > req.query.limit ? (items.at(-1)?.subjectId ?? null) : null };
    },
  );

  app.delete(
    '/api/v1/authorisations/:subjectId',
    {
      config,
      schema: {
        tags,
        summary: 'Withdraw an authorisation',
        params: z.object({ subjectId: z.string().min(1).max(LIMITS.maxIdLength) }),
        response: { 204: z.null(), 409: errorBody, ...errors },
      },
    },
    async (req, reply) => {
      req.audit.action = 'authorisation.withdraw';
      const org = orgOf(req);
      const rows = await gateway.write('access/authorisation-delete', {
        id: `${org}:${req.params.subjectId}`,
      });
      if (rows.length === 0)
        throw new AppError(404, 'NOT_FOUND', `no authorisation for ${req.params.subjectId}`);
      req.audit.subjects.add(req.params.subjectId);
      services.access.scopes.invalidate(org);
      return reply.code(204).send(null);
    },
  );
};
