/**
 * The printable credit report (`?format=html`): one self-contained HTML page with print styles and the network
 * as inline SVG; no scripts, no external resources. Every value is escaped (`esc`).
 */
import type { CreditReport } from './build-report.ts';
import { esc } from './escape.ts';
import { type LabelKey, label, type ReportLang } from './labels.ts';
import { renderNetworkSvg } from './network-svg.ts';

const STYLE = `
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:#222;max-width:960px;margin:24px auto;padding:0 16px;font-size:13px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:16px;border-bottom:2px solid #345;padding-bottom:3px;margin-top:26px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef1f5}.meta{color:#555}.class-A{color:#1a7f37}.class-B{color:#9a6700}.class-C{color:#bc4c00}.class-D{color:#cf222e}
.score{font-size:28px;font-weight:bold}ul.steps{margin:0;padding-left:18px}
svg.network .edge{stroke:#889;stroke-width:1.2}svg.network .edge-label{font-size:9px;fill:#667;text-anchor:middle}
svg.network .node rect{fill:#dbe8f7;stroke:#345}svg.network .node circle{fill:#fde8c8;stroke:#845}
svg.network .centre rect,svg.network .centre circle{stroke-width:3}svg.network text{font-size:10px;text-anchor:middle}
footer{margin-top:30px;color:#666;font-size:11px}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,svg{page-break-inside:avoid}}
`;

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function table(head: readonly string[], rows: readonly (readonly string[])[], lang: ReportLang): string {
  if (rows.length === 0) return `<p>${esc(label('none', lang))}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Renders the report; table cells are built from `esc`-ed values only. */
export function renderReportHtml(r: CreditReport, lang: ReportLang): string {
  const L = (k: LabelKey) => label(k, lang);
  const id = r.identity;
  const ref = (x: { name: string | null; id: string; idMasked: string | null }) =>
    `${esc(x.name ?? x.id)}${x.idMasked ? ` <span class="meta">${esc(x.idMasked)}</span>` : ''}`;
  const identityRows: Array<[LabelKey, string | null]> = [
    ['name', id.name],
    ['kind', id.kind],
    ['uscc', id.uscc],
    ['regNo', id.regNo],
    ['idMasked', id.idMasked],
    ['region', id.region],
    ['registeredAt', id.registeredAt],
    ['address', id.address],
  ];
  const sections: string[] = [];
  sections.push(
    `<h2>${esc(L('identity'))}</h2><table><tbody>${identityRows
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `<tr><th>${esc(L(k))}</th><td>${esc(v)}</td></tr>`)
      .join('')}</tbody></table>`,
  );
  sections.push(
    `<h2>${esc(L('risk'))}</h2><p><span class="score class-${esc(r.risk.riskClass)}">${esc(r.risk.score)}</span> · ${esc(L('riskClass'))} <strong class="class-${esc(r.risk.riskClass)}">${esc(r.risk.riskClass)}</strong>${
      r.risk.forcedClassReason ? ` · ${esc(L('forced'))}: ${esc(r.risk.forcedClassReason)}` : ''
    }${r.risk.stored ? ` <span class="meta">(${esc(L('stored'))}: ${esc(r.risk.stored.score)} ${esc(r.risk.stored.riskClass)})</span>` : ''}</p>` +
      table(
        [L('factor'), L('contribution'), L('details')],
        r.risk.factors.map((f) => [
          esc(f.factor),
          esc(f.contribution.toFixed(1)),
          f.details.length
            ? `<ul class="steps">${f.details.map((d) => `<li>${esc(d[lang])}</li>`).join('')}</ul>`
            : '',
        ]),
        lang,
      ),
  );
  sections.push(
    `<h2>${esc(L('lists'))}</h2>` +
      table(
        [L('category'), L('authority'), L('decisionDate'), L('publicationTo')],
        r.lists.map((l) => [esc(l.label[lang]), esc(l.authority), esc(l.decisionDate), esc(l.publicationTo)]),
        lang,
      ),
  );
  sections.push(
    `<h2>${esc(L('measures'))}</h2>` +
      table(
        [L('measure'), L('department'), L('status'), L('reasons')],
        r.measures.map((m) => [
          `${esc(m.name[lang])} <span class="meta">${esc(m.code)}</span>`,
          esc(m.department[lang]),
          esc(m.status),
          `<ul class="steps">${m.reasons
            .flatMap((x) => (x.steps.length ? x.steps.map((s) => s[lang]) : [x.basis]))
            .map((s) => `<li>${esc(s)}</li>`)
            .join('')}</ul>`,
        ]),
        lang,
      ),
  );
  sections.push(
    `<h2>${esc(L('records'))}${r.recordsTruncated ? esc(L('truncated')) : ''}</h2>` +
      table(
        [
          L('category'),
          L('severity'),
          L('authority'),
          L('actDate'),
          L('decisionDate'),
          L('status'),
          L('publicationTo'),
        ],
        r.records.map((x) => [
          `${esc(x.category)} <span class="meta">${esc(x.id)}</span>`,
          esc(x.severity),
          esc(x.authority),
          esc(x.actDate),
          esc(x.decisionDate),
          esc(x.status),
          esc(x.publicationTo),
        ]),
        lang,
      ),
  );
  sections.push(
    `<h2>${esc(L('ownership'))}${r.ownership.truncated ? esc(L('truncated')) : ''}</h2>` +
      table(
        [L('owner'), L('direct'), L('integrated')],
        r.ownership.owners.map((o) => [ref(o), esc(pct(o.direct)), esc(pct(o.integrated))]),
        lang,
      ),
  );
  const c = r.controllers;
  sections.push(
    `<h2>${esc(L('controllers'))}</h2><p><strong>${esc(L('actualController'))}</strong> (${esc(L('method'))}: ${esc(c.method)}): ${
      c.controllers.length
        ? c.controllers.map((x) => `${ref(x)} ${esc(pct(x.share))}`).join('；')
        : esc(L('none'))
    }</p><p><strong>${esc(L('beneficialOwners'))}</strong> (${esc(L('method'))}: ${esc(c.beneficialOwners.method)}): ${
      c.beneficialOwners.owners.length
        ? c.beneficialOwners.owners
            .map((x) => `${ref(x)} ${esc(pct(x.integrated))} ${esc(x.basis.join('/'))}`)
            .join('；')
        : esc(L('none'))
    }</p>`,
  );
  sections.push(
    `<h2>${esc(L('network'))}${r.network.truncated ? esc(L('truncated')) : ''}</h2>${renderNetworkSvg(
      { centre: id.id, nodes: r.network.nodes, edges: r.network.edges },
      lang,
    )}${r.network.hidden > 0 ? `<p class="meta">${esc(r.network.hidden)} ${esc(L('hidden'))}</p>` : ''}`,
  );
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(L('title'))} · ${esc(id.name ?? id.id)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(L('title'))} · ${esc(id.name ?? id.id)}</h1>
<p class="meta">${esc(L('generatedAt'))}: ${esc(r.generatedAt)} · ${esc(L('asOf'))}: ${esc(r.asOf)} · ID ${esc(id.id)}</p></header>
${sections.join('\n')}
<footer>${esc(L('footer'))}</footer></body></html>`;
}
