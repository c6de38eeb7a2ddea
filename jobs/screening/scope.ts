import type { Role } from '../../domain/access/roles.ts';

/**
 * What screening needs from the caller's portfolio scope (issue 7): which of some subjects it may see. The
 * server's RequestScope satisfies this; a background job gets one built for the principal it carries. Kept as
 * a structural interface here so that jobs do not import from server.
 */
export interface VisibilityScope {
  /** True when every subject is visible (every role but bank). */
  readonly unrestricted: boolean;
  filterVisible(subjectIds: readonly string[]): Promise<Set<string>>;
}

/** Who a screening job runs for: the job carries it so the worker applies the same scope as the request. */
export interface ScreeningPrincipal {
  accountId: string;
  username?: string;
  role: Role;
  org: string | null;
}

/** Builds the scope of a principal (server/auth/scope.ts `scopeFor`, injected by whoever starts the worker). */
export type ScopeFactory = (principal: ScreeningPrincipal) => VisibilityScope | Promise<VisibilityScope>;

/** Every subject visible: for roles without a portfolio limit. */
export const UNRESTRICTED: VisibilityScope = Object.freeze({
  unrestricted: true,
  filterVisible: async (ids: readonly string[]) => new Set(ids),
});
