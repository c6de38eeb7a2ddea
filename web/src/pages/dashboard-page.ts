/**
 * Dashboard (issue 8): one call to GET /api/v1/stats/overview for the chosen period, drawn as four charts — alerts
 * over time stacked by severity, the stored risk class distribution, measures applied by department and records by
 * category (in force / ended). Sections the role does not get (a bank: records and measures) say so.
 */
import { ApiError, dashboardApi } from '../api/client.ts';
import { ALERT_SEVERITIES, type Overview, type OverviewBucket } from '../api/types.ts';
import { createBarChart } from '../charts/bar-chart.ts';
import { createTimeSeriesChart } from '../charts/time-series-chart.ts';
import { lang, type MessageKey, t, tv } from '../i18n.ts';
import { emptyState, errorState, h, isAbort, loadingState, type View } from '../ui/dom.ts';

const BUCKETS: OverviewBucket[] = ['day', 'week', 'month'];
const PRESETS = [30, 90, 365] as const;
const DAY = 86_400_000;

/** Today in China (UTC+8), as YYYY-MM-DD. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** `query` may carry the period (`from`, `to`, `bucket`), kept in the address so a reload or language switch keeps it. */
export function createDashboardPage(query: URLSearchParams = new URLSearchParams()): View<never> {
  const isDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);
  const qTo = query.get('to');
  const qFrom = query.get('from');
  const qBucket = query.get('bucket') as OverviewBucket | null;
  const initialTo = isDay(qTo) ? qTo : chinaToday();
  const initialFrom = isDay(qFrom) ? qFrom : addDays(initialTo, -89);
  const initialBucket = qBucket && BUCKETS.includes(qBucket) ? qBucket : 'week';
  const to = h('input', { type: 'date', id: 'dash-to', value: initialTo });
  const from = h('input', { type: 'date', id: 'dash-from', value: initialFrom });
  const bucket = h(
    'select',
    { id: 'dash-bucket' },
    ...BUCKETS.map((b) =>
      h(
        'option',
        { value: b, ...(b === initialBucket ? { selected: 'selected' } : {}) },
        t(`dash.bucket.${b}` as MessageKey),
      ),
    ),
  );
  const presets = PRESETS.map((days) => {
    const b = h(
      'button',
      { class: 'btn', type: 'button', 'data-preset': String(days) },
      t(`dash.preset.${days}` as MessageKey),
    );
    b.addEventListener('click', () => {
      to.value = chinaToday();
      from.value = addDays(to.value, -(days - 1));
      bucket.value = days <= 30 ? 'day' : days <= 90 ? 'week' : 'month';
      void load();
    });
    return b;
  });
  const apply = h('button', { class: 'btn primary', type: 'submit', id: 'dash-apply' }, t('dash.apply'));
  const form = h(
    'form',
    { class: 'dash-controls', id: 'dash-controls' },
    h('span', { class: 'dash-label' }, t('dash.period')),
    ...presets,
    h('label', {}, t('dash.from'), from),
    h('label', {}, t('dash.to'), to),
    h('label', {}, t('dash.bucket'), bucket),
    apply,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });

  const status = h('div', { class: 'dash-status', id: 'dash-status' });
  const alertsChart = createTimeSeriesChart('dash-alerts-chart');
  const classChart = createBarChart('dash-class-chart');
  const measuresChart = createBarChart('dash-measures-chart');
  const recordsChart = createBarChart('dash-records-chart', { width: 1040 });
  const note = (id: string) => h('p', { class: 'dash-note', id });
  const alertsNote = note('dash-alerts-note');
  const classNote = note('dash-class-note');
  const measuresNote = note('dash-measures-note');
  const recordsNote = note('dash-records-note');
  const card = (id: string, title: MessageKey, noteEl: HTMLElement, body: HTMLElement, wide = false) =>
    h('section', { class: `dash-card${wide ? ' dash-wide' : ''}`, id }, h('h2', {}, t(title)), noteEl, body);
  const grid = h(
    'div',
    { class: 'dash-grid', id: 'dash-grid' },
    card('dash-alerts', 'dash.alerts', alertsNote, alertsChart.el, true),
    card('dash-classes', 'dash.classes', classNote, classChart.el),
    card('dash-measures', 'dash.measures', measuresNote, measuresChart.el),
    card('dash-records', 'dash.records', recordsNote, recordsChart.el, true),
  );
  const el = h(
    'div',
    { class: 'page dashboard-page', id: 'dashboard-page' },
    h('h1', {}, t('dash.title')),
    form,
    status,
    grid,
  );

  let controller: AbortController | null = null;

  function draw(o: Overview): void {
    const severities = [...ALERT_SEVERITIES];
    alertsNote.textContent = t('dash.alertsTotal', { n: String(o.alerts.total) });
    alertsChart.update({
      periods: o.alerts.series.map((s) => ({
        period: s.bucket,
        values: severities.map((sev) => s.counts[sev]),
      })),
      segments: severities.map((sev) => ({ key: sev, label: tv('alertSeverity', sev) })),
      empty: t('dash.empty'),
    });
    classNote.textContent = t(o.classes.scope === 'portfolio' ? 'dash.classesPortfolio' : 'dash.classesAll', {
      n: String(o.classes.total),
    });
    classChart.update({
      bars: (['A', 'B', 'C', 'D'] as const).map((c) => ({
        key: c,
        label: t(`class.${c}`),
        values: [o.classes.counts[c]],
      })),
      segments: [{ key: 'class', label: '' }],
      empty: t('dash.empty'),
    });
    classChart.el.querySelectorAll<SVGRectElement>('g.bar').forEach((g) => {
      g.querySelector('rect')?.classList.add(`seg-class-${g.dataset.key}`);
    });
    if (o.measures) {
      measuresNote.textContent = t('dash.measuresTotal', {
        n: String(o.measures.totals.total),
        inForce: String(o.measures.totals.in_force),
      });
      measuresChart.update({
        bars: o.measures.byDepartment.map((d) => ({
          key: d.department.zh,
          label: lang() === 'zh' ? d.department.zh : d.department.en,
          values: [d.counts.in_force + d.counts.suspended, d.counts.lifted + d.counts.withdrawn],
        })),
        segments: [
          { key: 'in-force', label: t('dash.inForce') },
          { key: 'ended', label: t('dash.ended') },
        ],
        empty: t('dash.empty'),
      });
    } else {
      measuresNote.textContent = '';
      measuresChart.el.replaceChildren(emptyState(t('dash.notForRole')));
    }
    if (o.records) {
      recordsNote.textContent = t('dash.recordsTotal', {
        n: String(o.records.total),
        inForce: String(o.records.inForce),
        ended: String(o.records.ended),
      });
      recordsChart.update({
        bars: o.records.byCategory.map((c) => ({
          key: c.category,
          label: tv('category', c.category),
          values: [c.inForce, c.ended],
        })),
        segments: [
          { key: 'in-force', label: t('dash.inForce') },
          { key: 'ended', label: t('dash.ended') },
        ],
        empty: t('dash.empty'),
      });
    } else {
      recordsNote.textContent = '';
      recordsChart.el.replaceChildren(emptyState(t('dash.notForRole')));
    }
  }

  async function load(): Promise<void> {
    controller?.abort();
    if (!from.value || !to.value || from.value > to.value) {
      status.replaceChildren(h('div', { class: 'state state-error', role: 'alert' }, t('dash.badPeriod')));
      return;
    }
    const period = new URLSearchParams({ from: from.value, to: to.value, bucket: bucket.value });
    history.replaceState(null, '', `#/dashboard?${period}`);
    const mine = new AbortController();
    controller = mine;
    status.replaceChildren(loadingState());
    grid.classList.add('loading');
    try {
      const o = await dashboardApi.overview(
        { from: from.value, to: to.value, bucket: bucket.value as OverviewBucket },
        mine.signal,
      );
      if (mine.signal.aborted) return;
      status.replaceChildren();
      draw(o);
      el.dataset.loaded = 'true';
    } catch (err) {
      if (isAbort(err)) return;
      status.replaceChildren(
        err instanceof ApiError && err.status === 400
          ? h('div', { class: 'state state-error', role: 'alert' }, t('dash.badPeriod'))
          : errorState(err, () => void load()),
      );
    } finally {
      if (controller === mine) grid.classList.remove('loading');
    }
  }

  void load();
  return {
    el,
    update() {},
    destroy() {
      controller?.abort();
      el.remove();
    },
  };
}
