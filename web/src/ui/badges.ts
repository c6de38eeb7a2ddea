/** Small coloured labels shared by the work pages: alert severity and status, screening match status. */
import type { AlertSeverity, AlertStatus, MatchStatus } from '../api/types.ts';
import { tv } from '../i18n.ts';
import { h } from './dom.ts';

export const severityBadge = (s: AlertSeverity): HTMLElement =>
  h('span', { class: `sev-badge sev-badge-${s}`, 'data-severity': s }, tv('alertSeverity', s));

export const alertStatusTag = (s: AlertStatus): HTMLElement =>
  h('span', { class: `tag status-tag status-${s}`, 'data-status': s }, tv('alertStatus', s));

export const matchTag = (s: MatchStatus): HTMLElement =>
  h('span', { class: `tag match-tag match-${s}`, 'data-match': s }, tv('match', s));
