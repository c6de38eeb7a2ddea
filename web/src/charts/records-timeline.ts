/** Credit records on a time axis (act dates), coloured by severity, with a readable list below. */
import * as d3 from 'd3';
import type { RecordRow } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { emptyState, h, type View } from '../ui/dom.ts';

export function createRecordsTimeline(): View<RecordRow[]> {
  const el = h('div', { class: 'chart records-timeline', id: 'records-timeline' });
  return {
    el,
    update(records) {
      el.replaceChildren();
      if (records.length === 0) {
        el.append(emptyState(t('subject.recordsEmpty')));
        return;
      }
      const dated = records.filter((r) => r.actDate);
      const width = 560;
      const height = 56;
      const dates = dated.map((r) => new Date(r.actDate!));
      const [min = new Date(), max = new Date()] = d3.extent(dates);
      const x = d3
        .scaleTime()
        .domain([d3.timeYear.offset(min, -1), d3.timeYear.offset(max, 1)])
        .range([16, width - 16]);
      const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`);
      svg
        .append('line')
        .attr('x1', 16)
        .attr('x2', width - 16)
        .attr('y1', 22)
        .attr('y2', 22)
        .attr('class', 'axis-line');
      svg
        .selectAll('circle')
        .data(dated)
        .join('circle')
        .attr('cx', (r) => x(new Date(r.actDate!)))
        .attr('cy', 22)
        .attr('r', 7)
        .attr('class', (r) => `sev sev-${r.severity ?? 'none'} status-${r.status ?? 'active'}`)
        .append('title')
        .text((r) => `${r.actDate} ${tv('category', r.category)}`);
      svg.append('g').attr('transform', 'translate(0,34)').call(d3.axisBottom(x).ticks(6));
      el.append(svg.node()!);
      el.append(
        h(
          'ul',
          { class: 'record-list' },
          ...records.map((r) =>
            h(
              'li',
              { class: `record sev-${r.severity ?? 'none'}` },
              h('span', { class: 'mono' }, r.actDate ?? '—'),
              h('strong', {}, tv('category', r.category)),
              r.title ? h('span', {}, r.title) : null,
              h('span', { class: 'tag' }, tv('severity', r.severity)),
              h('span', { class: `tag status-${r.status ?? 'active'}` }, tv('status', r.status ?? 'active')),
              r.authority ? h('span', { class: 'muted' }, r.authority) : null,
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
