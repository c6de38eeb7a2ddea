import { currentSession } from '../api/session.ts';

/** Times for people: an ISO timestamp as local `YYYY-MM-DD HH:mm` (dates stay as they are). */
const pad = (n: number) => String(n).padStart(2, '0');

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const fmtDate = (iso: string | null | undefined): string => (iso ? fmtTime(iso).slice(0, 10) : '—');

/** Who did something: the signed-in account by its username, anyone else by the id the server keeps. */
export function actorLabel(actor: string | null | undefined, none = '—'): string {
  if (!actor) return none;
  const me = currentSession()?.account;
  return me && (actor === me.id || actor === me.username) ? me.username : actor;
}
