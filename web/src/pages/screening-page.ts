/**
 * Batch screening (#/screening[/job id]): upload a CSV or paste rows, choose the related-party reach, submit.
 * Small lists are answered at once; large ones (or "background job") run as a job whose progress is polled
 * until it completes, then its results are shown and can be downloaded as JSON or CSV. The job id stays in the
 * address, so a reload (or a colleague's link in the same organisation) resumes the view.
 */
import { ApiDetailError, workApi } from '../api/client.ts';
import type { ScreeningInputError, ScreeningStatus, ScreeningSync } from '../api/types.ts';
import { t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { emptyState, h, loadingState, type View } from '../ui/dom.ts';
import { readTextFile, saveBlob } from '../ui/files.ts';
import { problemsTable } from '../ui/problems-table.ts';
import { resultsTable, summaryLine } from '../ui/screening-results.ts';
import { workError } from '../ui/work-state.ts';

const POLL_MS = 1000;
const MAX_HOPS = 4;

export function createScreeningPage(): View<{ id: string | null }> {
  const file = h('input', { type: 'file', id: 'screening-file', accept: '.csv,text/csv' });
  const paste = h('textarea', {
    id: 'screening-text',
    class: 'text-input mono',
    rows: 5,
    placeholder: 'ref,name,uscc\nL-001,深圳市星河科技有限公司,91440300…',
  });
  const hops = h(
    'select',
    { id: 'screening-hops' },
    ...Array.from({ length: MAX_HOPS + 1 }, (_, n) => h('option', { value: n, selected: n === 2 }, n)),
  );
  const mode = h(
    'select',
    { id: 'screening-mode' },
    h('option', { value: 'auto' }, t('scr.modeAuto')),
    h('option', { value: 'async' }, t('scr.modeAsync')),
  );
  const submit = h(
    'button',
    { class: 'btn primary', id: 'screening-submit', type: 'submit' },
    t('scr.submit'),
  );
  const form = h(
    'form',
    { class: 'card scr-form' },
    h('p', { class: 'work-hint' }, t('scr.intro')),
    h('div', { class: 'scr-inputs' }, h('label', { class: 'filter' }, t('scr.file'), file)),
    h('label', { class: 'filter' }, t('scr.paste'), paste),
    h('p', { class: 'work-hint' }, t('scr.formatHint')),
    h(
      'div',
      { class: 'filters' },
      h('label', { class: 'filter' }, t('scr.hops'), hops),
      h('label', { class: 'filter' }, t('scr.mode'), mode),
      submit,
    ),
  );
  const out = h('div', { id: 'screening-output', 'aria-live': 'polite' });
  const el = h('div', { class: 'page page-screening' }, h('h2', {}, t('scr.title')), form, out);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;
  let jobId: string | null = null;

  const download = (id: string, format: 'json' | 'csv') => {
    const btn = h(
      'button',
      { class: 'btn', type: 'button', id: `screening-download-${format}` },
      t(format === 'json' ? 'scr.downloadJson' : 'scr.downloadCsv'),
    );
    btn.addEventListener('click', () => {
      btn.setAttribute('disabled', '');
      workApi
        .screeningFile(id, format)
        .then((blob) => saveBlob(blob, `${id}.${format}`))
        .catch((err: unknown) => btn.after(workError(err)))
        .finally(() => btn.removeAttribute('disabled'));
    });
    return btn;
  };

  const showSync = (res: ScreeningSync) => {
    const json = h(
      'button',
      { class: 'btn', type: 'button', id: 'screening-download-json' },
      t('scr.downloadJson'),
    );
    json.addEventListener('click', () =>
      saveBlob(
        new Blob([JSON.stringify({ asOf: res.asOf, hops: res.hops, results: res.results }, null, 2)], {
          type: 'application/json',
        }),
        `screening-${res.asOf}.json`,
      ),
    );
    out.replaceChildren(
      h(
        'section',
        { class: 'card', id: 'screening-job', 'data-status': 'completed' },
        summaryLine(res.summary),
        h('div', { class: 'actions' }, json, h('span', { class: 'work-hint' }, t('scr.syncHint'))),
        resultsTable(res.results),
      ),
    );
  };

  const showJob = async (s: ScreeningStatus) => {
    const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 0;
    const head = h(
      'div',
      { class: 'job-head' },
      h('strong', {}, t('scr.job', { id: s.id })),
      h('span', { class: `tag job-status job-${s.status}` }, tv('scr.status', s.status)),
    );
    const bar = h(
      'div',
      {
        class: 'job-progress',
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': s.total,
        'aria-valuenow': s.done,
      },
      h('div', { class: 'job-progress-bar', style: `width: ${s.status === 'completed' ? 100 : pct}%` }),
    );
    const progress = h(
      'div',
      { class: 'muted', id: 'screening-progress' },
      t('scr.progress', { done: s.done, total: s.total, pct: s.status === 'completed' ? 100 : pct }),
    );
    const card = h(
      'section',
      { class: 'card', id: 'screening-job', 'data-status': s.status, 'data-id': s.id },
      head,
      bar,
      progress,
    );
    out.replaceChildren(card);
    if (s.status === 'failed') {
      card.append(
        h(
          'div',
          { class: 'state state-error', role: 'alert' },
          t('scr.failed', { message: s.message ?? '—' }),
        ),
      );
      return;
    }
    if (s.status !== 'completed') return;
    if (s.summary) card.append(summaryLine(s.summary));
    card.append(h('div', { class: 'actions' }, download(s.id, 'json'), download(s.id, 'csv')));
    const table = h('div', {}, loadingState());
    card.append(table);
    try {
      const results = await workApi.screeningResults(s.id);
      if (jobId === s.id) table.replaceChildren(resultsTable(results));
    } catch (err) {
      table.replaceChildren(workError(err));
    }
  };

  const poll = async (id: string) => {
    clearTimeout(timer);
    if (!alive || jobId !== id) return;
    try {
      const s = await workApi.screening(id);
      if (!alive || jobId !== id) return;
      await showJob(s);
      if (s.status === 'queued' || s.status === 'running') timer = setTimeout(() => void poll(id), POLL_MS);
    } catch (err) {
      if (alive && jobId === id) out.replaceChildren(workError(err, () => void poll(id)));
    }
  };

  const follow = (id: string | null) => {
    jobId = id;
    clearTimeout(timer);
    history.replaceState(null, '', href.screening(id));
    if (id) {
      out.replaceChildren(loadingState());
      void poll(id);
    } else out.replaceChildren();
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      const f = file.files?.[0];
      const csv = f ? await readTextFile(f) : paste.value.trim();
      if (!csv) {
        out.replaceChildren(emptyState(t('scr.needInput')));
        return;
      }
      follow(null);
      submit.setAttribute('disabled', '');
      out.replaceChildren(loadingState(f ? 'common.uploading' : 'common.working'));
      try {
        const res = await workApi.screen(csv, {
          hops: Number(hops.value),
          mode: mode.value === 'async' ? 'async' : 'auto',
        });
        if (res.mode === 'sync') showSync(res);
        else follow(res.id);
      } catch (err) {
        const errors =
          err instanceof ApiDetailError ? (err.details as { errors?: ScreeningInputError[] })?.errors : null;
        out.replaceChildren(
          errors?.length
            ? problemsTable(
                t('scr.inputErrors', { n: errors.length }),
                errors.map((e) => ({ row: e.line, field: e.field, reason: e.reason })),
                'screening-problems',
              )
            : workError(err),
        );
      } finally {
        submit.removeAttribute('disabled');
      }
    })();
  });

  return {
    el,
    update({ id }) {
      follow(id);
    },
    destroy() {
      alive = false;
      clearTimeout(timer);
      el.remove();
    },
  };
}
