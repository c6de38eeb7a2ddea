/**
 * Watchlists (#/watchlists[/id]): the organisation's lists, a form to create one, and the list opened: its
 * subjects page by page, add one by code, bulk add from a CSV file (all or nothing, the server's per-row
 * problems shown), remove a subject, delete the list.
 */
import { ApiDetailError, workApi } from '../api/client.ts';
import type { RowProblem, Watchlist, WatchlistDetail, WatchlistMember } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { classBadge, emptyState, h, isAbort, loadingState, type View } from '../ui/dom.ts';
import { readTextFile } from '../ui/files.ts';
import { actorLabel, fmtDate, fmtTime } from '../ui/format.ts';
import { problemsTable } from '../ui/problems-table.ts';
import { workError } from '../ui/work-state.ts';

const MAX_DEPTH = 4;

/** The message of a failed write, with the per-row problems when the server sent them. */
function failure(err: unknown): HTMLElement {
  const problems =
    err instanceof ApiDetailError ? (err.details as { problems?: RowProblem[] })?.problems : null;
  if (problems?.length)
    return problemsTable(t('wl.problems', { n: problems.length }), problems, 'watchlist-problems');
  return workError(err);
}

export function createWatchlistsPage(): View<{ id: string | null }> {
  const name = h('input', {
    id: 'watchlist-name',
    class: 'text-input',
    placeholder: t('wl.namePlaceholder'),
    'aria-label': t('wl.name'),
    maxlength: 200,
  });
  const depth = h(
    'select',
    { id: 'watchlist-depth', 'aria-label': t('wl.depth') },
    ...Array.from({ length: MAX_DEPTH + 1 }, (_, n) =>
      h('option', { value: n, selected: n === 2 }, t('wl.depthN', { n })),
    ),
  );
  const createBtn = h(
    'button',
    { class: 'btn primary', id: 'watchlist-create', type: 'submit' },
    t('wl.create'),
  );
  const createMsg = h('div', { class: 'work-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'wl-create' },
    name,
    h('label', { class: 'filter' }, t('wl.depth'), depth),
    createBtn,
  );
  const lists = h('div', { class: 'wl-lists', id: 'watchlists' });
  const panel = h('section', { class: 'card wl-panel', id: 'watchlist-panel' });
  const el = h(
    'div',
    { class: 'page page-watchlists' },
    h('h2', {}, t('wl.title')),
    h('div', { class: 'work-split' }, h('div', { class: 'work-list' }, form, createMsg, lists), panel),
  );
  let all: Watchlist[] = [];
  let selected: string | null = null;
  let ctl: AbortController | null = null;

  const renderLists = () => {
    if (all.length === 0) {
      lists.replaceChildren(emptyState(t('wl.empty')));
      return;
    }
    lists.replaceChildren(
      ...all.map((w) => {
        const item = h(
          'button',
          { type: 'button', class: `wl-item${w.id === selected ? ' selected' : ''}`, 'data-id': w.id },
          h('strong', { class: 'wl-item-name' }, w.name),
          h('span', { class: 'muted' }, `${t('wl.size', { n: w.size })} · ${t('wl.depthN', { n: w.depth })}`),
        );
        item.addEventListener('click', () => open(w.id));
        return item;
      }),
    );
  };

  const loadLists = async () => {
    lists.replaceChildren(loadingState());
    try {
      all = (await workApi.watchlists()).items;
      renderLists();
    } catch (err) {
      lists.replaceChildren(workError(err, () => void loadLists()));
    }
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const n = name.value.trim();
    if (!n) {
      name.focus();
      return;
    }
    createBtn.setAttribute('disabled', '');
    createMsg.replaceChildren();
    workApi
      .createWatchlist(n, Number(depth.value))
      .then((w) => {
        name.value = '';
        all = [w, ...all];
        open(w.id);
      })
      .catch((err: unknown) => createMsg.replaceChildren(workError(err)))
      .finally(() => createBtn.removeAttribute('disabled'));
  });

  /** The opened list: header, add by code, CSV upload, members with "load more". */
  const showList = (w: WatchlistDetail, notice?: HTMLElement) => {
    let members: WatchlistMember[] = w.members;
    let cursor = w.nextCursor;
    const status = h('div', { class: 'work-message', id: 'watchlist-message', 'aria-live': 'polite' });
    const ref = h('input', {
      id: 'watchlist-add-ref',
      class: 'text-input',
      placeholder: t('wl.addPlaceholder'),
      'aria-label': t('wl.add'),
    });
    const addBtn = h('button', { class: 'btn primary', id: 'watchlist-add', type: 'submit' }, t('wl.addBtn'));
    const addForm = h('form', { class: 'wl-add' }, ref, addBtn);
    const file = h('input', { type: 'file', id: 'watchlist-csv', accept: '.csv,text/csv' });
    const body = h('tbody', {});
    const table = h(
      'table',
      { class: 'data-table', id: 'watchlist-members' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('wl.class')),
          h('th', {}, t('wl.subject')),
          h('th', {}, t('wl.kind')),
          h('th', {}, t('wl.addedAt')),
          h('th', {}, t('wl.addedBy')),
          h('th', {}),
        ),
      ),
      body,
    );
    const membersBox = h('div', {});
    const more = h('div', { class: 'more-row' });
    const size = h('span', { id: 'watchlist-size' }, t('wl.size', { n: w.size }));
    const del = h('button', { class: 'btn danger', id: 'watchlist-delete', type: 'button' }, t('wl.delete'));

    const renderMembers = () => {
      body.replaceChildren(
        ...members.map((m) => {
          const rm = h('button', { class: 'btn small', type: 'button', 'data-remove': m.id }, t('wl.remove'));
          rm.addEventListener('click', () => {
            if (!confirm(t('wl.confirmRemove', { name: m.name ?? m.id }))) return;
            rm.setAttribute('disabled', '');
            workApi
              .removeFromWatchlist(w.id, m.id)
              .then(() => refresh(w.id))
              .catch((err: unknown) => {
                rm.removeAttribute('disabled');
                status.replaceChildren(workError(err));
              });
          });
          return h(
            'tr',
            { 'data-id': m.id },
            h('td', {}, classBadge(m.riskClass)),
            h('td', {}, h('a', { href: href.subject(m.id) }, m.name ?? m.id)),
            h('td', {}, tv('kind', m.kind)),
            h('td', { class: 'mono' }, fmtTime(m.addedAt)),
            h('td', { class: 'mono', title: m.addedBy ?? '' }, actorLabel(m.addedBy)),
            h('td', {}, rm),
          );
        }),
      );
      membersBox.replaceChildren(members.length ? table : emptyState(t('wl.membersEmpty')));
      more.replaceChildren();
      if (cursor) {
        const btn = h('button', { class: 'btn', type: 'button', id: 'watchlist-more' }, t('common.loadMore'));
        btn.addEventListener('click', () => {
          more.replaceChildren(loadingState());
          workApi
            .watchlist(w.id, cursor)
            .then((page) => {
              members = [...members, ...page.members];
              cursor = page.nextCursor;
              renderMembers();
            })
            .catch((err: unknown) => more.replaceChildren(workError(err)));
        });
        more.append(btn);
      }
    };

    const added = (r: { added: number; alreadyWatched: number; size: number }) =>
      void refresh(
        w.id,
        h(
          'p',
          { class: 'notice ok', id: 'watchlist-added' },
          t('wl.added', { added: r.added, already: r.alreadyWatched, size: r.size }),
        ),
      );
    addForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const v = ref.value.trim();
      if (!v) return;
      addBtn.setAttribute('disabled', '');
      status.replaceChildren(loadingState('common.working'));
      workApi
        .addToWatchlist(w.id, [v])
        .then((r) => {
          ref.value = '';
          added(r);
        })
        .catch((err: unknown) => status.replaceChildren(failure(err)))
        .finally(() => addBtn.removeAttribute('disabled'));
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (!f) return;
      status.replaceChildren(loadingState('common.uploading'));
      readTextFile(f)
        .then((csv) => workApi.addCsvToWatchlist(w.id, csv))
        .then(added)
        .catch((err: unknown) => status.replaceChildren(failure(err)))
        .finally(() => {
          file.value = '';
        });
    });
    del.addEventListener('click', () => {
      if (!confirm(t('wl.confirmDelete', { name: w.name }))) return;
      del.setAttribute('disabled', '');
      workApi
        .deleteWatchlist(w.id)
        .then(() => {
          all = all.filter((x) => x.id !== w.id);
          open(null);
          panel.replaceChildren(
            h('p', { class: 'notice ok', id: 'watchlist-deleted' }, t('wl.deleted', { name: w.name })),
          );
        })
        .catch((err: unknown) => {
          del.removeAttribute('disabled');
          status.replaceChildren(workError(err));
        });
    });

    renderMembers();
    if (notice) status.replaceChildren(notice);
    panel.replaceChildren(
      h('div', { class: 'wl-head' }, h('h3', { id: 'watchlist-title' }, w.name), del),
      h(
        'p',
        { class: 'muted' },
        size,
        ` · ${t('wl.depth')} ${t('wl.depthN', { n: w.depth })} · ${fmtDate(w.createdAt)}`,
      ),
      h('h4', {}, t('wl.add')),
      addForm,
      h('h4', {}, t('wl.csv')),
      h('p', { class: 'work-hint' }, t('wl.csvHint')),
      file,
      status,
      h('h4', {}, t('wl.members')),
      membersBox,
      more,
    );
  };

  /** Reloads the opened list (first page) and the sizes in the list of lists, showing `notice` above it. */
  const refresh = async (id: string, notice?: HTMLElement) => {
    try {
      const w = await workApi.watchlist(id, null);
      if (selected !== id) return;
      const i = all.findIndex((x) => x.id === id);
      if (i >= 0) all[i] = { ...all[i]!, size: w.size };
      renderLists();
      showList(w, notice);
    } catch (err) {
      if (!isAbort(err)) panel.replaceChildren(workError(err, () => void refresh(id)));
    }
  };

  const open = (id: string | null) => {
    selected = id;
    history.replaceState(null, '', href.watchlists(id));
    renderLists();
    ctl?.abort();
    if (!id) {
      panel.replaceChildren(emptyState(t('wl.pick')));
      return;
    }
    ctl = new AbortController();
    const c = ctl;
    panel.replaceChildren(loadingState());
    workApi
      .watchlist(id, null, c.signal)
      .then((w) => {
        if (!c.signal.aborted) showList(w);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) panel.replaceChildren(workError(err, () => open(id)));
      });
  };

  return {
    el,
    update({ id }) {
      void loadLists().then(() => open(id));
    },
    destroy() {
      ctl?.abort();
      el.remove();
    },
  };
}
