/**
 * Horizontal bars, each split into stacked segments (in force / ended, one class per bar…), with the total at the
 * bar's end and a legend. Drawn from data only: `update` replaces the SVG. The label column is as wide as the
 * longest label needs (within limits; longer ones are cut with the full text in the tooltip), and the axis shows
 * whole numbers only.
 */
import * as d3 from 'd3';
import { emptyState, h, type View } from '../ui/dom.ts';

export interface BarDatum {
  key: string;
  label: string;
  /** Segment values in the order of the chart's `segments`. */
  values: number[];
}
export interface BarChartData {
  bars: BarDatum[];
  /** Segment keys (used as CSS classes `seg-{key}`) with their legend labels. */
  segments: Array<{ key: string; label: string }>;
  empty: string;
}

/** Rough width in px of a label at the charts' 11px font: CJK characters are square, Latin ones about half. */
export const labelWidth = (s: string): number =>
  [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 11 : 6.2), 0);

/** `s` cut (with an ellipsis) to fit `max` px. */
export function fitLabel(s: string, max: number): string {
  if (labelWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (labelWidth(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** Whole-number ticks (counts): never 0, 0, 1, 1 on a small domain. */
export const countTicks = (scale: d3.ScaleLinear<number, number>, n = 5): number[] =>
  scale.ticks(Math.min(n, Math.max(1, scale.domain()[1] ?? 1))).filter(Number.isInteger);

/** `width` is the drawing's own width (its viewBox): 520 for a half-width card, ~1040 for a full-width one. */
export function createBarChart(id: string, opts: { width?: number } = {}): View<BarChartData> {
  const el = h('div', { class: 'chart bar-chart', id });
  const width = opts.width ?? 520;
  return {
    el,
    update({ bars, segments, empty }) {
      el.replaceChildren();
      const totals = bars.map((b) => d3.sum(b.values));
      if (bars.length === 0 || d3.sum(totals) === 0) {
        el.append(emptyState(empty));
        return;
      }
      const row = 28;
      const left = Math.round(
        Math.min(width * 0.45, Math.max(60, ...bars.map((b) => labelWidth(b.label) + 14))),
      );
      const height = bars.length * row + 24;
      const x = d3
        .scaleLinear()
        .domain([0, Math.max(1, ...totals)])
        .range([left, width - 48])
        .nice();
      const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('class', 'bar-svg');
      const g = svg
        .selectAll('g.bar')
        .data(bars)
        .join('g')
        .attr('class', 'bar')
        .attr('data-key', (b) => b.key)
        .attr('transform', (_, i) => `translate(0,${i * row})`);
      g.append('title').text((b) => `${b.label}: ${d3.sum(b.values)}`);
      g.append('text')
        .attr('class', 'bar-label')
        .attr('x', left - 8)
        .attr('y', row / 2 + 4)
        .attr('text-anchor', 'end')
        .text((b) => fitLabel(b.label, left - 12));
      g.each(function (b) {
        let start = 0;
        b.values.forEach((v, i) => {
          if (v <= 0) return;
          d3.select(this)
            .append('rect')
            .attr('class', `seg seg-${segments[i]?.key ?? i}`)
            .attr('x', x(start))
            .attr('y', 5)
            .attr('height', row - 10)
            .attr('width', Math.max(1, x(start + v) - x(start)));
          start += v;
        });
      });
      g.append('text')
        .attr('class', 'bar-value')
        .attr('x', (b) => x(d3.sum(b.values)) + 4)
        .attr('y', row / 2 + 4)
        .text((b) => String(d3.sum(b.values)));
      svg
        .append('g')
        .attr('transform', `translate(0,${bars.length * row})`)
        .call(d3.axisBottom(x).tickValues(countTicks(x)).tickFormat(d3.format('d')));
      el.append(svg.node()!);
      if (segments.length > 1) el.append(legend(segments));
    },
    destroy() {
      el.remove();
    },
  };
}

export function legend(segments: Array<{ key: string; label: string }>): HTMLElement {
  return h(
    'div',
    { class: 'chart-legend' },
    ...segments.map((s) =>
      h('span', { class: 'legend-item' }, h('i', { class: `swatch seg-${s.key}` }), s.label),
    ),
  );
}
