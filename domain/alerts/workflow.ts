/**
 * The alert workflow: open → acknowledged → investigating → confirmed or dismissed. Dismissing is allowed from
 * every open state (an obvious false positive needs no investigation); confirming needs an investigation; a
 * closed alert stays closed (its cause will not raise it again, see dedup.ts), so a mistake is corrected by a
 * comment, not by reopening.
 */
import type { AlertStatus } from './types.ts';

export const ALERT_TRANSITIONS: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  open: ['acknowledged', 'investigating', 'dismissed'],
  acknowledged: ['investigating', 'dismissed'],
  investigating: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: [],
};

export const CLOSED_STATUSES: readonly AlertStatus[] = ['confirmed', 'dismissed'];
export const isClosed = (s: AlertStatus): boolean => CLOSED_STATUSES.includes(s);

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'ALERT_TRANSITION_INVALID' | 'ALERT_CLOSED'; message: string; allowed: AlertStatus[] };

export function checkTransition(from: AlertStatus, to: AlertStatus): TransitionCheck {
  const allowed = [...ALERT_TRANSITIONS[from]];
  if (allowed.includes(to)) return { ok: true };
  if (isClosed(from))
    return {
      ok: false,
      code: 'ALERT_CLOSED',
      message: `status: the alert is ${from} and cannot change any more; add a comment instead`,
      allowed,
    };
  return {
    ok: false,
    code: 'ALERT_TRANSITION_INVALID',
    message: `status: an ${from} alert can move to ${allowed.join(' or ')}, not ${to}`,
    allowed,
  };
}

/** One kept step of an alert's history. */
export interface AlertHistoryEntry {
  at: string;
  actor: string;
  action: 'status' | 'assign';
  from: string | null;
  to: string | null;
  note?: string;
}

export interface AlertChange {
  status?: AlertStatus;
  /** null unassigns. */
  assignee?: string | null;
  note?: string;
}

export type ApplyResult =
  | { ok: true; status: AlertStatus; assignee: string | null; entries: AlertHistoryEntry[] }
  | Extract<TransitionCheck, { ok: false }>;

/** What a PATCH does to an alert: the new status and assignee and the history entries it adds. */
export function applyChange(
  current: { status: AlertStatus; assignee: string | null },
  change: AlertChange,
  by: { actor: string; at: string },
): ApplyResult {
  const entries: AlertHistoryEntry[] = [];
  let status = current.status;
  let assignee = current.assignee;
  if (change.status !== undefined && change.status !== current.status) {
    const check = checkTransition(current.status, change.status);
    if (!check.ok) return check;
    entries.push({ at: by.at, actor: by.actor, action: 'status', from: current.status, to: change.status });
    status = change.status;
  }
  if (change.assignee !== undefined && change.assignee !== current.assignee) {
    if (isClosed(current.status))
      return {
        ok: false,
        code: 'ALERT_CLOSED',
        message: `assignee: the alert is ${current.status}; a closed alert is not reassigned`,
        allowed: [],
      };
    entries.push({
      at: by.at,
      actor: by.actor,
      action: 'assign',
      from: current.assignee,
      to: change.assignee,
    });
    assignee = change.assignee;
  }
  if (change.note && entries.length > 0) entries[entries.length - 1]!.note = change.note;
  return { ok: true, status, assignee, entries };
}
