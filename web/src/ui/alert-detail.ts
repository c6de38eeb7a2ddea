/**
 * The alert detail panel: message, subjects, evidence paths (into subject pages and the network explorer), the
 * workflow steps allowed from the current status, assignee, history and comments. Working controls are shown
 * to every reader but disabled, with the reason, for roles without 'alerts:work'.
 */
import { ApiError, workApi } from '../api/client.ts';
import { can } from '../api/session.ts';
import { ALERT_TRANSITIONS, type AlertDetail, type AlertStatus } from '../api/types.ts';
import { lang, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { alertStatusTag, severityBadge } from './badges.ts';
import { emptyState, h, isAbort, loadingState, type View } from './dom.ts';
import { evidencePath } from './evidence-path.ts';
import { actorLabel, fmtTime } from './format.ts';
import { workError } from './work-state.ts';

const who = (actor: string | null): string => actorLabel(actor, t('alerts.unassigned'));

export function createAlertDetail(onChange: (a: AlertDetail) => void): View<string | null> {
  const el = h('section', { class: 'card alert-detail', id: 'alert-detail', 'aria-live': 'polite' });
  let ctl: AbortController | null = null;
  let current: AlertDetail | null = null;
  const canWork = can('alerts:work');

  const load = async (id: string, notice?: string) => {
    ctl?.abort();
    ctl = new AbortController();
    el.replaceChildren(loadingState());
    try {
      render(await workApi.alert(id, ctl.signal), notice);
    } catch (err) {
      if (!isAbort(err)) el.replaceChildren(workError(err, () => void load(id)));
    }
  };

  const render = (a: AlertDetail, notice?: string) => {
    current = a;
    el.dataset.id = a.id;
    el.dataset.status = a.status;
    const names = new Map<string, string>();
    for (const p of a.evidence) for (const n of p.nodes) if (n.id && n.name) names.set(n.id, n.name);
    const message = h(
      'div',
      { class: 'work-message', id: 'alert-work-message', role: 'alert' },
      notice ?? '',
    );
    const closed = ALERT_TRANSITIONS[a.status].length === 0;

    const note = h('input', {
      id: 'alert-note',
      class: 'text-input',
      placeholder: t('alerts.note'),
      disabled: !canWork || closed,
    });
    const buttons = ALERT_TRANSITIONS[a.status].map((to) =>
      h(
        'button',
        {
          type: 'button',
          class: `btn ${to === 'dismissed' ? '' : 'primary'}`,
          id: `alert-action-${to}`,
          'data-to': to,
          disabled: !canWork,
        },
        tv('action', to),
      ),
    );
    const assignee = h('input', {
      id: 'alert-assignee',
      class: 'text-input',
      value: a.assignee ?? '',
      placeholder: t('alerts.assigneePlaceholder'),
      disabled: !canWork || closed,
    });
    const assign = h(
      'button',
      { type: 'button', class: 'btn', id: 'alert-assign', disabled: !canWork || closed },
      t('common.save'),
    );
    const controls = [...buttons, assign, note, assignee];

    const act = async (change: { status?: AlertStatus; assignee?: string | null; note?: string }) => {
      for (const c of controls) c.setAttribute('disabled', '');
      message.textContent = t('common.working');
      try {
        const updated = await workApi.patchAlert(a.id, change);
        render(updated);
        onChange(updated);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'ALERT_CHANGED_MEANWHILE') {
          await load(a.id, t('alerts.changedMeanwhile'));
          return;
        }
        for (const c of controls) c.removeAttribute('disabled');
        message.textContent = t('common.error', { message: (err as Error).message });
      }
    };
    for (const b of buttons)
      b.addEventListener('click', () => {
        const n = note.value.trim();
        void act({ status: b.dataset.to as AlertStatus, ...(n ? { note: n } : {}) });
      });
    assign.addEventListener('click', () => void act({ assignee: assignee.value.trim() || null }));

    const commentText = h('textarea', {
      id: 'alert-comment-text',
      class: 'text-input',
      rows: 3,
      placeholder: t('alerts.commentPlaceholder'),
      disabled: !canWork,
    });
    const commentBtn = h(
      'button',
      { type: 'button', class: 'btn primary', id: 'alert-comment-add', disabled: !canWork },
      t('alerts.addComment'),
    );
    const commentMsg = h('div', { class: 'work-message', role: 'alert' });
    commentBtn.addEventListener('click', () => {
      const text = commentText.value.trim();
      if (!text) return;
      commentBtn.setAttribute('disabled', '');
      workApi
        .commentAlert(a.id, text)
        .then((c) => {
          if (current?.id !== a.id) return;
          render({ ...a, comments: [...a.comments, c] });
        })
        .catch((err: unknown) => {
          commentBtn.removeAttribute('disabled');
          commentMsg.textContent = t('common.error', { message: (err as Error).message });
        });
    });

    el.replaceChildren(
      h(
        'div',
        { class: 'alert-detail-head' },
        severityBadge(a.severity),
        h('h3', { id: 'alert-rule' }, tv('rule', a.rule)),
        alertStatusTag(a.status),
      ),
      h(
        'div',
        { class: 'muted alert-times' },
        `${t('alerts.created', { time: fmtTime(a.createdAt) })} · ${t('alerts.updated', { time: fmtTime(a.updatedAt) })}`,
      ),
      h('h4', {}, t('alerts.message')),
      h('p', { class: 'alert-message', id: 'alert-message' }, lang() === 'zh' ? a.message.zh : a.message.en),
      h('h4', {}, t('alerts.subjects')),
      h(
        'div',
        { class: 'path-chain' },
        ...(a.subjectIds.length
          ? a.subjectIds.map((id) => h('a', { class: 'chip', href: href.subject(id) }, names.get(id) ?? id))
          : [h('span', { class: 'muted' }, t('common.none'))]),
      ),
      h('h4', {}, t('alerts.evidence')),
      h(
        'div',
        { id: 'alert-evidence' },
        ...(a.evidence.length ? a.evidence.map(evidencePath) : [emptyState(t('alerts.evidenceEmpty'))]),
      ),
      h('h4', {}, t('alerts.workflow')),
      h(
        'div',
        { class: 'alert-work', id: 'alert-work' },
        !canWork
          ? h('p', { class: 'notice' }, t('alerts.noWork'))
          : closed
            ? h('p', { class: 'notice' }, t('alerts.closed'))
            : null,
        buttons.length ? h('div', { class: 'actions' }, ...buttons) : null,
        closed ? null : note,
        h(
          'div',
          { class: 'assignee-row' },
          h('label', { for: 'alert-assignee' }, t('alerts.assignee')),
          assignee,
          assign,
        ),
        message,
      ),
      h('h4', {}, t('alerts.history')),
      a.history.length
        ? h(
            'ol',
            { class: 'history', id: 'alert-history' },
            ...a.history.map((e) =>
              h(
                'li',
                {},
                h('span', { class: 'muted mono' }, fmtTime(e.at)),
                h('span', {}, who(e.actor)),
                h(
                  'span',
                  {},
                  e.action === 'status'
                    ? t('alerts.historyStatus', {
                        from: tv('alertStatus', e.from),
                        to: tv('alertStatus', e.to),
                      })
                    : t('alerts.historyAssign', { from: who(e.from), to: who(e.to) }),
                ),
                e.note ? h('span', { class: 'muted' }, `“${e.note}”`) : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('alerts.historyEmpty')),
      h('h4', {}, t('alerts.comments')),
      h(
        'ul',
        { class: 'comments', id: 'alert-comments' },
        ...(a.comments.length
          ? a.comments.map((c) =>
              h(
                'li',
                { class: 'comment', 'data-id': c.id },
                h('div', { class: 'muted' }, `${who(c.author)} · ${fmtTime(c.at)}`),
                h('div', { class: 'comment-text' }, c.text),
              ),
            )
          : [h('li', { class: 'muted' }, t('alerts.commentsEmpty'))]),
      ),
      h('div', { class: 'comment-form' }, commentText, commentBtn, commentMsg),
    );
  };

  return {
    el,
    update(id) {
      if (id) void load(id);
      else {
        ctl?.abort();
        current = null;
        el.replaceChildren(emptyState(t('alerts.pick')));
      }
    },
    destroy() {
      ctl?.abort();
      el.remove();
    },
  };
}
