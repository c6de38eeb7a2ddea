/**
 * Subject page: identity, class badge and score with the factor chart (/risk), records timeline and roles over
 * time (profile), ownership tree up and down with controllers marked (/ownership, /controllers), the lists it is
 * on and the measures in force against it with their reason chains (the profile's `lists` and `measures`),
 * and each record's objection and repair status (/records/{id}/history, only for roles with `punishment:read`:
 * fetched at once for records that are not active, on expanding for the others). Each section loads on its own,
 * so a slow or failing part does not hide the rest.
 */
import { ApiError, api, subjectApi } from '../api/client.ts';
import { can } from '../api/session.ts';
import type {
  Controllers,
  ListEntry,
  MeasureInForce,
  Profile,
  RecordHistory,
  RecordRow,
  Risk,
} from '../api/types.ts';
import { createFactorChart } from '../charts/factor-chart.ts';
import { createOwnershipTree } from '../charts/ownership-tree.ts';
import { createRecordsTimeline } from '../charts/records-timeline.ts';
import { createRolesTimeline } from '../charts/roles-timeline.ts';
import { lang, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { classBadge, emptyState, errorState, h, isAbort, loadingState, type View } from '../ui/dom.ts';

function section(id: string, title: string): { el: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'section-body' }, loadingState());
  return { el: h('section', { class: 'card', id }, h('h3', {}, title), body), body };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces the subject ids a reason step names with the names the page knows (itself and its related parties). */
function namer(names: ReadonlyMap<string, string>): (text: string) => string {
  const ids = [...names.keys()].sort((a, b) => b.length - a.length);
  if (ids.length === 0) return (text) => text;
  const re = new RegExp(`(?<![\\w-])(${ids.map(escapeRe).join('|')})(?![\\w-])`, 'g');
  return (text) => text.replace(re, (id) => names.get(id) ?? id);
}

function listItem(l: ListEntry): HTMLElement {
  return h(
    'li',
    { class: 'list-entry', 'data-record': l.recordId, 'data-list': l.list },
    h('span', { class: `tag list-kind lk-${l.list}` }, tv('listKind', l.list)),
    h('strong', {}, l.label[lang()]),
    h(
      'span',
      { class: 'muted' },
      t('subject.listDecided', { authority: l.authority ?? '—', date: l.decisionDate ?? '—' }),
    ),
    l.publicationTo
      ? h('span', { class: 'muted' }, t('subject.publicationTo', { date: l.publicationTo }))
      : null,
    h('span', { class: 'mono muted' }, l.recordId),
  );
}

function measureItem(m: MeasureInForce, name: (text: string) => string): HTMLElement {
  return h(
    'li',
    { class: `measure-card ms-${m.status}`, 'data-code': m.code, 'data-status': m.status },
    h(
      'div',
      { class: 'measure-head' },
      h('strong', { class: 'measure-name' }, m.name[lang()]),
      h('span', { class: `tag measure-status ms-${m.status}` }, tv('measureStatus', m.status)),
    ),
    h(
      'div',
      { class: 'muted' },
      `${t('subject.department', { name: m.department[lang()] })} · ${t('subject.legalBasis', { basis: m.legalBasis })}`,
    ),
    ...m.reasons.map((r) =>
      h(
        'div',
        { class: 'measure-reason', 'data-basis': r.basis, 'data-status': r.status },
        h('span', { class: 'tag' }, tv('basis', r.basis)),
        r.steps.length > 0
          ? h('ol', { class: 'reason-chain' }, ...r.steps.map((step) => h('li', {}, name(step[lang()]))))
          : h('p', { class: 'muted' }, t('subject.reasonHidden')),
      ),
    ),
  );
}

/** A record's open and decided objections and repair applications, and the way to the queues while one is open. */
function historyLines(hist: RecordHistory): HTMLElement[] {
  const lines: HTMLElement[] = [];
  let pending: 'objections' | 'repairs' | null = null;
  for (const o of hist.objections) {
    const opened = o.history[0];
    const last = o.history.at(-1);
    if (o.state === 'open') {
      pending = 'objections';
      lines.push(
        h(
          'div',
          { class: 'record-objection', 'data-state': 'open' },
          t('subject.objectionOpen', {
            who: opened?.actor ?? '—',
            date: opened?.at ?? '—',
            reason: opened?.reason ?? '',
          }),
        ),
      );
    } else {
      lines.push(
        h(
          'div',
          { class: 'record-objection', 'data-state': 'resolved' },
          t('subject.objectionResolved', { outcome: tv('objStatus', o.outcome), date: last?.at ?? '—' }),
        ),
      );
    }
  }
  for (const a of hist.repairs) {
    const open = a.state === 'applied' || a.state === 'under_review';
    if (open) pending ??= 'repairs';
    lines.push(
      h(
        'div',
        { class: 'record-repair', 'data-state': a.state },
        open
          ? t('subject.repairPending', {
              status: tv('repStatus', a.state),
              who: a.history[0]?.actor ?? '—',
              date: a.appliedAt,
            })
          : t('subject.repairDone', { status: tv('repStatus', a.state), date: a.history.at(-1)?.at ?? '—' }),
      ),
    );
  }
  if (lines.length === 0) lines.push(h('div', { class: 'muted' }, t('subject.noHistory')));
  if (pending)
    lines.push(
      h(
        'a',
        { class: 'queue-link', href: href.queues(new URLSearchParams({ tab: pending })) },
        t('subject.openQueues'),
      ),
    );
  return lines;
}

export function createSubjectPage(): View<{ id: string }> {
  const el = h('div', { class: 'page page-subject' });
  let controller: AbortController | null = null;
  const views: Array<View<never>> = [];

  const load = (id: string) => {
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    for (const v of views.splice(0)) v.destroy();
    el.replaceChildren();
    const header = h('div', { class: 'subject-header' }, loadingState());
    const identity = section('identity', t('subject.identity'));
    const risk = section('risk', t('subject.factors'));
    const measures = section('measures', t('subject.measures'));
    const records = section('records', t('subject.records'));
    const roles = section('roles', t('subject.roles'));
    const ownership = section('ownership', t('subject.ownership'));
    el.append(
      header,
      h('div', { class: 'grid' }, identity.el, risk.el),
      measures.el,
      records.el,
      roles.el,
      ownership.el,
    );

    const guard = async <T>(target: HTMLElement, work: () => Promise<T>, show: (v: T) => void) => {
      target.replaceChildren(loadingState());
      try {
        const value = await work();
        if (ctl.signal.aborted) return;
        target.replaceChildren();
        show(value);
      } catch (err) {
        if (isAbort(err) || ctl.signal.aborted) return;
        target.replaceChildren(errorState(err, () => void guard(target, work, show)));
      }
    };

    let riskValue: Risk | null = null;
    let profileValue: Profile | null = null;
    // One profile request feeds the header, identity, records, roles and measures sections; a retry asks again.
    let profileRequest: Promise<Profile> | null = null;
    const loadProfile = () => {
      profileRequest ??= api.profile(id, ctl.signal).catch((err: unknown) => {
        profileRequest = null;
        throw err;
      });
      return profileRequest;
    };

    /** Lists and measures in force, with reason chains naming the subjects the profile names. */
    const renderMeasures = (p: Profile) => {
      const names = new Map<string, string>();
      const i = p.identity;
      names.set(i.id, i.name ?? i.idMasked ?? i.id);
      for (const r of p.roles)
        if (r.other.name ?? r.other.idMasked) names.set(r.other.id, r.other.name ?? r.other.idMasked ?? '');
      const { lists, measures: items } = p;
      if (lists.length === 0 && items.length === 0) {
        measures.body.replaceChildren(emptyState(t('subject.measuresEmpty')));
        return;
      }
      const name = namer(names);
      measures.body.replaceChildren(
        h(
          'div',
          { class: 'measures-body' },
          lists.length > 0
            ? h(
                'div',
                {},
                h('h4', {}, t('subject.lists')),
                h('ul', { class: 'list-entries' }, ...lists.map(listItem)),
              )
            : null,
          items.length > 0
            ? h(
                'div',
                {},
                h('h4', {}, t('subject.measureList')),
                h('ul', { class: 'measure-list' }, ...items.map((m) => measureItem(m, name))),
              )
            : null,
        ),
      );
    };

    /** One record's objection and repair status into `target`; a role refused the history sees nothing. */
    const loadHistory = async (recordId: string, target: HTMLElement, hide: HTMLElement) => {
      target.replaceChildren(loadingState());
      try {
        const hist = await subjectApi.recordHistory(recordId, ctl.signal);
        if (ctl.signal.aborted) return;
        target.replaceChildren(...historyLines(hist));
      } catch (err) {
        if (isAbort(err) || ctl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 403) hide.remove();
        else target.replaceChildren(errorState(err, () => void loadHistory(recordId, target, hide)));
      }
    };

    const recordItem = (r: RecordRow): HTMLElement => {
      const status = r.status ?? 'active';
      const li = h(
        'li',
        { class: 'record-item', 'data-id': r.id, 'data-status': status },
        h(
          'div',
          { class: 'record-line' },
          h('span', { class: `tag record-status rs-${status}` }, tv('status', status)),
          h('strong', {}, tv('category', r.category)),
          r.severity ? h('span', { class: 'muted' }, tv('severity', r.severity)) : null,
          r.title ? h('span', {}, r.title) : null,
          r.decisionDate
            ? h('span', { class: 'muted' }, t('queues.decisionDate', { date: r.decisionDate }))
            : null,
          h('span', { class: 'mono muted' }, r.id),
        ),
      );
      if (!can('punishment:read')) return li;
      const body = h('div', { class: 'record-history' });
      if (status !== 'active') {
        li.append(body);
        void loadHistory(r.id, body, body);
        return li;
      }
      const more = h(
        'details',
        { class: 'record-more' },
        h('summary', { class: 'record-more-summary' }, t('subject.recordHistory')),
        body,
      );
      let asked = false;
      more.addEventListener('toggle', () => {
        if (!more.open || asked) return;
        asked = true;
        void loadHistory(r.id, body, more);
      });
      li.append(more);
      return li;
    };

    const renderHeader = () => {
      if (!profileValue) return;
      const p = profileValue.identity;
      header.replaceChildren(
        h(
          'div',
          { class: 'subject-title' },
          classBadge(riskValue?.riskClass ?? profileValue.risk?.riskClass ?? null),
          h('h2', { id: 'subject-name' }, p.name ?? p.idMasked ?? p.id),
          h('span', { class: 'tag' }, tv('kind', p.kind)),
        ),
        h(
          'div',
          { class: 'subject-score' },
          riskValue
            ? h(
                'span',
                { id: 'risk-score' },
                `${t('subject.score')} `,
                h('strong', {}, riskValue.score.toFixed(1)),
                ` · ${t(`class.${riskValue.riskClass}`)} · ${t('subject.scoreAsOf', { date: riskValue.asOf })}`,
              )
            : null,
          profileValue.risk
            ? h(
                'span',
                { class: 'muted' },
                t('subject.stored', {
                  score: profileValue.risk.score.toFixed(1),
                  cls: profileValue.risk.riskClass ?? '?',
                  date: profileValue.risk.asOf ?? '—',
                }),
              )
            : null,
        ),
        h(
          'div',
          { class: 'actions' },
          h(
            'a',
            { class: 'btn primary', href: href.network(id), id: 'open-network' },
            t('subject.openNetwork'),
          ),
          h('a', { class: 'btn', href: href.paths(id) }, t('subject.findPaths')),
        ),
      );
    };

    void guard(header, loadProfile, (p) => {
      profileValue = p;
      renderHeader();
      const i = p.identity;
      const rows: Array<[string, string | null]> = [
        [t('subject.kind'), tv('kind', i.kind)],
        [t('subject.uscc'), i.uscc],
        [t('subject.regNo'), i.regNo],
        [t('subject.idMasked'), i.idMasked],
        [t('subject.region'), i.region],
        [t('subject.registeredAt'), i.registeredAt],
        [t('subject.address'), i.address],
      ];
      identity.body.replaceChildren(
        h(
          'dl',
          { class: 'identity' },
          ...rows.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', { class: 'mono' }, v)]),
        ),
      );
      const timeline = createRecordsTimeline();
      records.body.replaceChildren(
        timeline.el,
        ...(p.records.length > 0
          ? [
              h(
                'div',
                { class: 'record-status-list' },
                h('h4', {}, t('subject.recordList')),
                h('ul', { class: 'rights-list', id: 'record-rights' }, ...p.records.map(recordItem)),
              ),
            ]
          : []),
      );
      timeline.update(p.records);
      const rolesView = createRolesTimeline(p.asOf);
      roles.body.replaceChildren(rolesView.el);
      rolesView.update(p.roles);
      views.push(timeline, rolesView);
    }).catch(() => undefined);

    void guard(measures.body, loadProfile, renderMeasures);

    void guard(
      risk.body,
      () => api.risk(id, ctl.signal),
      (r) => {
        riskValue = r;
        renderHeader();
        const chart = createFactorChart();
        risk.body.append(chart.el);
        chart.update(r.factors);
        views.push(chart);
      },
    );

    void guard(
      ownership.body,
      async () => {
        const [up, down, controllers] = await Promise.all([
          api.ownership(id, 'up', ctl.signal),
          api.ownership(id, 'down', ctl.signal),
          api.controllers(id, ctl.signal).catch((): Controllers | null => null),
        ]);
        return { up, down, controllers };
      },
      (data) => {
        const tree = createOwnershipTree();
        ownership.body.append(tree.el);
        tree.update(data);
        views.push(tree);
      },
    );
  };

  return {
    el,
    update: ({ id }) => load(id),
    destroy() {
      controller?.abort();
      for (const v of views.splice(0)) v.destroy();
      el.remove();
    },
  };
}
