/**
 * Force layout, pure and worker-safe (d3-force only, no DOM): positions as a flat Float32Array [x0, y0, x1, …]
 * aligned with the node order given. Runs on the main thread for small graphs and inside layout-worker.ts for
 * large ones (d3-force docs: run big simulations off the main thread).
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation } from 'd3';

export interface LayoutNode {
  id: string;
  x?: number;
  y?: number;
  fx?: number | null;
  fy?: number | null;
}
export interface LayoutLink {
  source: string;
  target: string;
}

export interface Layout {
  readonly simulation: Simulation<LayoutNode, undefined>;
  readonly nodes: LayoutNode[];
  positions(): Float32Array;
  pin(id: string, x: number, y: number): void;
  unpin(id: string): void;
  unpinAll(): void;
}

/** Strength and distances tuned down as the graph grows, so 2,000 nodes settle in a few seconds. */
export function createLayout(input: LayoutNode[], links: LayoutLink[]): Layout {
  const nodes = input.map((n, i) => {
    const angle = i * 2.399963; // golden angle: a spread start avoids the initial explosion
    const r = 12 * Math.sqrt(i + 1);
    return { ...n, x: n.x ?? r * Math.cos(angle), y: n.y ?? r * Math.sin(angle) };
  });
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const big = nodes.length > 300;
  const simulation = forceSimulation<LayoutNode>(nodes)
    .force(
      'link',
      forceLink<LayoutNode, { source: string | LayoutNode; target: string | LayoutNode }>(
        links.filter((l) => byId.has(l.source) && byId.has(l.target)).map((l) => ({ ...l })),
      )
        .id((d) => d.id)
        .distance(big ? 30 : 130)
        .strength(0.6),
    )
    .force(
      'charge',
      forceManyBody<LayoutNode>()
        .strength(big ? -40 : -320)
        .theta(big ? 1.2 : 0.9),
    )
    .force('x', forceX(0).strength(big ? 0.06 : 0.03))
    .force('y', forceY(0).strength(big ? 0.06 : 0.03))
    .force('collide', forceCollide(big ? 6 : 26))
    .alphaDecay(big ? 0.03 : 0.0228)
    .stop();
  const buf = new Float32Array(nodes.length * 2);
  return {
    simulation,
    nodes,
    positions() {
      for (let i = 0; i < nodes.length; i++) {
        buf[2 * i] = nodes[i]!.x ?? 0;
        buf[2 * i + 1] = nodes[i]!.y ?? 0;
      }
      return buf.slice();
    },
    pin(id, x, y) {
      const n = nodes[byId.get(id) ?? -1];
      if (n) {
        n.fx = x;
        n.fy = y;
      }
    },
    unpin(id) {
      const n = nodes[byId.get(id) ?? -1];
      if (n) {
        n.fx = null;
        n.fy = null;
      }
    },
    unpinAll() {
      for (const n of nodes) {
        n.fx = null;
        n.fy = null;
      }
    },
  };
}
