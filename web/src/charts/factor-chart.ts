/** Score factor breakdown: one horizontal bar per factor, points added (risk) or taken away (good credit). */
import * as d3 from 'd3';
import type { RiskFactor } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { emptyState, h, type View } from '../ui/dom.ts';

export function createFactorChart(): View<RiskFactor[]> {
  const el = h('div', { class: 'chart factor-chart', id: 'factor-chart' });
  return {
    el,
    update(factors) {
      el.replaceChildren();
      if (factors.length === 0 || factors.every((f) => f.contribution === 0)) {
        el.append(emptyState(t('subject.factorsEmpty')));
      }
      const width = 460;
      const row = 30;
      const left = 150;
      const height = Math.max(1, factors.length) * row + 24;
      const extent = Math.max(10, ...factors.map((f) => Math.abs(f.contribution)));
      const x = d3
        .scaleLinear()
        .domain([Math.min(0, ...factors.map((f) => f.contribution)), extent])
        .range([left, width - 40])
        .nice();
      const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('class', 'factor-svg');
      const g = svg
        .selectAll('g.bar')
        .data(factors)
        .join('g')
        .attr('class', 'bar')
        .attr('transform', (_, i) => `translate(0,${i * row})`);
      g.append('text')
        .attr('x', left - 8)
        .attr('y', row / 2 + 4)
        .attr('text-anchor', 'end')
        .text((f) => tv('factor', f.factor));
      g.append('rect')
        .attr('x', (f) => x(Math.min(0, f.contribution)))
        .attr('y', 6)
        .attr('height', row - 12)
        .attr('width', (f) => Math.max(1, Math.abs(x(f.contribution) - x(0))))
        .attr('class', (f) => (f.contribution < 0 ? 'bar-neg' : 'bar-pos'));
      g.append('text')
        .attr('class', 'bar-value')
        .attr('x', (f) => x(Math.max(0, f.contribution)) + 4)
        .attr('y', row / 2 + 4)
        .text((f) => f.contribution.toFixed(1));
      svg
        .append('g')
        .attr('transform', `translate(0,${factors.length * row})`)
        .call(d3.axisBottom(x).ticks(5));
      el.append(svg.node()!);
    },
    destroy() {
      el.remove();
    },
  };
}
