/**
 * The one gate in front of /api (issue 7): every route there declares its access (a permission, or public),
 * checked when the route is registered, so a new route cannot be left open by mistake. Requests are
 * authenticated from `Authorization: Bearer <session token | API key>`, authorised against the role's
 * permissions, limited per account, scoped to a bank's portfolio, and audited — the answer waits until its
 * audit entry is stored, and is withheld (503) if it cannot be.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../../domain/access/roles.ts';
import type { AuditFields } from '../../domain/audit/chain.ts';
import { AppError } from '../errors.ts';
import { maskIdNumbers } from '../log-safety.ts';
import { adminCookieAuthorization } from '../ops/admin-session.ts';
import type { Services } from '../services.ts';
import { API_KEY_PREFIX } from './accounts.ts';
import type { Principal } from './request-context.ts';
import { SESSION_PREFIX } from './sessions.ts';

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: 'public' | 'authenticated' | Permission;
}

const GUARDED = /^\/(api|admin)(\/|$)/;

/**
 * A plugin scope that registers routes it does not write itself (bull-board) decorates itself with this symbol
 * and a permission: its routes that declare no access get that permission (server/ops/bull-board.ts).
 */
export const SCOPE_PERMISSION = Symbol.for('credit-linkage.scopePermission');

function outcomeOf(status: number): AuditFields['outcome'] {
  if (status < 400) return 'ok';
  if (status === 401 || status === 403) return 'denied';
  if (status < 500) return 'invalid';
  return 'error';
}

/** Installs the gate on the root instance; call before any route is registered. Returns the route table. */
export async function installGuard(app: FastifyInstance, services: Services): Promise<RouteAccessEntry[]> {
  const { accounts, sessions, scopes, audit } = services.access;
  const table: RouteAccessEntry[] = [];

  app.decorateRequest('principal', null);
  app.decorateRequest('scope', null as never);
  app.decorateRequest('audit', null as never);

  app.addHook('onRoute', function (route) {
    if (!GUARDED.test(route.url)) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    const scoped = (this as unknown as Record<symbol, Permission | undefined>)[SCOPE_PERMISSION];
    if (scoped && !route.config?.access && !route.config?.permission)
      route.config = { ...route.config, permission: scoped };
    const cfg = route.config as { access?: 'public' | 'authenticated'; permission?: Permission } | undefined;
    const access = cfg?.access ?? cfg?.permission;
    if (!access) {
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares no access: add config: { permission: '…' } (or { access: 'public' })`,
      );
    }
    for (const method of methods) table.push({ method, url: route.url, access });
  });

  async function principalOf(req: FastifyRequest): Promise<Principal | null> {
    // Browsers opening /admin pages send the session as a cookie instead (server/ops/admin-session.ts).
    const header = req.headers.authorization ?? adminCookieAuthorization(req);
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new AppError(401, 'UNAUTHENTICATED', 'Authorization header must be "Bearer <token or API key>"');
    const token = match[1] as string;
    if (token.startsWith(SESSION_PREFIX)) return sessions.resolve(token);
    if (token.startsWith(API_KEY_PREFIX)) return accounts.principalForApiKey(token);
    return null;
  }

  app.addHook('onRequest', async (req) => {
    req.audit = { subjects: new Set(), checkLogs: [] };
    req.scope = scopes.scopeFor(null);
    const cfg = req.routeOptions.config as
      | { access?: 'public' | 'authenticated'; permission?: Permission }
      | undefined;
    const url = req.routeOptions.url;
    if (!url || !GUARDED.test(url) || cfg?.access === 'public') {
      req.principal = await principalOf(req).catch(() => null);
      return;
    }
    const principal = await principalOf(req);
    if (!principal) {
      throw new AppError(
        401,
        'UNAUTHENTICATED',
        'Sign in first (POST /api/v1/auth/login) and send the token as "Authorization: Bearer <token>"; the token may have expired',
      );
    }
    req.principal = principal;
    const permission = cfg?.permission;
    if (permission && !can(principal.role, permission)) {
      throw new AppError(403, 'FORBIDDEN', `role ${principal.role} may not ${permission}`, {
        role: principal.role,
        permission,
      });
    }
    req.scope = scopes.scopeFor(principal);
  });

  await app.register(rateLimit, {
    global: true,
    // After authentication, so the limit is per account rather than per shared office IP address.
    hook: 'preHandler',
    max: services.cfg.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    redis: services.redis,
    nameSpace: `${services.cfg.QUEUE_PREFIX}:ratelimit:`,
    allowList: (req) => !GUARDED.test(req.routeOptions.url ?? ''),
    keyGenerator: (req) => req.principal?.accountId ?? `ip:${req.ip}`,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        429,
        'RATE_LIMITED',
        `too many requests: at most ${ctx.max} per minute for this account; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
      ),
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const route = req.routeOptions.url;
    if (!route || !GUARDED.test(route) || req.method === 'HEAD' || !req.audit) return payload;
    const p = req.principal;
    const fields: AuditFields = {
      at: new Date().toISOString(),
      actor: p?.accountId ?? null,
      username: p?.username ?? req.audit.username ?? null,
      role: p?.role ?? null,
      org: p?.org ?? null,
      method: req.method,
      route,
      path: maskIdNumbers(req.url),
      subjects: [...req.audit.subjects].sort(),
      status: reply.statusCode,
      outcome: outcomeOf(reply.statusCode),
      action: req.audit.action ?? null,
      ip: req.ip ?? null,
    };
    try {
      await audit.append(fields, req.audit.checkLogs);
      return payload;
    } catch (err) {
      req.log.error({ err }, 'audit entry could not be stored; answer withheld');
      reply.code(503).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify({
        error: { code: 'AUDIT_UNAVAILABLE', message: 'The audit log could not be written; retry shortly.' },
      });
    }
  });

  return table;
}
