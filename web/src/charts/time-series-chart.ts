/** Counts per period as columns stacked by severity (alerts over time); quiet periods show as gaps on the axis. */
import * as d3 from 'd3';
import { emptyState, h, type View } from '../ui/dom.ts';
import { countTicks, legend } from './bar-chart.ts';

export interface TimeSeriesData {
  periods: Array<{ period: string; values: number[] }>;
  segments: Array<{ key: string; label: string }>;
  empty: string;
}

export function createTimeSeriesChart(id: string): View<TimeSeriesData> {
  const el = h('div', { class: 'chart time-chart', id });
  return {
    el,
    update({ periods, segments, empty }) {
      el.replaceChildren();
      const totals = periods.map((p) => d3.sum(p.values));
      if (periods.length === 0 || d3.sum(totals) === 0) {
        el.append(emptyState(empty));
        return;
      }
      const width = 1040;
      const height = 240;
      const margin = { top: 12, right: 12, bottom: 28, left: 36 };
      const x = d3
        .scaleBand()
        .domain(periods.map((p) => p.period))
        .range([margin.left, width - margin.right])
        .padding(0.15);
      const y = d3
        .scaleLinear()
        .domain([0, Math.max(1, ...totals)])
        .range([height - margin.bottom, margin.top])
        .nice();
      const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('class', 'time-svg');
      const col = svg
        .selectAll('g.col')
        .data(periods)
        .join('g')
        .attr('class', 'col')
        .attr('data-period', (p) => p.period)
        .attr('data-total', (p) => d3.sum(p.values));
      col
        .append('title')
        .text((p) => `${p.period}: ${p.values.map((v, i) => `${segments[i]?.label ?? i} ${v}`).join(' · ')}`);
      col.each(function (p) {
        let start = 0;
        p.values.forEach((v, i) => {
          if (v <= 0) return;
          d3.select(this)
            .append('rect')
            .attr('class', `seg seg-${segments[i]?.key ?? i}`)
            .attr('x', x(p.period)!)
            .attr('width', x.bandwidth())
            .attr('y', y(start + v))
            .attr('height', Math.max(1, y(start) - y(start + v)));
          start += v;
        });
      });
      // At most ~12 labels on the axis, whatever the number of periods.
      const every = Math.max(1, Math.ceil(periods.length / 12));
      svg
        .append('g')
        .attr('transform', `translate(0,${height - margin.bottom})`)
        .call(d3.axisBottom(x).tickValues(periods.filter((_, i) => i % every === 0).map((p) => p.period)));
      svg
        .append('g')
        .attr('transform', `translate(${margin.left},0)`)
        .call(d3.axisLeft(y).tickValues(countTicks(y)).tickFormat(d3.format('d')));
      el.append(svg.node()!, legend(segments));
    },
    destroy() {
      el.remove();
    },
  };
}
