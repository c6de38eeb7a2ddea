/** Signed-in callers for route tests: a real account (scrypt-hashed password) and a real session in Redis. */
import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { Role } from '../../domain/access/roles.ts';
import type { App } from '../../server/app.ts';
import type { Services } from '../../server/services.ts';

export type AuthedCaller = {
  authorization: string;
};

export async function createAccount(
  services: Services,
  role: Role,
  opts: { org?: string | null; username?: string; password?: string } = {},
) {
  const password = opts.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const account = await services.access.accounts.create({
    username: opts.username ?? `${role}-${randomBytes(4).toString('hex')}`,
    password,
    role,
    org: opts.org ?? (role === 'bank' ? 'BANK-TEST' : null),
  });
  return { account, password };
}

/** Headers of a signed-in account with `role` (banks get org BANK-TEST unless told otherwise). */
export async function authHeaders(
  services: Services,
  role: Role,
  opts: { org?: string | null; username?: string } = {},
): Promise<AuthedCaller> {
  const { account } = await createAccount(services, role, opts);
  const { token } = await services.access.sessions.create({
    accountId: account.id,
    username: account.username,
    role: account.role,
    org: account.org,
  });
  return { authorization: `Bearer ${token}` };
}

/** app.inject with the caller's headers added, so a test reads like the requests a client sends. */
export function injectAs(app: App, caller: AuthedCaller) {
  return (opts: InjectOptions) => app.inject({ ...opts, headers: { ...caller, ...(opts.headers ?? {}) } });
}
