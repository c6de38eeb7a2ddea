/**
 * One interface over the two ways of running the layout: inline (main thread, small graphs) and in a Web Worker
 * (large graphs). Both report positions as a Float32Array aligned with the node order of setGraph.
 */
import { createLayout, type Layout, type LayoutLink, type LayoutNode } from './layout.ts';

export type LayoutCommand =
  | { type: 'graph'; nodes: LayoutNode[]; links: LayoutLink[] }
  | { type: 'pin'; id: string; x: number; y: number }
  | { type: 'unpin'; id: string }
  | { type: 'unpinAll' }
  | { type: 'stop' };

export interface LayoutEngine {
  setGraph(nodes: LayoutNode[], links: LayoutLink[]): void;
  pin(id: string, x: number, y: number): void;
  unpin(id: string): void;
  unpinAll(): void;
  onTick(fn: (pos: Float32Array) => void): void;
  onEnd(fn: () => void): void;
  destroy(): void;
}

export function createInlineEngine(): LayoutEngine {
  let layout: Layout | null = null;
  let tick: (pos: Float32Array) => void = () => {};
  let end: () => void = () => {};
  const kick = (target = 0) =>
    layout?.simulation.alphaTarget(target).alpha(Math.max(layout.simulation.alpha(), 0.15)).restart();
  return {
    setGraph(nodes, links) {
      layout?.simulation.stop();
      layout = createLayout(nodes, links);
      const l = layout;
      l.simulation
        .on('tick', () => tick(l.positions()))
        .on('end', () => end())
        .alpha(1)
        .restart();
    },
    pin(id, x, y) {
      layout?.pin(id, x, y);
      kick(0.1);
    },
    unpin(id) {
      layout?.unpin(id);
      kick();
    },
    unpinAll() {
      layout?.unpinAll();
      kick();
    },
    onTick: (fn) => {
      tick = fn;
    },
    onEnd: (fn) => {
      end = fn;
    },
    destroy() {
      layout?.simulation.stop();
      layout = null;
    },
  };
}

export function createWorkerEngine(): LayoutEngine {
  const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  let tick: (pos: Float32Array) => void = () => {};
  let end: () => void = () => {};
  worker.onmessage = (ev: MessageEvent<{ type: 'tick'; pos: Float32Array } | { type: 'end' }>) => {
    if (ev.data.type === 'tick') tick(ev.data.pos);
    else end();
  };
  const send = (cmd: LayoutCommand) => worker.postMessage(cmd);
  return {
    setGraph: (nodes, links) => send({ type: 'graph', nodes, links }),
    pin: (id, x, y) => send({ type: 'pin', id, x, y }),
    unpin: (id) => send({ type: 'unpin', id }),
    unpinAll: () => send({ type: 'unpinAll' }),
    onTick: (fn) => {
      tick = fn;
    },
    onEnd: (fn) => {
      end = fn;
    },
    destroy() {
      send({ type: 'stop' });
      worker.terminate();
    },
  };
}
