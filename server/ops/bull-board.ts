/**
 * The bull-board dashboard at /admin/queues (issue 6, operations), for accounts with 'queues:admin' only.
 * bull-board adds its own routes (page, static files, its JSON API), which cannot carry our route config: this
 * plugin's scope declares the permission for every route registered inside it (the guard's scope permission,
 * server/auth/guard.ts), so each of them is checked like any /api route — and a route added by a later
 * bull-board version is covered too. Browsers reach it with the /admin session cookie (./admin-session.ts).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SCOPE_PERMISSION } from '../auth/guard.ts';
import { SESSION_PREFIX } from '../auth/sessions.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { adminCookieHeader } from './admin-session.ts';

export const BULL_BOARD_PATH = '/admin/queues';

const sessionBody = z.object({ path: z.string(), expiresInSeconds: z.number() });

export const bullBoardPlugin: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const secure = services.cfg.NODE_ENV === 'production';
  const ttlSeconds = Math.round(services.cfg.SESSION_TTL_HOURS * 3600);

  app.post(
    '/api/v1/admin/queues-session',
    {
      config: { permission: 'queues:admin' },
      schema: {
        tags: ['operations'],
        summary: `Sets an HttpOnly cookie for ${BULL_BOARD_PATH} from the caller's session, so a browser can open the queues dashboard`,
        response: { 200: sessionBody, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (req, reply) => {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token?.startsWith(SESSION_PREFIX)) {
        throw new AppError(
          400,
          'SESSION_REQUIRED',
          'Sign in with a user name and password (POST /api/v1/auth/login): an API key is not turned into a browser cookie',
        );
      }
      reply.header('set-cookie', adminCookieHeader(token, ttlSeconds, secure));
      return { path: BULL_BOARD_PATH, expiresInSeconds: ttlSeconds };
    },
  );

  app.delete(
    '/api/v1/admin/queues-session',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['operations'],
        summary: 'Clears the queues dashboard cookie',
        response: { 204: z.null(), 401: errorBody },
      },
    },
    async (_req, reply) => {
      reply.header('set-cookie', adminCookieHeader('', 0, secure));
      return reply.code(204).send(null);
    },
  );

  await app.register(async (scope) => {
    scope.decorate(SCOPE_PERMISSION, 'queues:admin');
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({
      queues: services.queues.all().map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'credit-linkage' } },
    });
    // bull-board sets its own error handler on its routes; ours keeps the app's error shape and statuses (the
    // guard's 401/403/429 are AppErrors) and never sends internals.
    type Answer = ReturnType<Parameters<typeof serverAdapter.setErrorHandler>[0]>;
    // bull-board's status type lists the statuses it uses itself (no 401 or 429): the cast widens it.
    serverAdapter.setErrorHandler((err: Error & { statusCode?: number }): Answer => {
      if (err instanceof AppError)
        return {
          status: err.status,
          body: { error: { code: err.code, message: err.message, details: err.details } },
        } as Answer;
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500) services.log.error({ err }, 'queues dashboard: unhandled error');
      return {
        status: status as Answer['status'],
        body: {
          error:
            status >= 500
              ? { code: 'INTERNAL', message: 'Internal error; it has been logged.' }
              : { code: 'BAD_REQUEST', message: err.message },
        },
      };
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
  });
};
