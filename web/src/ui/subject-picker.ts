/** A search-as-you-type input that picks one subject (used by the path finder and the explorer's start). */
import { api } from '../api/client.ts';
import type { SearchHit } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { classBadge, debounce, h, isAbort, type View } from './dom.ts';

export interface Picked {
  id: string;
  label: string;
}

export function createSubjectPicker(
  id: string,
  placeholder: string,
  onPick: (p: Picked) => void,
): View<Picked | null> & { value(): Picked | null } {
  const input = h('input', { type: 'search', id, class: 'picker-input', placeholder, autocomplete: 'off' });
  const list = h('div', { class: 'picker-list', role: 'listbox' });
  const el = h('div', { class: 'picker' }, input, list);
  let picked: Picked | null = null;
  let ctl: AbortController | null = null;
  const choose = (hit: SearchHit) => {
    picked = { id: hit.id, label: hit.name ?? hit.idMasked ?? hit.id };
    input.value = picked.label;
    list.replaceChildren();
    onPick(picked);
  };
  const run = debounce(async (q: string) => {
    ctl?.abort();
    if (q.trim().length < 2) {
      list.replaceChildren();
      return;
    }
    ctl = new AbortController();
    list.replaceChildren(h('div', { class: 'picker-item muted' }, t('common.loading')));
    try {
      const res = await api.search(q.trim(), { limit: 8 }, ctl.signal);
      list.replaceChildren(
        ...(res.items.length
          ? res.items.map((hit) =>
              h(
                'button',
                { class: 'picker-item', type: 'button', 'data-id': hit.id, onclick: () => choose(hit) },
                classBadge(hit.riskClass),
                hit.name ?? hit.id,
                h('span', { class: 'muted' }, ` ${tv('kind', hit.kind)} ${hit.uscc ?? hit.idMasked ?? ''}`),
              ),
            )
          : [h('div', { class: 'picker-item muted' }, t('search.empty', { q }))]),
      );
    } catch (err) {
      if (!isAbort(err))
        list.replaceChildren(h('div', { class: 'picker-item error' }, (err as Error).message));
    }
  }, 250);
  input.addEventListener('input', () => {
    picked = null;
    run(input.value);
  });
  return {
    el,
    value: () => picked,
    update(p) {
      picked = p;
      input.value = p?.label ?? '';
    },
    destroy() {
      run.cancel();
      ctl?.abort();
      el.remove();
    },
  };
}
