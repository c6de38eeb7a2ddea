/** Path finder: the strongest linkage paths between two subjects, ranked, each as a chain of subjects and links. */
import { api } from '../api/client.ts';
import type { PathLink, Paths } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { emptyState, errorState, h, isAbort, loadingState, subjectLabel, type View } from '../ui/dom.ts';
import { createSubjectPicker, type Picked } from '../ui/subject-picker.ts';

function linkText(l: PathLink): string {
  const parts = [tv('rel', l.type)];
  if (l.role) parts.push(tv('role', l.role));
  if (l.stake !== undefined) parts.push(`${Math.round(l.stake * 1000) / 10}%`);
  return parts.join(' ');
}

export function createPathsPage(): View<{ from: Picked | null; to: Picked | null }> {
  const results = h('div', { class: 'results', id: 'paths-results' });
  const fromPicker = createSubjectPicker('path-from', t('paths.from'), () => {});
  const toPicker = createSubjectPicker('path-to', t('paths.to'), () => {});
  const hops = h(
    'select',
    { id: 'path-hops' },
    ...[2, 3, 4, 5, 6].map((n) => h('option', { value: n, selected: n === 4 }, n)),
  );
  const find = h('button', { class: 'btn primary', id: 'find-paths', type: 'button' }, t('paths.find'));
  const el = h(
    'div',
    { class: 'page page-paths' },
    h('h2', {}, t('paths.title')),
    h(
      'div',
      { class: 'path-form' },
      h('label', {}, t('paths.from'), fromPicker.el),
      h('label', {}, t('paths.to'), toPicker.el),
      h('label', {}, t('paths.maxHops'), hops),
      find,
    ),
    results,
  );
  let ctl: AbortController | null = null;

  const show = (res: Paths) => {
    const names = new Map(res.subjects.map((s) => [s.id, subjectLabel(s)]));
    if (res.paths.length === 0) {
      results.replaceChildren(emptyState(t('paths.empty', { hops: hops.value })));
      return;
    }
    results.replaceChildren(
      ...res.paths.map((p, i) => {
        const chain: Array<Node> = [];
        p.nodes.forEach((id, j) => {
          chain.push(h('a', { class: 'chip', href: href.subject(id) }, names.get(id) ?? id));
          const l = p.links[j];
          if (l)
            chain.push(
              h(
                'span',
                { class: `link-arrow rel-${l.type}` },
                l.reversed ? `← ${linkText(l)} ←` : `→ ${linkText(l)} →`,
              ),
            );
        });
        return h(
          'div',
          { class: 'path card', 'data-rank': i + 1 },
          h('div', { class: 'path-rank' }, t('paths.rank', { n: i + 1, s: p.strength.toFixed(3) })),
          h('div', { class: 'path-chain' }, ...chain),
        );
      }),
    );
  };

  const run = async () => {
    const from = fromPicker.value();
    const to = toPicker.value();
    if (!from || !to) {
      results.replaceChildren(emptyState(t('paths.pick')));
      return;
    }
    history.replaceState(null, '', href.paths(from.id, to.id));
    ctl?.abort();
    ctl = new AbortController();
    results.replaceChildren(loadingState('paths.finding'));
    find.setAttribute('disabled', '');
    try {
      show(await api.paths(from.id, to.id, Number(hops.value), ctl.signal));
    } catch (err) {
      if (!isAbort(err)) results.replaceChildren(errorState(err, () => void run()));
    } finally {
      find.removeAttribute('disabled');
    }
  };
  find.addEventListener('click', () => void run());

  return {
    el,
    update({ from, to }) {
      fromPicker.update(from);
      toPicker.update(to);
      if (from && to) void run();
      else results.replaceChildren(emptyState(t('paths.pick')));
    },
    destroy() {
      ctl?.abort();
      fromPicker.destroy();
      toPicker.destroy();
      el.remove();
    },
  };
}
