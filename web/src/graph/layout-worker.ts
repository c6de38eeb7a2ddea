/// <reference lib="webworker" />
/** The force simulation for large graphs, off the main thread: posts positions after every tick. */
import { createLayout, type Layout } from './layout.ts';
import type { LayoutCommand } from './layout-engine.ts';

let layout: Layout | null = null;

self.onmessage = (ev: MessageEvent<LayoutCommand>) => {
  const cmd = ev.data;
  if (cmd.type === 'graph') {
    layout?.simulation.stop();
    layout = createLayout(cmd.nodes, cmd.links);
    const l = layout;
    l.simulation
      .on('tick', () => {
        const pos = l.positions();
        (self as unknown as Worker).postMessage({ type: 'tick', pos, alpha: l.simulation.alpha() }, [
          pos.buffer,
        ]);
      })
      .on('end', () => (self as unknown as Worker).postMessage({ type: 'end' }))
      .alpha(1)
      .restart();
    return;
  }
  if (!layout) return;
  if (cmd.type === 'pin') layout.pin(cmd.id, cmd.x, cmd.y);
  else if (cmd.type === 'unpin') layout.unpin(cmd.id);
  else if (cmd.type === 'unpinAll') layout.unpinAll();
  else if (cmd.type === 'stop') {
    layout.simulation.stop();
    return;
  }
  layout.simulation
    .alphaTarget(cmd.type === 'pin' ? 0.1 : 0)
    .alpha(Math.max(layout.simulation.alpha(), 0.15))
    .restart();
};
