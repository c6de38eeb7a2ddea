/** Search: instant results as the user types (debounced), by name, USCC or resident ID number. */
import { api } from '../api/client.ts';
import type { SearchHit, SearchResult } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import {
  classBadge,
  debounce,
  emptyState,
  errorState,
  h,
  isAbort,
  loadingState,
  type View,
} from '../ui/dom.ts';

const MIN_CHARS = 2;

export function hitRow(hit: SearchHit): HTMLElement {
  return h(
    'a',
    { class: 'hit', href: href.subject(hit.id), 'data-id': hit.id },
    classBadge(hit.riskClass),
    h('span', { class: 'hit-name' }, hit.name ?? hit.id),
    h('span', { class: 'hit-kind' }, tv('kind', hit.kind)),
    h('span', { class: 'hit-code mono' }, hit.uscc ?? hit.regNo ?? hit.idMasked ?? ''),
    h('span', { class: 'hit-region mono' }, hit.region ?? ''),
  );
}

export function createSearchPage(initialQ: string): View<{ q: string }> {
  const input = h('input', {
    type: 'search',
    class: 'search-input',
    id: 'search-input',
    placeholder: t('search.placeholder'),
    autocomplete: 'off',
    'aria-label': t('search.placeholder'),
  });
  const results = h('div', { class: 'results', id: 'search-results', 'aria-live': 'polite' });
  const el = h('section', { class: 'page page-search' }, h('div', { class: 'search-box' }, input), results);
  let controller: AbortController | null = null;
  let items: SearchHit[] = [];

  const render = (state: 'hint' | 'loading' | 'done' | Error, res?: SearchResult, q = '') => {
    results.replaceChildren();
    if (state === 'hint') results.append(emptyState(t('search.hint')));
    else if (state === 'loading') results.append(loadingState());
    else if (state instanceof Error) results.append(errorState(state, () => run(input.value)));
    else if (res) {
      if (items.length === 0) {
        results.append(emptyState(t('search.empty', { q })));
        return;
      }
      results.append(
        h(
          'div',
          { class: 'results-meta' },
          `${t('search.results', { n: items.length })} · ${t(`search.by.${res.matchedBy}`)}`,
        ),
        ...items.map(hitRow),
      );
      if (res.nextCursor) {
        const more = h('button', { class: 'btn' }, t('search.more'));
        more.addEventListener('click', () => void run(q, res.nextCursor));
        results.append(more);
      }
    }
  };

  const run = async (raw: string, cursor: string | null = null) => {
    const q = raw.trim();
    controller?.abort();
    if (q.length < MIN_CHARS) {
      items = [];
      render('hint');
      return;
    }
    controller = new AbortController();
    if (!cursor) render('loading');
    try {
      const res = await api.search(q, { cursor }, controller.signal);
      items = cursor ? [...items, ...res.items] : res.items;
      render('done', res, q);
    } catch (err) {
      if (!isAbort(err)) render(err as Error);
    }
  };
  const debounced = debounce((q: string) => {
    // A resident ID number is personal data: keep it out of the address bar and the browser history.
    const personal = /^\d{17}[\dXx]$/.test(q.trim());
    history.replaceState(null, '', href.search(personal ? '' : q.trim()));
    void run(q);
  }, 250);
  input.addEventListener('input', () => debounced(input.value));

  const update = ({ q }: { q: string }) => {
    input.value = q;
    void run(q);
  };
  update({ q: initialQ });
  queueMicrotask(() => input.focus());
  return {
    el,
    update,
    destroy() {
      debounced.cancel();
      controller?.abort();
      el.remove();
    },
  };
}
