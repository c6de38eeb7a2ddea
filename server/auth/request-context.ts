/**
 * What every authenticated request carries, and how routes declare their access. The auth plugin
 * (server/auth/plugin.ts) fills these in before any handler runs; a route under /api/v1 without an access
 * declaration is refused at start, so no route can be left open by accident.
 *
 * Route declaration:   app.get(url, { config: { permission: 'alerts:read' }, schema }, handler)
 *                      app.post(url, { config: { access: 'public' } }, handler)   // login only
 * In a handler:        req.principal            who is asking (role, organisation)
 *                      await req.scope.assertVisible(id)      403 OUT_OF_SCOPE for a bank outside its portfolio
 *                      await req.scope.filterVisible(ids)     the visible subset (network, paths, screening hits)
 *                      req.audit.subjects.add(id)             subjects this request read or wrote (audit log)
 *                      req.audit.checkLogs.push(row)          a check log stored with the audit entry
 */
import type { Permission, Role } from '../../domain/access/roles.ts';
import type { CheckLogWrite } from '../../jobs/propagate/check.ts';

export interface Principal {
  accountId: string;
  username: string;
  role: Role;
  /** The organisation the account acts for (a bank's code); portfolio scope and watchlists belong to it. */
  org: string | null;
  via: 'session' | 'apiKey';
}

export interface RequestScope {
  /** True when the principal sees every subject (every role but bank). */
  readonly unrestricted: boolean;
  /** Throws AppError 403 OUT_OF_SCOPE unless the subject is in the principal's portfolio scope. */
  assertVisible(subjectId: string): Promise<void>;
  /** The subset of ids the principal may see, in a Set. */
  filterVisible(subjectIds: readonly string[]): Promise<Set<string>>;
}

export interface AuditNote {
  /** Subject ids the request read or changed; recorded in the audit entry. */
  subjects: Set<string>;
  /** Check logs stored with the audit entry, in its statement (server/audit); the answer waits for both. */
  checkLogs: CheckLogWrite[];
  /** A short machine-readable action name when the route is not self-explanatory (e.g. "alert.confirm"). */
  action?: string;
  /** The username a sign-in attempt named (recorded for failed logins, which have no principal). */
  username?: string;
}

export type RouteAccess = { access: 'public' | 'authenticated' } | { permission: Permission };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every guarded route with its declared access, for the role-matrix tests and the README check. */
    routeAccess: Array<{ method: string; url: string; access: 'public' | 'authenticated' | Permission }>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    scope: RequestScope;
    audit: AuditNote;
  }
  interface FastifyContextConfig {
    /** 'public': no sign-in (login only); 'authenticated': any signed-in account (me, logout). */
    access?: 'public' | 'authenticated';
    permission?: Permission;
  }
}

/** The principal of a route that requires a permission (the guard has run, so it is always set there). */
export function principalOf(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new Error('principalOf called on a public route');
  return req.principal;
}
