/** SVG rendering for small graphs: elements joined once per scene, positions updated on every tick. */
import * as d3 from 'd3';
import {
  EDGE_COLOURS,
  HIGHLIGHT,
  nodeColour,
  nodeRadius,
  type Scene,
  type SceneEdge,
  type SceneNode,
  type ViewTransform,
} from './scene.ts';

export interface SvgRenderer {
  readonly el: SVGSVGElement;
  setScene(scene: Scene): void;
  draw(scene: Scene, tr: ViewTransform): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

export function createSvgRenderer(width: number, height: number): SvgRenderer {
  const svg = d3.create('svg').attr('class', 'graph-svg').attr('width', width).attr('height', height);
  svg
    .append('defs')
    .append('marker')
    .attr('id', 'arrow')
    .attr('viewBox', '0 -4 8 8')
    // Fixed size whatever the stroke width; the tip stops at the edge of a 12 px node.
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('refX', 22)
    .attr('markerWidth', 8)
    .attr('markerHeight', 8)
    .attr('orient', 'auto')
    .append('path')
    .attr('d', 'M0,-4L8,0L0,4')
    .attr('fill', '#7a8699');
  const viewport = svg.append('g').attr('class', 'viewport');
  const edgeLayer = viewport.append('g').attr('class', 'edges');
  const labelLayer = viewport.append('g').attr('class', 'edge-labels');
  const nodeLayer = viewport.append('g').attr('class', 'nodes');
  let edgeSel = edgeLayer.selectAll<SVGLineElement, SceneEdge>('line');
  let labelSel = labelLayer.selectAll<SVGTextElement, SceneEdge>('text');
  let nodeSel = nodeLayer.selectAll<SVGGElement, SceneNode>('g.node');
  /** Labels of parallel edges (legal representative and shareholder of the same company) are stacked. */
  let labelOffset = new Map<string, number>();

  return {
    el: svg.node()!,
    setScene(scene) {
      const perPair = new Map<string, number>();
      labelOffset = new Map();
      for (const e of scene.edges) {
        if (!e.label) continue;
        const pair = e.s < e.t ? `${e.s}-${e.t}` : `${e.t}-${e.s}`;
        const n = perPair.get(pair) ?? 0;
        perPair.set(pair, n + 1);
        labelOffset.set(e.key, n * 13);
      }
      edgeSel = edgeLayer
        .selectAll<SVGLineElement, SceneEdge>('line')
        .data(scene.edges, (e) => e.key)
        .join('line')
        .attr('stroke', (e) => (e.highlighted ? HIGHLIGHT : (EDGE_COLOURS[e.type] ?? '#999')))
        .attr('stroke-width', (e) => (e.highlighted ? 3 : 1.4))
        .attr('marker-end', 'url(#arrow)')
        .attr('data-type', (e) => e.type);
      labelSel = labelLayer
        .selectAll<SVGTextElement, SceneEdge>('text')
        .data(
          scene.edges.filter((e) => e.label),
          (e) => e.key,
        )
        .join('text')
        .attr('class', 'edge-label')
        .text((e) => e.label);
      nodeSel = nodeLayer
        .selectAll<SVGGElement, SceneNode>('g.node')
        .data(scene.nodes, (n) => n.id)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'node');
          g.append('path');
          g.append('text').attr('class', 'node-label').attr('text-anchor', 'middle');
          return g;
        })
        .attr('data-id', (n) => n.id)
        .classed('root', (n) => n.isRoot)
        .classed('highlighted', (n) => n.highlighted)
        .classed('pinned', (n) => n.pinned)
        .classed('expanded', (n) => n.expanded);
      nodeSel
        .select('path')
        .attr('d', (n) => {
          const r = nodeRadius(n, false);
          return n.kind === 'natural_person'
            ? `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`
            : `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}z`;
        })
        .attr('fill', nodeColour)
        .attr('stroke', (n) => (n.highlighted ? HIGHLIGHT : n.isRoot || n.pinned ? '#1b2333' : '#fff'))
        .attr('stroke-width', (n) => (n.highlighted ? 4 : 2))
        .attr('stroke-dasharray', (n) => (n.pinned ? '3,2' : null));
      nodeSel
        .select('text')
        .attr('y', (n) => nodeRadius(n, false) + 14)
        .text((n) => (n.label.length > 14 ? `${n.label.slice(0, 13)}…` : n.label));
    },
    draw(scene, tr) {
      const p = scene.pos;
      viewport.attr('transform', `translate(${tr.x},${tr.y}) scale(${tr.k})`);
      const index = new Map(scene.nodes.map((n, i) => [n.id, i]));
      edgeSel
        .attr('x1', (e) => p[2 * e.s]!)
        .attr('y1', (e) => p[2 * e.s + 1]!)
        .attr('x2', (e) => p[2 * e.t]!)
        .attr('y2', (e) => p[2 * e.t + 1]!);
      labelSel
        .attr('x', (e) => (p[2 * e.s]! + p[2 * e.t]!) / 2)
        .attr('y', (e) => (p[2 * e.s + 1]! + p[2 * e.t + 1]!) / 2 - 3 + (labelOffset.get(e.key) ?? 0));
      nodeSel
        .attr('transform', (n) => {
          const i = index.get(n.id)!;
          return `translate(${p[2 * i]},${p[2 * i + 1]})`;
        })
        .classed('hover', (n) => index.get(n.id) === scene.hover);
    },
    resize(w, h) {
      svg.attr('width', w).attr('height', h);
    },
    destroy() {
      svg.remove();
    },
  };
}
