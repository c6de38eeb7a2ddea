/**
 * The session cookie for the admin pages under /admin (bull-board). A browser cannot send a Bearer header on a
 * page navigation, so an admin signed in to the API exchanges their session token for an HttpOnly,
 * SameSite=Strict cookie scoped to /admin (POST /api/v1/admin/queues-session); the guard reads it for /admin
 * routes only — everything under /api still needs the Authorization header.
 */
import type { FastifyRequest } from 'fastify';
import { SESSION_PREFIX } from '../auth/sessions.ts';

export const ADMIN_COOKIE = 'cl_admin_session';
export const ADMIN_PATH = '/admin';
const ADMIN_ROUTE = /^\/admin(\/|$)/;

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * `Bearer <session token>` from the admin cookie when the request is for an /admin route, else undefined.
 * Only session tokens are taken from the cookie (never API keys).
 */
export function adminCookieAuthorization(req: FastifyRequest): string | undefined {
  if (!ADMIN_ROUTE.test(req.routeOptions.url ?? '')) return undefined;
  const token = cookieValue(req.headers.cookie, ADMIN_COOKIE);
  return token?.startsWith(SESSION_PREFIX) && /^\S+$/.test(token) ? `Bearer ${token}` : undefined;
}

/** The Set-Cookie value that hands `token` to the browser for /admin (an empty token clears it). */
export function adminCookieHeader(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${ADMIN_COOKIE}=${encodeURIComponent(token)}`,
    `Path=${ADMIN_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
