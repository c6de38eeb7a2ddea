/** The per-row problems of an upload (watchlist CSV, screening list): which row, which field, why. */
import { t } from '../i18n.ts';
import { h } from './dom.ts';

export interface Problem {
  row: number;
  field: string;
  reason: string;
}

export function problemsTable(intro: string, problems: readonly Problem[], id: string): HTMLElement {
  return h(
    'div',
    { class: 'problems', id, role: 'alert' },
    h('p', {}, intro),
    h(
      'table',
      { class: 'data-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('problem.row')),
          h('th', {}, t('problem.field')),
          h('th', {}, t('problem.reason')),
        ),
      ),
      h(
        'tbody',
        {},
        ...problems.map((p) =>
          h(
            'tr',
            { 'data-row': p.row },
            h('td', { class: 'mono' }, p.row),
            h('td', { class: 'mono' }, p.field || '—'),
            h('td', {}, p.reason),
          ),
        ),
      ),
    ),
  );
}
