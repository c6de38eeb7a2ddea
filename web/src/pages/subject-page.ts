/**
 * Subject page: identity, class badge and score with the factor chart (/risk), records timeline and roles over
 * time (profile), ownership tree up and down with controllers marked (/ownership, /controllers). Each section
 * loads on its own, so a slow or failing part does not hide the rest.
 */
import { api } from '../api/client.ts';
import type { Controllers, Profile, Risk } from '../api/types.ts';
import { createFactorChart } from '../charts/factor-chart.ts';
import { createOwnershipTree } from '../charts/ownership-tree.ts';
import { createRecordsTimeline } from '../charts/records-timeline.ts';
import { createRolesTimeline } from '../charts/roles-timeline.ts';
import { t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { classBadge, errorState, h, isAbort, loadingState, type View } from '../ui/dom.ts';

function section(id: string, title: string): { el: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'section-body' }, loadingState());
  return { el: h('section', { class: 'card', id }, h('h3', {}, title), body), body };
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
    const records = section('records', t('subject.records'));
    const roles = section('roles', t('subject.roles'));
    const ownership = section('ownership', t('subject.ownership'));
    el.append(header, h('div', { class: 'grid' }, identity.el, risk.el), records.el, roles.el, ownership.el);

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

    void guard(
      header,
      () => api.profile(id, ctl.signal),
      (p) => {
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
        records.body.replaceChildren(timeline.el);
        timeline.update(p.records);
        const rolesView = createRolesTimeline(p.asOf);
        roles.body.replaceChildren(rolesView.el);
        rolesView.update(p.roles);
        views.push(timeline, rolesView);
      },
    ).catch(() => undefined);

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
