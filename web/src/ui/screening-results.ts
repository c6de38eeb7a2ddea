/**
 * Screening results as a table, one row per screened subject: what was sent, how it matched (status, by what,
 * score, candidates), the matched subject, its risk class and score, lists and measures, related-party hits
 * (each with its distance and reasons, into the subject page and the network explorer) and guarantee circle.
 * Long batches are shown a page at a time.
 */
import type { ScreeningResult, ScreeningSummary } from '../api/types.ts';
import { lang, t, tv } from '../i18n.ts';
import { href } from '../router.ts';
import { matchTag } from './badges.ts';
import { classBadge, h } from './dom.ts';

const PAGE = 100;
/** Measures shown before the rest fold away: a listed company can carry a dozen. */
const MEASURES_SHOWN = 3;

export function summaryLine(s: ScreeningSummary): HTMLElement {
  return h(
    'p',
    { class: 'scr-summary', id: 'screening-summary' },
    t('scr.summary', {
      total: s.total,
      exact: s.byStatus.exact,
      name: s.byStatus.name,
      ambiguous: s.byStatus.ambiguous,
      none: s.byStatus.none,
      lists: s.withLists,
      measures: s.withMeasures,
      related: s.withRelatedHits,
      circle: s.inGuaranteeCircle,
    }),
  );
}

const bi = (b: { zh: string; en: string }) => (lang() === 'zh' ? b.zh : b.en);
const stack = (...lines: Array<Node | string | null>) =>
  h('div', { class: 'stack' }, ...lines.filter((x): x is Node | string => x !== null));

const measureTag = (x: ScreeningResult['measures'][number]) =>
  h('span', { class: 'tag measure' }, `${bi(x.name)}${x.status === 'suspended' ? t('scr.suspended') : ''}`);

function row(r: ScreeningResult): HTMLElement {
  const m = r.match;
  const hits = r.related.hits;
  return h(
    'tr',
    { 'data-line': r.line, 'data-match': m.status, 'data-subject': r.subject?.id ?? '' },
    h(
      'td',
      { class: 'mono nowrap' },
      stack(String(r.line), r.ref ? h('span', { class: 'muted' }, r.ref) : null),
    ),
    h(
      'td',
      {},
      stack(
        r.input.name,
        r.input.uscc ? h('span', { class: 'mono muted' }, r.input.uscc) : null,
        r.input.idMasked ? h('span', { class: 'mono muted' }, r.input.idMasked) : null,
      ),
    ),
    h(
      'td',
      { class: 'nowrap' },
      stack(
        matchTag(m.status),
        m.by ? h('span', { class: 'muted' }, tv('matchedBy', m.by)) : null,
        m.score !== null ? h('span', { class: 'muted' }, t('scr.score', { s: m.score.toFixed(2) })) : null,
        r.candidates.length
          ? h(
              'span',
              { class: 'muted' },
              t('scr.candidates', {
                names: r.candidates.map((c) => `${c.name ?? c.id} (${c.score.toFixed(2)})`).join('、'),
              }),
            )
          : null,
      ),
    ),
    h(
      'td',
      {},
      r.subject
        ? h('a', { href: href.subject(r.subject.id) }, r.subject.name ?? r.subject.idMasked ?? r.subject.id)
        : '—',
    ),
    h(
      'td',
      { class: 'nowrap' },
      r.risk
        ? h('span', { class: 'risk-cell' }, classBadge(r.risk.riskClass), ` ${r.risk.score.toFixed(0)}`)
        : '—',
    ),
    h(
      'td',
      {},
      r.lists.length || r.measures.length
        ? stack(
            ...r.lists.map((l) => h('span', { class: `tag list-${l.list}` }, bi(l.label))),
            ...r.measures.slice(0, MEASURES_SHOWN).map(measureTag),
            r.measures.length > MEASURES_SHOWN
              ? h(
                  'details',
                  {},
                  h('summary', {}, t('scr.moreMeasures', { n: r.measures.length - MEASURES_SHOWN })),
                  stack(...r.measures.slice(MEASURES_SHOWN).map(measureTag)),
                )
              : null,
          )
        : '—',
    ),
    h(
      'td',
      {},
      hits.length
        ? h(
            'details',
            {},
            h('summary', {}, t('scr.hits', { n: hits.length })),
            h(
              'ul',
              { class: 'hit-list' },
              ...hits.map((x) =>
                h(
                  'li',
                  {},
                  classBadge(x.riskClass),
                  h(
                    'a',
                    { href: href.subject(x.subject.id) },
                    x.subject.name ?? x.subject.idMasked ?? x.subject.id,
                  ),
                  h('span', { class: 'muted' }, t('scr.distance', { n: x.distance })),
                  h('span', { class: 'muted' }, x.reasons.map((c) => tv('hit', c.code)).join('、')),
                  h('a', { class: 'muted', href: href.network(x.subject.id) }, t('nav.network')),
                ),
              ),
            ),
          )
        : '—',
    ),
    h(
      'td',
      { class: 'nowrap' },
      r.guaranteeCircle.member ? t('scr.circleYes', { n: r.guaranteeCircle.size }) : '—',
    ),
  );
}

export function resultsTable(results: readonly ScreeningResult[]): HTMLElement {
  const body = h('tbody', {});
  const more = h('div', { class: 'more-row' });
  let shown = 0;
  const showMore = () => {
    const next = results.slice(shown, shown + PAGE);
    body.append(...next.map(row));
    shown += next.length;
    more.replaceChildren();
    if (shown < results.length) {
      const btn = h('button', { class: 'btn', type: 'button' }, t('scr.more', { n: results.length - shown }));
      btn.addEventListener('click', showMore);
      more.append(btn);
    }
  };
  showMore();
  const cols = ['line', 'input', 'match', 'subject', 'risk', 'lists', 'related', 'circle'] as const;
  return h(
    'div',
    { class: 'scr-results' },
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data-table', id: 'screening-results' },
        h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, tv('scr.col', c))))),
        body,
      ),
    ),
    more,
  );
}
