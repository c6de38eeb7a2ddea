/**
 * Account administration (admins only): create accounts, change role or organisation, disable, reset passwords,
 * issue and revoke API keys for systems. Changing who an account is ends its sessions, so a demoted or disabled
 * user cannot carry on with an old token.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPortfolioScoped, ROLES } from '../../domain/access/roles.ts';
import { LIMITS } from '../../domain/limits.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { password, username } from './auth.ts';

const org = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain letters, digits and _ . - only');
const account = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  org: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
const apiKey = z.object({
  id: z.string(),
  accountId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  revoked: z.boolean(),
});
const idParams = z.object({ id: z.string().min(1).max(LIMITS.maxIdLength) });
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

function requireOrgForScopedRole(role: (typeof ROLES)[number], orgValue: string | null | undefined): void {
  if (isPortfolioScoped(role) && !orgValue) {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      `org is required for role ${role}: its portfolio belongs to an organisation`,
      {
        fields: [{ field: 'body.org', reason: `required for role ${role}` }],
      },
    );
  }
}

export const accountRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { accounts, sessions, scopes } = services.access;
  const tags = ['accounts'];
  const config = { permission: 'accounts:manage' as const };

  app.get(
    '/api/v1/accounts',
    {
      config,
      schema: {
        tags,
        summary: 'Accounts in username order',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(64).optional(),
        }),
        response: {
          200: z.object({ items: z.array(account), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const rows = await accounts.list(req.query.cursor ?? null, req.query.limit + 1);
      const items = rows.slice(0, req.query.limit);
      return { items, nextCursor: rows.length > req.query.limit ? (items.at(-1)?.username ?? null) : null };
    },
  );

  app.post(
    '/api/v1/accounts',
    {
      config,
      schema: {
        tags,
        summary: "Create an account (bank accounts need the bank's org code)",
        body: z.object({ username, password, role: z.enum(ROLES), org: org.nullable().optional() }),
        response: { 201: account, ...errors },
      },
    },
    async (req, reply) => {
      req.audit.action = 'account.create';
      requireOrgForScopedRole(req.body.role, req.body.org);
      const created = await accounts.create({ ...req.body, org: req.body.org ?? null });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/v1/accounts/:id',
    {
      config,
      schema: {
        tags,
        summary: "Change role, organisation, disabled flag or password; ends the account's sessions",
        params: idParams,
        body: z
          .object({ role: z.enum(ROLES), org: org.nullable(), disabled: z.boolean(), password })
          .partial()
          .refine((b) => Object.keys(b).length > 0, 'give at least one of role, org, disabled, password'),
        response: { 200: account, ...errors },
      },
    },
    async (req) => {
      req.audit.action = 'account.update';
      const current = await accounts.get(req.params.id);
      if (!current) throw new AppError(404, 'NOT_FOUND', `no account ${req.params.id}`);
      requireOrgForScopedRole(
        req.body.role ?? current.role,
        req.body.org === undefined ? current.org : req.body.org,
      );
      if (req.body.disabled === true && req.principal?.accountId === current.id) {
        throw new AppError(409, 'SELF_DISABLE', 'you cannot disable your own account; ask another admin');
      }
      const updated = await accounts.update(req.params.id, req.body);
      if (!updated) throw new AppError(404, 'NOT_FOUND', `no account ${req.params.id}`);
      await sessions.endAllOf(updated.id);
      scopes.invalidate(current.org, current.id);
      return updated;
    },
  );

  app.get(
    '/api/v1/accounts/:id/api-keys',
    {
      config,
      schema: {
        tags,
        summary: 'API keys of an account (secrets are never shown again)',
        params: idParams,
        response: { 200: z.object({ items: z.array(apiKey) }), ...errors },
      },
    },
    async (req) => ({ items: await accounts.apiKeysOf(req.params.id) }),
  );

  app.post(
    '/api/v1/accounts/:id/api-keys',
    {
      config,
      schema: {
        tags,
        summary: 'Issue an API key for a system; the key is in this answer only',
        params: idParams,
        body: z.object({ label: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ key: z.string(), apiKey }), ...errors },
      },
    },
    async (req, reply) => {
      req.audit.action = 'apikey.create';
      const made = await accounts.createApiKey(req.params.id, req.body.label);
      if (!made) throw new AppError(404, 'NOT_FOUND', `no account ${req.params.id}`);
      return reply.code(201).send({ key: made.key, apiKey: made.view });
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      config,
      schema: { tags, summary: 'Revoke an API key', params: idParams, response: { 200: apiKey, ...errors } },
    },
    async (req) => {
      req.audit.action = 'apikey.revoke';
      const revoked = await accounts.revokeApiKey(req.params.id);
      if (!revoked) throw new AppError(404, 'NOT_FOUND', `no API key ${req.params.id}`);
      return revoked;
    },
  );
};
