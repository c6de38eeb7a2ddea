/**
 * Credit-office queues (#/queues?tab=objections|repairs&status=): objections raised against records and credit
 * repair applications, newest first, filtered by status, "load more" with the cursor. Each item links to its
 * subject; roles with 'punishment:decide' open a decision form on it (outcome or step, a required reason, the
 * signed-in account as the one deciding), which shows progress, then the new status or the API's refusal.
 */
import { ApiError, queuesApi } from '../api/client.ts';
import { can, currentSession } from '../api/session.ts';
import {
  type CorrectionFields,
  OBJECTION_STATUSES,
  type ObjectionItem,
  type ObjectionOutcome,
  REPAIR_ACTIONS,
  REPAIR_STATUSES,
  type RepairAction,
  type RepairItem,
} from '../api/types.ts';
import { type MessageKey, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { emptyState, h, isAbort, loadingState, subjectLabel, type View } from '../ui/dom.ts';
import { fmtDate } from '../ui/format.ts';
import { workError } from '../ui/work-state.ts';

export type QueueTab = 'objections' | 'repairs';
type Item = ObjectionItem | RepairItem;

const OUTCOMES: readonly ObjectionOutcome[] = ['upheld', 'corrected', 'revoked'];
const SEVERITIES = ['minor', 'general', 'serious'] as const;
/** The status each tab opens with: what is still to decide. */
const PENDING: Record<QueueTab, string> = { objections: 'open', repairs: 'pending' };

const isRepair = (i: Item): i is RepairItem => 'applicant' in i;
const statusLabel = (i: Item) => (isRepair(i) ? tv('repStatus', i.status) : tv('objStatus', i.status));
/** The choices open on an item now: objection outcomes while open, the repair steps its state allows. */
const choicesOf = (i: Item): readonly string[] =>
  isRepair(i) ? REPAIR_ACTIONS[i.status] : i.status === 'open' ? OUTCOMES : [];
const choiceLabel = (i: Item, c: string) => (isRepair(i) ? tv('repAction', c) : tv('outcome', c));

function statusSelect(tab: QueueTab, value: string): HTMLSelectElement {
  const options: Array<[string, string]> =
    tab === 'objections'
      ? [
          ['open', t('queues.pending')],
          ['', t('queues.all')],
          ...OBJECTION_STATUSES.filter((s) => s !== 'open').map((s): [string, string] => [
            s,
            tv('objStatus', s),
          ]),
        ]
      : [
          ['pending', t('queues.pending')],
          ['', t('queues.all')],
          ...REPAIR_STATUSES.map((s): [string, string] => [s, tv('repStatus', s)]),
        ];
  return h(
    'select',
    { id: 'queue-filter-status' },
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
}

export function createQueuesPage(): View<{ query: URLSearchParams }> {
  const canDecide = can('punishment:decide');
  const me = currentSession()?.account.username ?? '';
  let tab: QueueTab = 'objections';
  let status = PENDING.objections;
  let items: Item[] = [];
  let cursor: string | null = null;
  let ctl: AbortController | null = null;
  /** Outcome notices kept across re-renders of a row (id → success text). */
  const notices = new Map<string, string>();

  const tabButton = (name: QueueTab) => {
    const b = h(
      'button',
      { type: 'button', role: 'tab', class: 'tab', id: `queues-tab-${name}`, 'data-tab': name },
      t(`queues.tab.${name}` as MessageKey),
    );
    b.addEventListener('click', () => {
      if (tab === name) return;
      tab = name;
      status = PENDING[name];
      renderControls();
      remember();
      void fetchPage(false);
    });
    return b;
  };
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist', id: 'queues-tabs' },
    tabButton('objections'),
    tabButton('repairs'),
  );
  const filterSlot = h('div', { class: 'filters', id: 'queues-filters' });
  const meta = h('div', { class: 'results-meta', id: 'queues-meta' });
  const list = h('div', { class: 'queue-list', id: 'queue-list', 'aria-live': 'polite' });
  const more = h('div', { class: 'more-row' });
  const el = h(
    'div',
    { class: 'page page-queues', id: 'queues-page' },
    h('h2', {}, t('queues.title')),
    h('p', { class: 'work-hint' }, t('queues.intro')),
    canDecide ? null : h('p', { class: 'notice', id: 'queues-read-only' }, t('queues.readOnly')),
    tabs,
    filterSlot,
    meta,
    list,
    more,
  );

  const query = () => {
    const q = new URLSearchParams();
    if (tab !== 'objections') q.set('tab', tab);
    if (status !== PENDING[tab]) q.set('status', status || 'all');
    return q;
  };
  const remember = () => history.replaceState(null, '', href.queues(query()));

  function renderControls() {
    for (const b of tabs.querySelectorAll<HTMLButtonElement>('.tab')) {
      const on = b.dataset.tab === tab;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', String(on));
    }
    const sel = statusSelect(tab, status);
    sel.addEventListener('change', () => {
      status = sel.value;
      remember();
      void fetchPage(false);
    });
    filterSlot.replaceChildren(h('label', { class: 'filter' }, t('queues.status'), sel));
  }

  const row = (item: Item): HTMLElement => {
    const r = item.record;
    const repair = isRepair(item);
    const message = h('div', { class: 'work-message queue-message', role: 'status' });
    const notice = notices.get(item.id);
    if (notice) message.replaceChildren(h('div', { class: 'notice ok' }, notice));
    const choices = choicesOf(item);
    const decideSlot = h('div', { class: 'queue-decide' });
    if (canDecide && choices.length > 0) {
      const open = h(
        'button',
        { type: 'button', class: 'btn primary small queue-decide-open', 'data-decide': item.id },
        t('queues.decide'),
      );
      open.addEventListener('click', () => {
        decideSlot.replaceChildren(decisionForm(item, message, () => decideSlot.replaceChildren(open)));
        decideSlot.querySelector<HTMLElement>('input, textarea')?.focus();
      });
      decideSlot.append(open);
    } else if (canDecide) {
      decideSlot.append(h('span', { class: 'muted' }, t('queues.nothingToDecide')));
    }
    return h(
      'article',
      {
        class: 'queue-item',
        'data-id': item.id,
        'data-status': item.status,
        'data-record': r.id,
        'data-record-status': r.status,
      },
      h(
        'div',
        { class: 'queue-item-head' },
        h(
          'a',
          { class: 'queue-subject', href: href.subject(item.subject.id), 'data-subject': item.subject.id },
          subjectLabel(item.subject),
        ),
        h('span', { class: 'muted' }, tv('kind', item.subject.kind)),
        h(
          'span',
          { class: `tag queue-status qs-${item.status}`, 'data-status': item.status },
          statusLabel(item),
        ),
      ),
      h(
        'div',
        { class: 'queue-record' },
        h('span', { class: 'muted' }, t('queues.record')),
        r.title ? h('strong', {}, r.title) : null,
        h('span', { class: r.title ? 'mono muted' : 'mono' }, r.id),
        h('span', { class: 'tag' }, tv('category', r.category)),
        h('span', { class: `tag qsev-${r.severity}` }, tv('severity', r.severity)),
        r.authority ? h('span', {}, r.authority) : null,
        h('span', { class: 'muted' }, t('queues.decisionDate', { date: r.decisionDate })),
        h(
          'span',
          { class: 'queue-record-status' },
          `${t('queues.recordStatus')}: `,
          h('span', { class: `tag rs-${r.status}`, 'data-record-status': r.status }, tv('status', r.status)),
        ),
      ),
      h(
        'div',
        { class: 'queue-filed muted' },
        repair
          ? t('queues.appliedBy', { who: item.applicant || '—', date: item.submittedOn })
          : t('queues.filedBy', { who: item.submittedBy || '—', date: item.submittedOn }),
        repair && item.eligibleFrom ? ` · ${t('queues.eligibleFrom', { date: item.eligibleFrom })}` : '',
      ),
      h('blockquote', { class: 'queue-reason' }, item.reason),
      item.decided
        ? h(
            'div',
            { class: 'queue-decided' },
            h(
              'div',
              {},
              t('queues.lastDecision', {
                action: tv('decision', item.decided.action),
                by: item.decided.by,
                on: fmtDate(item.decided.on),
              }),
            ),
            h('div', { class: 'muted' }, `“${item.decided.reason}”`),
          )
        : null,
      decideSlot,
      message,
    );
  };

  /** The decision form of one item; `close` puts the "Decide" button back. */
  function decisionForm(item: Item, message: HTMLElement, close: () => void): HTMLElement {
    const choices = choicesOf(item);
    const name = `queue-choice-${item.id}`;
    const radios = choices.map((c) =>
      h('input', { type: 'radio', name, value: c, checked: choices.length === 1, 'data-choice': c }),
    );
    const r = item.record;
    const severity = h(
      'select',
      { 'data-field': 'severity' },
      ...SEVERITIES.map((s) => h('option', { value: s, selected: s === r.severity }, tv('severity', s))),
    );
    const actDate = h('input', {
      type: 'date',
      class: 'text-input',
      value: r.actDate,
      'data-field': 'actDate',
    });
    const decisionDate = h('input', {
      type: 'date',
      class: 'text-input',
      value: r.decisionDate,
      'data-field': 'decisionDate',
    });
    const authority = h('input', {
      class: 'text-input',
      value: r.authority ?? '',
      'data-field': 'authority',
    });
    const title = h('input', { class: 'text-input', value: r.title ?? '', 'data-field': 'title' });
    const field = (key: MessageKey, input: HTMLElement) => h('label', { class: 'filter' }, t(key), input);
    const correction = h(
      'div',
      { class: 'queue-correction', hidden: true },
      h('p', { class: 'work-hint' }, t('queues.correctHint')),
      h(
        'div',
        { class: 'queue-correction-fields' },
        field('queues.field.severity', severity),
        field('queues.field.actDate', actDate),
        field('queues.field.decisionDate', decisionDate),
        field('queues.field.authority', authority),
        field('queues.field.title', title),
      ),
    );
    const reason = h('textarea', {
      class: 'text-input queue-reason-input',
      rows: 2,
      placeholder: t('queues.reasonPlaceholder'),
    });
    const submit = h('button', { type: 'submit', class: 'btn primary queue-submit' }, t('queues.submit'));
    const cancel = h('button', { type: 'button', class: 'btn queue-cancel' }, t('queues.cancel'));
    const controls: Array<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement> = [
      ...radios,
      severity,
      actDate,
      decisionDate,
      authority,
      title,
      reason,
      submit,
      cancel,
    ];
    const chosen = () => radios.find((x) => x.checked)?.value ?? '';
    for (const x of radios)
      x.addEventListener('change', () => {
        correction.hidden = chosen() !== 'corrected';
        message.replaceChildren();
      });
    cancel.addEventListener('click', () => {
      message.replaceChildren();
      close();
    });

    /** The fields changed in the correction form, or null when nothing was changed. */
    const corrected = (): CorrectionFields | null => {
      const f: CorrectionFields = {};
      if (severity.value !== r.severity) f.severity = severity.value;
      if (actDate.value && actDate.value !== r.actDate) f.actDate = actDate.value;
      if (decisionDate.value && decisionDate.value !== r.decisionDate) f.decisionDate = decisionDate.value;
      if (authority.value.trim() && authority.value.trim() !== (r.authority ?? ''))
        f.authority = authority.value.trim();
      if (title.value.trim() && title.value.trim() !== (r.title ?? '')) f.title = title.value.trim();
      return Object.keys(f).length > 0 ? f : null;
    };
    const refuse = (text: string) =>
      message.replaceChildren(h('div', { class: 'queue-error', role: 'alert' }, text));

    const form = h(
      'form',
      { class: 'queue-form', 'data-form': item.id, novalidate: true },
      h(
        'fieldset',
        { class: 'queue-choices' },
        h('legend', {}, t('queues.outcome')),
        ...choices.map((c, i) => h('label', { class: 'queue-choice' }, radios[i]!, choiceLabel(item, c))),
      ),
      correction,
      h('label', { class: 'filter queue-reason-label' }, t('queues.reason'), reason),
      h(
        'div',
        { class: 'queue-form-foot' },
        h('span', { class: 'muted queue-decided-by' }, t('queues.decidedBy', { name: me })),
        submit,
        cancel,
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const choice = chosen();
      const why = reason.value.trim();
      if (!choice) return refuse(t('queues.needOutcome'));
      const fields = choice === 'corrected' ? corrected() : undefined;
      if (fields === null) return refuse(t('queues.needField'));
      if (!why) {
        reason.focus();
        return refuse(t('queues.needReason'));
      }
      for (const c of controls) c.disabled = true;
      message.replaceChildren(loadingState('common.working'));
      const done = (
        next: Item,
        entry: { at: string; actor: string; action: string; reason: string },
        recordStatus: string,
      ) => {
        const updated = {
          ...next,
          record: { ...next.record, status: recordStatus },
          decided: { on: entry.at, by: entry.actor, action: entry.action, reason: entry.reason },
        } as Item;
        notices.set(
          item.id,
          t('queues.done', { action: tv('decision', entry.action), status: tv('status', recordStatus) }),
        );
        const i = items.findIndex((x) => x.id === item.id);
        if (i >= 0) items[i] = updated;
        list.querySelector(`.queue-item[data-id="${CSS.escape(item.id)}"]`)?.replaceWith(row(updated));
      };
      const call = isRepair(item)
        ? queuesApi
            .decideRepair(item.id, { action: choice as RepairAction, decidedBy: me, reason: why })
            .then((res) => done({ ...item, status: res.application.state }, res.entry, res.record.status))
        : queuesApi
            .decideObjection(item.id, {
              outcome: choice as ObjectionOutcome,
              decidedBy: me,
              reason: why,
              ...(fields ? { fields } : {}),
            })
            .then((res) =>
              done(
                {
                  ...item,
                  status: res.objection.outcome ?? item.status,
                  record: {
                    ...item.record,
                    severity: res.record.severity,
                    actDate: res.record.actDate,
                    decisionDate: res.record.decisionDate,
                    ...(fields?.authority ? { authority: fields.authority } : {}),
                    ...(fields?.title ? { title: fields.title } : {}),
                  },
                },
                res.entry,
                res.record.status,
              ),
            );
      call.catch((err: unknown) => {
        for (const c of controls) c.disabled = false;
        if (err instanceof ApiError && (err.status === 403 || err.status === 404))
          message.replaceChildren(workError(err));
        else refuse(t('queues.failed', { message: (err as Error).message }));
      });
    });
    return form;
  }

  const renderList = () => {
    if (items.length === 0) {
      meta.textContent = '';
      list.replaceChildren(
        emptyState(t(tab === 'objections' ? 'queues.emptyObjections' : 'queues.emptyRepairs')),
      );
    } else {
      meta.textContent = t(cursor ? 'queues.countMore' : 'queues.count', { n: items.length });
      list.replaceChildren(...items.map(row));
    }
    more.replaceChildren();
    if (cursor) {
      const btn = h('button', { class: 'btn', id: 'queues-more', type: 'button' }, t('common.loadMore'));
      btn.addEventListener('click', () => void fetchPage(true));
      more.append(btn);
    }
  };

  const fetchPage = async (append: boolean) => {
    ctl?.abort();
    const c = new AbortController();
    ctl = c;
    el.dataset.loaded = 'false';
    if (append) more.replaceChildren(loadingState('queues.loading'));
    else {
      notices.clear();
      list.replaceChildren(loadingState('queues.loading'));
      more.replaceChildren();
      meta.textContent = '';
    }
    const after = append ? cursor : null;
    try {
      const res =
        tab === 'objections'
          ? await queuesApi.objections(status, after, c.signal)
          : await queuesApi.repairs(status, after, c.signal);
      items = append ? [...items, ...res.items] : res.items;
      cursor = res.nextCursor;
      renderList();
      el.dataset.tab = tab;
      el.dataset.loaded = 'true';
    } catch (err) {
      if (isAbort(err)) return;
      (append ? more : list).replaceChildren(workError(err, () => void fetchPage(append)));
    }
  };

  return {
    el,
    update({ query: q }) {
      tab = q.get('tab') === 'repairs' ? 'repairs' : 'objections';
      const s = q.get('status');
      const allowed: readonly string[] =
        tab === 'objections' ? OBJECTION_STATUSES : [...REPAIR_STATUSES, 'pending'];
      status = s === 'all' ? '' : s && allowed.includes(s) ? s : PENDING[tab];
      renderControls();
      void fetchPage(false);
    },
    destroy() {
      ctl?.abort();
      el.remove();
    },
  };
}
