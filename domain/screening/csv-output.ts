/**
 * Screening results as CSV, one line per screened row, for a bank's spreadsheet. Cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR at the start) are prefixed with an apostrophe: names come from
 * public records and must never execute on an analyst's machine (CSV injection).
 */
import type { ScreeningResult } from './types.ts';

export const RESULT_CSV_COLUMNS = [
  'line',
  'ref',
  'inputName',
  'inputUscc',
  'inputIdMasked',
  'matchStatus',
  'matchedBy',
  'matchScore',
  'matchReasons',
  'subjectId',
  'subjectName',
  'subjectUscc',
  'subjectIdMasked',
  'riskScore',
  'riskClass',
  'lists',
  'measuresInForce',
  'relatedHitCount',
  'relatedHits',
  'guaranteeCircle',
  'guaranteeCircleSize',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultCsvHeader(): string {
  return `${RESULT_CSV_COLUMNS.join(',')}\r\n`;
}

export function resultCsvLine(r: ScreeningResult): string {
  const hits = r.related.hits.map(
    (h) =>
      `${h.subject.name ?? h.subject.id} [${h.subject.id}] d=${h.distance}: ${h.reasons.map((x) => x.code).join('+')}`,
  );
  const cells: Array<string | number | boolean | null> = [
    r.line,
    r.ref,
    r.input.name,
    r.input.uscc,
    r.input.idMasked,
    r.match.status,
    r.match.by,
    r.match.score,
    r.match.reasons.map((x) => x.code).join(';'),
    r.subject?.id ?? null,
    r.subject?.name ?? null,
    r.subject?.uscc ?? null,
    r.subject?.idMasked ?? null,
    r.risk?.score ?? null,
    r.risk?.riskClass ?? null,
    r.lists.map((l) => l.category).join(';'),
    r.measures.map((m) => `${m.code}(${m.status})`).join(';'),
    r.related.hits.length,
    hits.join(' | '),
    r.guaranteeCircle.member,
    r.guaranteeCircle.size,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
