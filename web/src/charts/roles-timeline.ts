/** Roles held over time: one bar per relationship from validFrom to validTo (open = today), past ones faded. */
import * as d3 from 'd3';
import type { RoleRow } from '../api/types.ts';
import { fmtAmount, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { emptyState, h, subjectLabel, type View } from '../ui/dom.ts';

export function roleText(r: RoleRow): string {
  const parts = [tv('rel', r.type)];
  if (r.role) parts.push(tv('role', r.role));
  if (r.stakePct !== null) parts.push(`${r.stakePct}%`);
  if (r.amount !== null) parts.push(fmtAmount(r.amount));
  return parts.join(' · ');
}

/** Cuts a label to about `budget` px at 11 px type (CJK characters are about twice as wide as Latin ones). */
function fitLabel(text: string, budget: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    width += /[\u2e80-\uffff]/.test(ch) ? 11 : 6.2;
    if (width > budget) return `${out}…`;
    out += ch;
  }
  return out;
}

export function createRolesTimeline(today: string): View<RoleRow[]> {
  const el = h('div', { class: 'chart roles-timeline', id: 'roles-timeline' });
  return {
    el,
    update(roles) {
      el.replaceChildren();
      if (roles.length === 0) {
        el.append(emptyState(t('subject.rolesEmpty')));
        return;
      }
      const end = new Date(today);
      const starts = roles.map((r) => new Date(r.validFrom ?? r.validTo ?? today));
      const min = d3.min(starts) ?? end;
      const width = 640;
      const row = 24;
      const left = 300;
      const height = roles.length * row + 28;
      const x = d3
        .scaleTime()
        .domain([min, end])
        .range([left, width - 24]);
      const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`);
      const g = svg
        .selectAll('g.role')
        .data(roles)
        .join('g')
        .attr('class', (r) => `role ${r.current ? 'role-current' : 'role-past'}`)
        .attr('transform', (_, i) => `translate(0,${i * row})`);
      g.append('text')
        .attr('x', left - 6)
        .attr('y', row / 2 + 4)
        .attr('text-anchor', 'end')
        .text((r) =>
          fitLabel(
            `${r.direction === 'out' ? '→' : '←'} ${subjectLabel(r.other)} · ${roleText(r)}`,
            left - 14,
          ),
        );
      g.append('rect')
        .attr('x', (r) => x(new Date(r.validFrom ?? min)))
        .attr('y', 5)
        .attr('height', row - 10)
        .attr('width', (r) => Math.max(2, x(new Date(r.validTo ?? today)) - x(new Date(r.validFrom ?? min))))
        .attr('class', (r) => `rel-${r.type}`);
      svg
        .append('g')
        .attr('transform', `translate(0,${roles.length * row + 2})`)
        .call(d3.axisBottom(x).ticks(6));
      el.append(svg.node()!);
      el.append(
        h(
          'table',
          { class: 'roles-table' },
          ...roles.map((r) =>
            h(
              'tr',
              { class: r.current ? 'role-current' : 'role-past' },
              h('td', {}, r.direction === 'out' ? '→' : '←'),
              h('td', {}, h('a', { href: href.subject(r.other.id) }, subjectLabel(r.other))),
              h('td', {}, roleText(r)),
              h('td', { class: 'mono' }, `${r.validFrom ?? '…'} – ${r.validTo ?? t('common.until')}`),
              h('td', {}, r.current ? t('common.current') : t('common.past')),
            ),
          ),
        ),
      );
    },
    destroy() {
      el.remove();
    },
  };
}
