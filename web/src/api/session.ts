/**
 * The signed-in session in the browser: the token from POST /api/v1/auth/login and the account it belongs to
 * (role, permissions), kept in sessionStorage so closing the tab signs out. Layout and pages read `can()` to
 * show only what the role may do; the server enforces the same table.
 */
export interface SessionAccount {
  id: string;
  username: string;
  role: string;
  org: string | null;
  permissions: string[];
}

interface Stored {
  token: string;
  expiresAt: string;
  account: SessionAccount;
}

const KEY = 'credit-linkage.session';

export function currentSession(): Stored | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Stored;
    if (Date.parse(s.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(s: Stored): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export function authHeader(): Record<string, string> {
  const s = currentSession();
  return s ? { authorization: `Bearer ${s.token}` } : {};
}

export function can(permission: string): boolean {
  return currentSession()?.account.permissions.includes(permission) ?? false;
}

/** Sends the user to the sign-in page, coming back to where they were afterwards. */
export function requireSignIn(): void {
  clearSession();
  const here = location.hash.replace(/^#/, '');
  if (!here.startsWith('/login')) location.hash = `#/login?next=${encodeURIComponent(here || '/search')}`;
}
