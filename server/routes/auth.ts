/**
 * Signing in and out, and who am I (issue 7). Login is the one public route under /api/v1; it is rate-limited
 * per client address and audited whether it succeeds or not (the username tried is recorded, never the password).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES } from '../../domain/access/roles.ts';
import { principalOf } from '../auth/request-context.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';

export const username = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.@-]+$/, 'may contain letters, digits and _ . @ - only');
export const password = z.string().min(10, 'must be at least 10 characters').max(200);

const accountBody = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  org: z.string().nullable(),
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]])),
  via: z.enum(['session', 'apiKey']),
});

export const authRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { accounts, sessions } = services.access;
  const tags = ['accounts'];

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: services.cfg.LOGIN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (req) => `login:${req.ip}`,
        },
      },
      schema: {
        tags,
        summary: 'Sign in with username and password; returns a session token for "Authorization: Bearer"',
        body: z.object({ username: z.string().max(64), password: z.string().max(200) }),
        response: {
          200: z.object({ token: z.string(), expiresAt: z.string(), account: accountBody }),
          400: errorBody,
          401: errorBody,
          429: errorBody,
        },
      },
    },
    async (req) => {
      req.audit.username = req.body.username;
      req.audit.action = 'login';
      const account = await accounts.authenticate(req.body.username, req.body.password);
      if (!account) {
        throw new AppError(401, 'LOGIN_FAILED', 'Wrong username or password, or the account is disabled.');
      }
      const principal = {
        accountId: account.id,
        username: account.username,
        role: account.role,
        org: account.org,
      };
      const { token, expiresAt } = await sessions.create(principal);
      req.principal = { ...principal, via: 'session' };
      return {
        token,
        expiresAt,
        account: {
          ...principal,
          id: account.id,
          permissions: [...ROLE_PERMISSIONS[account.role]],
          via: 'session' as const,
        },
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'End this session', response: { 204: z.null(), 401: errorBody } },
    },
    async (req, reply) => {
      req.audit.action = 'logout';
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (token) await sessions.end(token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The signed-in account, its role and permissions',
        response: { 200: accountBody, 401: errorBody },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return {
        id: p.accountId,
        username: p.username,
        role: p.role,
        org: p.org,
        permissions: [...ROLE_PERMISSIONS[p.role]],
        via: p.via,
      };
    },
  );
};
