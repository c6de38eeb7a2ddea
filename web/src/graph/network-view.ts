/**
 * The network view: composes layout (inline or worker), rendering (SVG ≤ 300 nodes, canvas above) and
 * interaction. update(data) takes the visible graph and its decorations; positions and pins survive updates,
 * so an expansion grows the picture instead of redrawing it from scratch.
 */
import type { View } from '../ui/dom.ts';
import { createCanvasRenderer } from './canvas-renderer.ts';
import { sceneToPng, sceneToSvg } from './export.ts';
import { attachInteraction, type Interaction } from './interaction.ts';
import { createInlineEngine, createWorkerEngine, type LayoutEngine } from './layout-engine.ts';
import type { GNode, VisibleGraph } from './model.ts';
import { bounds, nodeRadius, type Scene, type ViewTransform } from './scene.ts';
import { createSvgRenderer } from './svg-renderer.ts';

/** Above this many nodes SVG stops being fluid: canvas rendering and the simulation in a worker. */
export const CANVAS_THRESHOLD = 300;

export interface NetworkViewData {
  graph: VisibleGraph;
  riskClasses: ReadonlyMap<string, string | null>;
  highlightNodes: ReadonlySet<string>;
  highlightEdges: ReadonlySet<string>;
  nodeLabel: (n: GNode) => string;
  edgeLabel: (e: VisibleGraph['edges'][number]) => string;
}

export interface NetworkViewEvents {
  onToggle(id: string): void;
  onHover(node: GNode | null, clientX: number, clientY: number): void;
}

export interface NetworkView extends View<NetworkViewData> {
  exportSvg(): string;
  exportPng(): Promise<Blob>;
  readonly mode: 'svg' | 'canvas' | 'none';
}

type Renderer = {
  el: Element;
  draw(scene: Scene, tr: ViewTransform): void;
  setScene?(scene: Scene): void;
  resize(w: number, h: number): void;
  destroy(): void;
};

export function createNetworkView(host: HTMLElement, events: NetworkViewEvents): NetworkView {
  const el = document.createElement('div');
  el.className = 'network-view';
  el.id = 'network-view';
  host.append(el);
  let mode: 'svg' | 'canvas' | 'none' = 'none';
  let renderer: Renderer | null = null;
  let engine: LayoutEngine | null = null;
  let interaction: Interaction | null = null;
  let data: NetworkViewData | null = null;
  let scene: Scene = { nodes: [], edges: [], pos: new Float32Array(0), hover: -1 };
  let tr: ViewTransform = { x: 0, y: 0, k: 1 };
  let autoFit = true;
  let fitting = false;
  let frame = 0;
  let ticks = 0;
  let updateStarted = 0;
  let firstDrawPending = false;
  let lastSignature = '';
  const positions = new Map<string, { x: number; y: number }>();
  const pinned = new Set<string>();

  const size = () => ({ w: Math.max(300, el.clientWidth || 800), h: Math.max(300, el.clientHeight || 560) });

  const requestDraw = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!renderer) return;
      renderer.draw(scene, tr);
      if (firstDrawPending) {
        firstDrawPending = false;
        const ms = performance.now() - updateStarted;
        el.dataset.firstRenderMs = ms.toFixed(1);
        performance.mark('network-first-render');
      }
    });
  };

  const fitToView = () => {
    const { w, h } = size();
    const b = bounds(scene.pos, 30);
    const k = Math.min(mode === 'svg' ? 1.3 : 2, Math.max(0.05, Math.min(w / b.w, h / b.h)));
    const next = { k, x: w / 2 - (b.x + b.w / 2) * k, y: h / 2 - (b.y + b.h / 2) * k };
    fitting = true;
    interaction?.setTransform(next);
    fitting = false;
    tr = next;
  };

  const onTick = (pos: Float32Array) => {
    if (pos.length !== scene.pos.length) return; // a tick from the previous graph
    scene.pos = pos;
    for (let i = 0; i < scene.nodes.length; i++)
      positions.set(scene.nodes[i]!.id, { x: pos[2 * i]!, y: pos[2 * i + 1]! });
    ticks++;
    if (autoFit && (ticks < 3 || ticks % 25 === 0)) fitToView();
    requestDraw();
  };

  const hitTest = (gx: number, gy: number, k: number): number => {
    const big = scene.nodes.length > CANVAS_THRESHOLD;
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = 0; i < scene.nodes.length; i++) {
      const dx = scene.pos[2 * i]! - gx;
      const dy = scene.pos[2 * i + 1]! - gy;
      const d = dx * dx + dy * dy;
      const r = nodeRadius(scene.nodes[i]!, big) + 4 / k;
      if (d <= r * r && d < bestD) {
        best = i;
        bestD = d;
      }
    }
    return best;
  };

  const setup = (next: 'svg' | 'canvas') => {
    if (mode === next) return;
    interaction?.destroy();
    renderer?.destroy();
    engine?.destroy();
    const { w, h } = size();
    renderer = next === 'svg' ? createSvgRenderer(w, h) : createCanvasRenderer(w, h);
    engine = next === 'svg' ? createInlineEngine() : createWorkerEngine();
    engine.onTick(onTick);
    engine.onEnd(() => {
      el.dataset.settled = 'true';
      if (autoFit) fitToView();
      requestDraw();
    });
    el.replaceChildren(renderer.el);
    mode = next;
    el.dataset.mode = next;
    interaction = attachInteraction(renderer.el, hitTest, (ev) => {
      if (!engine) return;
      if (ev.type === 'zoom') {
        tr = ev.transform;
        if (!fitting) autoFit = false;
        requestDraw();
      } else if (ev.type === 'drag') {
        const n = scene.nodes[ev.index];
        if (!n) return;
        pinned.add(n.id);
        n.pinned = true;
        scene.pos[2 * ev.index] = ev.x;
        scene.pos[2 * ev.index + 1] = ev.y;
        engine.pin(n.id, ev.x, ev.y);
        renderer?.setScene?.(scene);
        requestDraw();
      } else if (ev.type === 'dragend') {
        // stays pinned where it was dropped
      } else if (ev.type === 'toggle') {
        const n = data?.graph.nodes.find((g) => g.id === scene.nodes[ev.index]?.id);
        if (n) events.onToggle(n.id);
      } else if (ev.type === 'unpinAll') {
        pinned.clear();
        for (const n of scene.nodes) n.pinned = false;
        engine.unpinAll();
        renderer?.setScene?.(scene);
      } else if (ev.type === 'hover') {
        if (scene.hover !== ev.index) {
          scene.hover = ev.index;
          requestDraw();
        }
        const id = scene.nodes[ev.index]?.id;
        events.onHover(
          id ? (data?.graph.nodes.find((g) => g.id === id) ?? null) : null,
          ev.clientX,
          ev.clientY,
        );
      }
    });
  };

  const onResize = () => {
    const { w, h } = size();
    renderer?.resize(w, h);
    requestDraw();
  };
  window.addEventListener('resize', onResize);

  return {
    el,
    get mode() {
      return mode;
    },
    update(next) {
      updateStarted = performance.now();
      firstDrawPending = true;
      const settledBefore = el.dataset.settled ?? 'false';
      el.dataset.settled = 'false';
      data = next;
      const { graph } = next;
      el.dataset.nodes = String(graph.nodes.length);
      el.dataset.edges = String(graph.edges.length);
      if (graph.nodes.length === 0) {
        lastSignature = '';
        engine?.setGraph([], []);
        scene = { nodes: [], edges: [], pos: new Float32Array(0), hover: -1 };
        renderer?.setScene?.(scene);
        requestDraw();
        return;
      }
      setup(graph.nodes.length > CANVAS_THRESHOLD ? 'canvas' : 'svg');
      const signature = `${graph.nodes.map((n) => n.id).join(',')}|${graph.edges.map((e) => e.key).join(',')}`;
      if (signature === lastSignature) {
        // Same graph, new decorations (risk colours, highlights, language): redraw without restarting the layout.
        scene.nodes.forEach((sn, i) => {
          const n = graph.nodes[i]!;
          sn.label = next.nodeLabel(n);
          sn.riskClass = next.riskClasses.get(n.id) ?? null;
          sn.highlighted = next.highlightNodes.has(n.id);
          sn.expanded = n.expanded;
        });
        scene.edges.forEach((se, i) => {
          const e = graph.edges[i]!;
          se.label = next.edgeLabel(e);
          se.highlighted = next.highlightEdges.has(e.key);
        });
        el.dataset.settled = settledBefore;
        renderer?.setScene?.(scene);
        requestDraw();
        return;
      }
      lastSignature = signature;
      const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
      const spread = graph.nodes.length > CANVAS_THRESHOLD ? 5 : 30;
      const seeded = graph.nodes.map((n, i) => {
        const known = positions.get(n.id);
        const parent = n.addedBy ? positions.get(n.addedBy) : undefined;
        // New nodes start beside the node that brought them in, or on a golden-angle spiral.
        const at =
          known ??
          (parent
            ? { x: parent.x + (Math.random() - 0.5) * 60, y: parent.y + (Math.random() - 0.5) * 60 }
            : {
                x: spread * Math.sqrt(i + 0.5) * Math.cos(i * 2.399963),
                y: spread * Math.sqrt(i + 0.5) * Math.sin(i * 2.399963),
              });
        const p = pinned.has(n.id) && known ? { fx: known.x, fy: known.y } : {};
        return { id: n.id, x: at.x, y: at.y, ...p };
      });
      const pos = new Float32Array(graph.nodes.length * 2);
      seeded.forEach((s, i) => {
        pos[2 * i] = s.x;
        pos[2 * i + 1] = s.y;
      });
      scene = {
        nodes: graph.nodes.map((n) => ({
          id: n.id,
          label: next.nodeLabel(n),
          kind: n.kind,
          riskClass: next.riskClasses.get(n.id) ?? null,
          isRoot: n.id === graph.root,
          expanded: n.expanded,
          highlighted: next.highlightNodes.has(n.id),
          pinned: pinned.has(n.id),
        })),
        edges: graph.edges.map((e) => ({
          key: e.key,
          s: index.get(e.from)!,
          t: index.get(e.to)!,
          type: e.type,
          label: next.edgeLabel(e),
          highlighted: next.highlightEdges.has(e.key),
        })),
        pos,
        hover: -1,
      };
      renderer?.setScene?.(scene);
      ticks = 0;
      engine?.setGraph(
        seeded,
        graph.edges.map((e) => ({ source: e.from, target: e.to })),
      );
      if (positions.size === 0 || autoFit) fitToView();
      requestDraw();
    },
    exportSvg: () => sceneToSvg(scene),
    exportPng: () => sceneToPng(scene),
    destroy() {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', onResize);
      interaction?.destroy();
      engine?.destroy();
      renderer?.destroy();
      el.remove();
    },
  };
}
