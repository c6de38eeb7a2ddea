/**
 * Network explorer: starts from a subject, expands/collapses on double-click, filters by relationship type and
 * hop count, replays the graph as of a past date, colours nodes by stored risk class, highlights detector
 * findings, shows hover cards and exports PNG/SVG/JSON.
 */
import { api } from '../api/client.ts';
import { type Detector, RELATION_TYPES, type RelationType } from '../api/types.ts';
import { download } from '../graph/export.ts';
import {
  collapse,
  expand,
  fromNetwork,
  type GEdge,
  type GNode,
  type GraphState,
  visibleGraph,
} from '../graph/model.ts';
import { createNetworkView, type NetworkView } from '../graph/network-view.ts';
import { CLASS_COLOURS, EDGE_COLOURS, HIGHLIGHT } from '../graph/scene.ts';
import { fmtAmount, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { classBadge, emptyState, errorState, h, isAbort, subjectLabel, type View } from '../ui/dom.ts';
import { createSubjectPicker } from '../ui/subject-picker.ts';

const DAY = 86_400_000;
const SLIDER_START = Date.UTC(2010, 0, 1);
const DETECTORS: Detector[] = ['circular-shareholding', 'guarantee-circles'];

const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const todayIso = () => isoOf(Date.now());

export function edgeLabel(e: GEdge): string {
  if (e.type === 'SHAREHOLDER' && e.stakePct !== undefined) return `${e.stakePct}%`;
  if (e.type === 'OFFICER') return tv('role', e.role ?? 'other_senior_manager');
  if (e.type === 'GUARANTEE' && e.amount !== undefined) return fmtAmount(e.amount);
  return tv('rel', e.type);
}

export function createNetworkPage(): View<{ id: string | null; asOf?: string | null }> {
  const el = h('div', { class: 'page page-network' });
  let view: NetworkView | null = null;
  let picker: View<null> | null = null;
  let state: GraphState | null = null;
  let root: string | null = null;
  let depth = 1;
  let asOf: string | null = null;
  let detector: Detector | null = null;
  const types = new Set<RelationType>(RELATION_TYPES);
  const riskClasses = new Map<string, string | null>();
  let highlightNodes = new Set<string>();
  let highlightEdges = new Set<string>();
  let detectorMembers: string[][] = [];
  const expandedOrder: string[] = [];
  let ctl = new AbortController();

  const status = h('div', { class: 'net-status', id: 'net-status', 'aria-live': 'polite' });
  const progress = h('div', { class: 'progress', hidden: true }, h('div', { class: 'progress-bar' }));
  const stage = h('div', { class: 'net-stage' });
  const hover = h('div', { class: 'hover-card', id: 'hover-card', hidden: true });
  const detectorNote = h('div', { class: 'muted', id: 'detector-note' });

  // ----- controls -----
  const hopsSel = h('select', { id: 'hops-select' }, ...[1, 2, 3].map((n) => h('option', { value: n }, n)));
  hopsSel.addEventListener('change', () => {
    depth = Number(hopsSel.value);
    void reload();
  });
  const typeBoxes = RELATION_TYPES.map((type) => {
    const box = h('input', { type: 'checkbox', checked: true, 'data-type': type });
    box.addEventListener('change', () => {
      if (box.checked) types.add(type);
      else types.delete(type);
      render();
    });
    return h(
      'label',
      { class: 'type-toggle' },
      box,
      h('span', { class: 'swatch-line', style: `background:${EDGE_COLOURS[type]}` }),
      tv('rel', type),
    );
  });
  const totalDays = Math.floor((Date.now() - SLIDER_START) / DAY);
  const slider = h('input', {
    type: 'range',
    id: 'asof-slider',
    min: 0,
    max: totalDays,
    value: totalDays,
    step: 1,
  });
  const sliderLabel = h('span', { class: 'mono', id: 'asof-label' }, t('network.today'));
  const dateOfSlider = () =>
    Number(slider.value) >= totalDays ? null : isoOf(SLIDER_START + Number(slider.value) * DAY);
  slider.addEventListener('input', () => {
    sliderLabel.textContent = dateOfSlider() ?? t('network.today');
  });
  slider.addEventListener('change', () => {
    asOf = dateOfSlider();
    void reload();
  });
  const todayBtn = h('button', { class: 'btn small', type: 'button' }, t('network.today'));
  todayBtn.addEventListener('click', () => {
    slider.value = String(totalDays);
    sliderLabel.textContent = t('network.today');
    asOf = null;
    void reload();
  });
  const detectorSel = h(
    'select',
    { id: 'detector-select' },
    h('option', { value: '' }, t('network.highlightNone')),
    ...DETECTORS.map((d) => h('option', { value: d }, tv('detector', d))),
  );
  detectorSel.addEventListener('change', () => {
    detector = (detectorSel.value || null) as Detector | null;
    void loadDetector();
  });
  const exportBtn = (label: string, fn: () => void | Promise<void>) =>
    h(
      'button',
      { class: 'btn small', type: 'button', 'data-export': label, onclick: () => void fn() },
      label,
    );
  const exports = h(
    'span',
    { class: 'exports' },
    `${t('network.export')}: `,
    exportBtn('PNG', async () => {
      if (view) download(`network-${root}.png`, await view.exportPng());
    }),
    exportBtn('SVG', () => {
      if (view) download(`network-${root}.svg`, view.exportSvg(), 'image/svg+xml');
    }),
    exportBtn('JSON', () => {
      if (!state) return;
      const g = visibleGraph(state, types);
      download(
        `network-${root}.json`,
        JSON.stringify({ asOf: asOf ?? todayIso(), ...g }, null, 2),
        'application/json',
      );
    }),
  );
  const controls = h(
    'div',
    { class: 'net-controls' },
    h('label', {}, `${t('network.hops')} `, hopsSel),
    h('div', { class: 'types' }, h('span', {}, `${t('network.types')}:`), ...typeBoxes),
    h('div', { class: 'asof' }, h('span', {}, `${t('network.asOf')}:`), slider, sliderLabel, todayBtn),
    h('label', {}, `${t('network.highlight')} `, detectorSel),
    exports,
  );
  const legend = h(
    'div',
    { class: 'legend', id: 'legend' },
    h('strong', {}, `${t('network.legend')}: `),
    ...(['A', 'B', 'C', 'D'] as const).map((c) =>
      h(
        'span',
        { class: 'legend-item' },
        h('span', { class: 'swatch', style: `background:${CLASS_COLOURS[c]}` }),
        t(`class.${c}`),
      ),
    ),
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'swatch', style: `background:${CLASS_COLOURS['?']}` }),
      t('network.classUnknown'),
    ),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch square' }), tv('kind', 'enterprise')),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch round' }), tv('kind', 'natural_person')),
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'swatch', style: `background:${HIGHLIGHT}` }),
      t('network.highlight'),
    ),
  );

  const busy = (text: string | null) => {
    progress.hidden = text === null;
    el.dataset.busy = text === null ? 'false' : 'true';
    if (text !== null) status.textContent = text;
  };

  const render = () => {
    if (!state || !view) return;
    hover.hidden = true;
    const graph = visibleGraph(state, types);
    const inGraph = new Set(graph.nodes.map((n) => n.id));
    highlightNodes = new Set();
    highlightEdges = new Set();
    let hits = 0;
    for (const members of detectorMembers) {
      if (!members.some((m) => inGraph.has(m))) continue;
      hits++;
      const set = new Set(members);
      for (const m of members) if (inGraph.has(m)) highlightNodes.add(m);
      for (const e of graph.edges) if (set.has(e.from) && set.has(e.to)) highlightEdges.add(e.key);
    }
    detectorNote.textContent = detector
      ? hits
        ? t('network.detectorHits', { n: hits, detector: tv('detector', detector) })
        : t('network.detectorNone', { detector: tv('detector', detector) })
      : '';
    view.update({
      graph,
      riskClasses,
      highlightNodes,
      highlightEdges,
      nodeLabel: (n) => subjectLabel(n),
      edgeLabel,
    });
    stage.querySelector('.state')?.remove();
    if (graph.edges.length === 0) stage.append(emptyState(t('network.empty')));
    status.textContent =
      t('network.nodes', { n: graph.nodes.length, e: graph.edges.length }) +
      (state.truncated ? t('network.truncated') : '') +
      ` · ${t('network.renderer', { mode: view.mode.toUpperCase() })}`;
    void loadClasses();
  };

  const loadClasses = async () => {
    if (!state) return;
    const missing = [...state.nodes.keys()].filter((id) => !riskClasses.has(id)).slice(0, 2000);
    if (missing.length === 0) return;
    try {
      const { items } = await api.summaries(missing, ctl.signal);
      for (const id of missing) riskClasses.set(id, null);
      for (const s of items) riskClasses.set(s.id, s.riskClass);
      if (items.some((s) => s.riskClass)) render();
    } catch {
      // colours are a nicety: the graph stays usable without them
    }
  };

  const loadDetector = async () => {
    detectorMembers = [];
    if (detector) {
      busy(t('common.loading'));
      try {
        const res = await api.detector(detector, asOf, ctl.signal);
        detectorMembers = res.items.map((i) => i.members);
      } catch (err) {
        if (!isAbort(err)) detectorNote.textContent = (err as Error).message;
      }
      busy(null);
    }
    render();
  };

  const reload = async () => {
    if (!root) return;
    ctl.abort();
    ctl = new AbortController();
    const signal = ctl.signal;
    busy(t('common.loading'));
    stage.querySelector('.state')?.remove();
    try {
      const net = await api.network(root, { depth, asOf }, signal);
      let next = fromNetwork(net);
      // Replay the user's expansions at the new date or depth.
      for (const id of expandedOrder) {
        if (!next.nodes.has(id) || id === root) continue;
        busy(t('network.expanding', { name: subjectLabel(next.nodes.get(id)!) }));
        next = expand(next, await api.network(id, { depth: 1, asOf }, signal), id);
      }
      state = next;
      busy(null);
      if (detector) await loadDetector();
      else render();
    } catch (err) {
      if (isAbort(err)) return;
      busy(null);
      status.textContent = '';
      stage.querySelector('.state')?.remove();
      stage.append(errorState(err, () => void reload()));
    }
  };

  const toggle = async (id: string) => {
    if (!state) return;
    const node = state.nodes.get(id);
    if (!node) return;
    if (node.expanded && id !== state.root) {
      state = collapse(state, id);
      expandedOrder.splice(expandedOrder.indexOf(id), 1);
      render();
      return;
    }
    if (id === state.root) return;
    busy(t('network.expanding', { name: subjectLabel(node) }));
    try {
      const net = await api.network(id, { depth: 1, asOf }, ctl.signal);
      state = expand(state, net, id);
      expandedOrder.push(id);
      busy(null);
      render();
    } catch (err) {
      busy(null);
      if (!isAbort(err)) status.textContent = t('common.error', { message: (err as Error).message });
    }
  };

  const showHover = (n: GNode | null, x: number, y: number) => {
    if (!n || !state) {
      hover.hidden = true;
      return;
    }
    const degree = [...state.edges.values()].filter((e) => e.from === n.id || e.to === n.id).length;
    hover.replaceChildren(
      h('div', { class: 'hover-title' }, classBadge(riskClasses.get(n.id) ?? null), subjectLabel(n)),
      h('div', {}, tv('kind', n.kind)),
      n.idMasked ? h('div', { class: 'mono' }, n.idMasked) : '',
      h('div', { class: 'muted' }, t('network.hoverStats', { hops: n.hops, links: degree })),
      h('div', { class: 'muted' }, n.expanded ? t('network.hoverCollapse') : t('network.hoverExpand')),
    );
    const rect = el.getBoundingClientRect();
    hover.style.left = `${x - rect.left + 14}px`;
    hover.style.top = `${y - rect.top + 14}px`;
    hover.hidden = false;
  };
  stage.addEventListener('dblclick', () => {
    hover.hidden = true;
  });

  const start = (id: string | null) => {
    view?.destroy();
    view = null;
    picker?.destroy();
    picker = null;
    state = null;
    root = id;
    expandedOrder.length = 0;
    el.replaceChildren();
    if (!id) {
      const p = createSubjectPicker('network-picker', t('search.placeholder'), (pick) => {
        location.hash = href.network(pick.id);
      });
      picker = p as unknown as View<null>;
      el.append(h('h2', {}, t('network.title')), emptyState(t('network.start')), p.el);
      return;
    }
    el.append(
      h(
        'div',
        { class: 'net-head' },
        h('h2', {}, t('network.title')),
        h('a', { href: href.subject(id) }, id),
      ),
      controls,
      h('p', { class: 'muted help' }, t('network.help')),
      h('div', { class: 'net-statusbar' }, status, progress, detectorNote),
      stage,
      legend,
      hover,
    );
    view = createNetworkView(stage, {
      onToggle: (nid) => void toggle(nid),
      onHover: showHover,
    });
    void reload();
  };

  return {
    el,
    update({ id, asOf: a }) {
      if (a) {
        asOf = a;
        const days = Math.round((Date.parse(a) - SLIDER_START) / DAY);
        slider.value = String(Math.max(0, Math.min(totalDays, days)));
        sliderLabel.textContent = a;
      }
      start(id);
    },
    destroy() {
      ctl.abort();
      view?.destroy();
      picker?.destroy();
      el.remove();
    },
  };
}
