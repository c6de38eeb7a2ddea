/**
 * Alert inbox (#/alerts[/id]?status=&severity=&rule=): filters, newest first, "load more" with the cursor, and
 * the detail panel of the alert picked. Picking an alert or changing a filter rewrites the address with
 * replaceState, so the list keeps its place and a reload comes back to the same view.
 */
import { workApi } from '../api/client.ts';
import { ALERT_RULES, ALERT_SEVERITIES, type Alert, type AlertFilters } from '../api/types.ts';
import { lang, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { createAlertDetail } from '../ui/alert-detail.ts';
import { alertStatusTag, severityBadge } from '../ui/badges.ts';
import { emptyState, h, isAbort, loadingState, type View } from '../ui/dom.ts';
import { fmtTime } from '../ui/format.ts';
import { workError } from '../ui/work-state.ts';

const UNRESOLVED = 'open,acknowledged,investigating';

function select(id: string, label: string, options: Array<[string, string]>, value: string) {
  const el = h(
    'select',
    { id },
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  return { el, label: h('label', { class: 'filter' }, label, el) };
}

export function createAlertsPage(): View<{ id: string | null; query: URLSearchParams }> {
  const statusSel = select(
    'alert-filter-status',
    t('alerts.status'),
    [
      ['', t('alerts.all')],
      [UNRESOLVED, t('alerts.unresolved')],
      ...(['open', 'acknowledged', 'investigating', 'confirmed', 'dismissed'] as const).map(
        (s): [string, string] => [s, tv('alertStatus', s)],
      ),
    ],
    '',
  );
  const severitySel = select(
    'alert-filter-severity',
    t('alerts.severity'),
    [['', t('alerts.all')], ...ALERT_SEVERITIES.map((s): [string, string] => [s, tv('alertSeverity', s)])],
    '',
  );
  const ruleSel = select(
    'alert-filter-rule',
    t('alerts.rule'),
    [['', t('alerts.all')], ...ALERT_RULES.map((r): [string, string] => [r, tv('rule', r)])],
    '',
  );
  const meta = h('div', { class: 'results-meta', id: 'alerts-meta' });
  const list = h('div', { class: 'alert-list', id: 'alert-list', 'aria-live': 'polite' });
  const more = h('div', { class: 'more-row' });
  let selected: string | null = null;
  const detail = createAlertDetail((a) => {
    const i = items.findIndex((x) => x.id === a.id);
    if (i >= 0) items[i] = a;
    renderList();
  });
  const el = h(
    'div',
    { class: 'page page-alerts' },
    h('h2', {}, t('alerts.title')),
    h('div', { class: 'filters' }, statusSel.label, severitySel.label, ruleSel.label),
    h('div', { class: 'work-split' }, h('div', { class: 'work-list' }, meta, list, more), detail.el),
  );
  let items: Alert[] = [];
  let cursor: string | null = null;
  let ctl: AbortController | null = null;

  const filters = (): AlertFilters => ({
    status: statusSel.el.value || undefined,
    severity: severitySel.el.value || undefined,
    rule: ruleSel.el.value || undefined,
  });
  const query = () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters())) if (v) q.set(k, v);
    return q;
  };
  const remember = () => history.replaceState(null, '', href.alerts(selected, query()));

  const row = (a: Alert) => {
    const item = h(
      'button',
      {
        type: 'button',
        class: `alert-item${a.id === selected ? ' selected' : ''}`,
        'data-id': a.id,
        'data-rule': a.rule,
        'data-status': a.status,
      },
      h(
        'div',
        { class: 'alert-item-head' },
        severityBadge(a.severity),
        h('strong', {}, tv('rule', a.rule)),
        alertStatusTag(a.status),
      ),
      h('div', { class: 'alert-item-msg' }, lang() === 'zh' ? a.message.zh : a.message.en),
      h(
        'div',
        { class: 'muted alert-item-meta' },
        `${fmtTime(a.createdAt)}${a.assignee ? ` · ${t('alerts.assignee')}: ${a.assignee}` : ''}`,
      ),
    );
    item.addEventListener('click', () => open(a.id));
    return item;
  };

  const renderList = () => {
    if (items.length === 0) {
      meta.textContent = '';
      list.replaceChildren(emptyState(t('alerts.empty')));
    } else {
      meta.textContent = t(cursor ? 'alerts.countMore' : 'alerts.count', { n: items.length });
      list.replaceChildren(...items.map(row));
    }
    more.replaceChildren();
    if (cursor) {
      const btn = h('button', { class: 'btn', id: 'alerts-more', type: 'button' }, t('common.loadMore'));
      btn.addEventListener('click', () => void fetchPage(true));
      more.append(btn);
    }
  };

  const fetchPage = async (append: boolean) => {
    ctl?.abort();
    const c = new AbortController();
    ctl = c;
    if (append) more.replaceChildren(loadingState());
    else {
      list.replaceChildren(loadingState());
      more.replaceChildren();
      meta.textContent = '';
    }
    try {
      const res = await workApi.alerts(filters(), append ? cursor : null, c.signal);
      items = append ? [...items, ...res.items] : res.items;
      cursor = res.nextCursor;
      renderList();
    } catch (err) {
      if (isAbort(err)) return;
      const target = append ? more : list;
      target.replaceChildren(workError(err, () => void fetchPage(append)));
    }
  };

  const open = (id: string | null) => {
    selected = id;
    for (const b of list.querySelectorAll<HTMLElement>('.alert-item'))
      b.classList.toggle('selected', b.dataset.id === id);
    detail.update(id);
    remember();
  };

  for (const s of [statusSel.el, severitySel.el, ruleSel.el])
    s.addEventListener('change', () => {
      remember();
      void fetchPage(false);
    });

  return {
    el,
    update({ id, query: q }) {
      statusSel.el.value = q.get('status') ?? '';
      severitySel.el.value = q.get('severity') ?? '';
      ruleSel.el.value = q.get('rule') ?? '';
      selected = id;
      detail.update(id);
      void fetchPage(false);
    },
    destroy() {
      ctl?.abort();
      detail.destroy();
      el.remove();
    },
  };
}
