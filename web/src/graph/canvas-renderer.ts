/** Canvas rendering for large graphs: redraws the whole scene from state; labels only when zoomed in. */
import { EDGE_COLOURS, HIGHLIGHT, nodeColour, nodeRadius, type Scene, type ViewTransform } from './scene.ts';

export function drawScene(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  tr: ViewTransform,
  width: number,
  height: number,
  opts: { big: boolean; labels: boolean },
): void {
  const { nodes, edges, pos } = scene;
  ctx.save();
  ctx.fillStyle = '#fbfcfe';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(tr.x, tr.y);
  ctx.scale(tr.k, tr.k);
  ctx.lineWidth = 1 / tr.k;
  // Edges batched per colour: one path per type keeps 2,000+ edges cheap.
  const byType = new Map<string, number[]>();
  for (let i = 0; i < edges.length; i++) {
    const key = edges[i]!.highlighted ? '!' : edges[i]!.type;
    const list = byType.get(key);
    if (list) list.push(i);
    else byType.set(key, [i]);
  }
  for (const [type, list] of byType) {
    ctx.strokeStyle = type === '!' ? HIGHLIGHT : (EDGE_COLOURS[type] ?? '#999');
    ctx.globalAlpha = type === '!' ? 1 : 0.55;
    ctx.lineWidth = (type === '!' ? 3 : 1) / tr.k;
    ctx.beginPath();
    for (const i of list) {
      const e = edges[i]!;
      ctx.moveTo(pos[2 * e.s]!, pos[2 * e.s + 1]!);
      ctx.lineTo(pos[2 * e.t]!, pos[2 * e.t + 1]!);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const r = nodeRadius(n, opts.big);
    const x = pos[2 * i]!;
    const y = pos[2 * i + 1]!;
    ctx.beginPath();
    if (n.kind === 'natural_person') ctx.arc(x, y, r, 0, Math.PI * 2);
    else ctx.rect(x - r, y - r, 2 * r, 2 * r);
    ctx.fillStyle = nodeColour(n);
    ctx.fill();
    if (n.highlighted || n.isRoot || i === scene.hover || n.pinned) {
      ctx.lineWidth = (n.highlighted ? 3 : 2) / tr.k;
      ctx.strokeStyle = n.highlighted ? HIGHLIGHT : '#1b2333';
      ctx.stroke();
    }
  }
  if (opts.labels) {
    ctx.fillStyle = '#1b2333';
    ctx.font = `${12 / tr.k}px sans-serif`;
    ctx.textAlign = 'center';
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      ctx.fillText(n.label, pos[2 * i]!, pos[2 * i + 1]! + nodeRadius(n, opts.big) + 13 / tr.k);
    }
    ctx.fillStyle = '#4a5568';
    ctx.font = `${10 / tr.k}px sans-serif`;
    for (const e of edges) {
      if (!e.label) continue;
      ctx.fillText(e.label, (pos[2 * e.s]! + pos[2 * e.t]!) / 2, (pos[2 * e.s + 1]! + pos[2 * e.t + 1]!) / 2);
    }
  }
  ctx.restore();
}

export interface CanvasRenderer {
  readonly el: HTMLCanvasElement;
  draw(scene: Scene, tr: ViewTransform): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

export function createCanvasRenderer(width: number, height: number): CanvasRenderer {
  const el = document.createElement('canvas');
  el.className = 'graph-canvas';
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  let w = width;
  let h = height;
  const size = () => {
    el.width = Math.round(w * ratio);
    el.height = Math.round(h * ratio);
    el.style.width = `${w}px`;
    el.style.height = `${h}px`;
  };
  size();
  const ctx = el.getContext('2d')!;
  return {
    el,
    draw(scene, tr) {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawScene(ctx, scene, tr, w, h, {
        big: scene.nodes.length > 300,
        labels: tr.k > 1.6 || scene.nodes.length <= 300,
      });
    },
    resize(nw, nh) {
      w = nw;
      h = nh;
      size();
    },
    destroy() {
      el.remove();
    },
  };
}
