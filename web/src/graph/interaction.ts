/**
 * DOM events on the graph surface → plain events: zoom/pan (d3-zoom), drag a node (pin), double-click a node
 * (toggle expansion) or the background (unpin all), hover. Hit-testing goes through a callback, so the same
 * code serves the SVG and the canvas renderer.
 */
import * as d3 from 'd3';
import type { ViewTransform } from './scene.ts';

export type GraphEvent =
  | { type: 'zoom'; transform: ViewTransform }
  | { type: 'drag'; index: number; x: number; y: number }
  | { type: 'dragend'; index: number }
  | { type: 'toggle'; index: number }
  | { type: 'unpinAll' }
  | { type: 'hover'; index: number; clientX: number; clientY: number };

export interface Interaction {
  /** Sets the view transform (fit to content) without a user gesture. */
  setTransform(tr: ViewTransform): void;
  destroy(): void;
}

export function attachInteraction(
  el: Element,
  hitTest: (gx: number, gy: number, k: number) => number,
  emit: (ev: GraphEvent) => void,
): Interaction {
  let tr = d3.zoomIdentity;
  const toGraph = (ev: { clientX: number; clientY: number }) => {
    const rect = el.getBoundingClientRect();
    const [gx, gy] = tr.invert([ev.clientX - rect.left, ev.clientY - rect.top]);
    return { gx, gy };
  };
  const hitAt = (ev: { clientX: number; clientY: number }) => {
    const { gx, gy } = toGraph(ev);
    return hitTest(gx, gy, tr.k);
  };
  const zoom = d3
    .zoom<Element, unknown>()
    .scaleExtent([0.05, 8])
    // Pointer-downs on a node start a node drag, not a pan.
    .filter((ev: Event) => {
      if (ev.type === 'wheel') return true;
      const me = ev as MouseEvent;
      return !me.button && hitAt(me) < 0;
    })
    .on('zoom', (ev: d3.D3ZoomEvent<Element, unknown>) => {
      tr = ev.transform;
      emit({ type: 'zoom', transform: { x: tr.x, y: tr.y, k: tr.k } });
    });
  const sel = d3.select(el);
  sel.call(zoom).on('dblclick.zoom', null);

  let dragging = -1;
  const down = (ev: PointerEvent) => {
    if (ev.button !== 0) return;
    const i = hitAt(ev);
    if (i < 0) return;
    dragging = i;
    (el as HTMLElement).setPointerCapture?.(ev.pointerId);
    ev.preventDefault();
  };
  const move = (ev: PointerEvent) => {
    if (dragging >= 0) {
      const { gx, gy } = toGraph(ev);
      emit({ type: 'drag', index: dragging, x: gx, y: gy });
      return;
    }
    emit({ type: 'hover', index: hitAt(ev), clientX: ev.clientX, clientY: ev.clientY });
  };
  const up = () => {
    if (dragging >= 0) emit({ type: 'dragend', index: dragging });
    dragging = -1;
  };
  const dbl = (ev: MouseEvent) => {
    const i = hitAt(ev);
    emit(i >= 0 ? { type: 'toggle', index: i } : { type: 'unpinAll' });
  };
  const leave = () => emit({ type: 'hover', index: -1, clientX: 0, clientY: 0 });
  el.addEventListener('pointerdown', down as EventListener);
  el.addEventListener('pointermove', move as EventListener);
  el.addEventListener('pointerup', up);
  el.addEventListener('pointerleave', leave);
  el.addEventListener('dblclick', dbl as EventListener);
  return {
    setTransform(next) {
      sel.call(zoom.transform, d3.zoomIdentity.translate(next.x, next.y).scale(next.k));
    },
    destroy() {
      sel.on('.zoom', null);
      el.removeEventListener('pointerdown', down as EventListener);
      el.removeEventListener('pointermove', move as EventListener);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('dblclick', dbl as EventListener);
    },
  };
}
