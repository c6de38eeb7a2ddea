/**
 * A screening list as CSV (issue 7: "CSV upload too"): a header row, then one subject per line. Headers may be
 * the field names (`name,uscc,idNumber,ref`) or their usual Chinese captions, because banks export these lists
 * from their own systems. Every problem names its line; quoted cells may hold commas and line breaks.
 */
import { parse } from 'csv-parse/sync';
import type { InputField, RowError, ScreeningInputRow } from './input.ts';
import { SCREENING_LIMITS } from './limits.ts';

/** Header captions → field. Compared after trimming and lower-casing. */
const HEADER_ALIASES: Readonly<Record<string, InputField>> = {
  ref: 'ref',
  reference: 'ref',
  参考号: 'ref',
  编号: 'ref',
  客户编号: 'ref',
  name: 'name',
  名称: 'name',
  主体名称: 'name',
  企业名称: 'name',
  姓名: 'name',
  uscc: 'uscc',
  regno: 'uscc',
  统一社会信用代码: 'uscc',
  信用代码: 'uscc',
  注册号: 'uscc',
  idnumber: 'idNumber',
  id_number: 'idNumber',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
};

export interface CsvRows {
  rows: Array<{ row: ScreeningInputRow; line: number }>;
}

export type CsvParseResult = { ok: true; rows: CsvRows['rows'] } | { ok: false; errors: RowError[] };

type Info = { lines: number };

/** Reads a screening CSV; errors name the line (1 = header) and the column. */
export function parseScreeningCsv(text: string, maxRows: number = SCREENING_LIMITS.maxRows): CsvParseResult {
  let records: Array<{ record: string[]; info: Info }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
    }) as unknown as Array<{ record: string[]; info: Info }>;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return {
      ok: false,
      errors: [
        { line: typeof e.lines === 'number' ? e.lines : 0, field: '', reason: `malformed CSV: ${e.message}` },
      ],
    };
  }
  const header = records[0];
  if (!header) return { ok: false, errors: [{ line: 1, field: '', reason: 'the file is empty' }] };
  const fields: InputField[] = [];
  const errors: RowError[] = [];
  header.record.forEach((caption, k) => {
    const f = HEADER_ALIASES[caption.trim().toLowerCase()];
    if (!f)
      errors.push({
        line: header.info.lines,
        field: caption.slice(0, 40),
        reason: `unknown column ${k + 1}; use ref, name, uscc, idNumber (or 名称, 统一社会信用代码, 身份证号, 编号)`,
      });
    else if (fields.includes(f))
      errors.push({
        line: header.info.lines,
        field: caption.slice(0, 40),
        reason: `column "${f}" appears twice`,
      });
    fields.push(f ?? 'ref');
  });
  if (!fields.includes('name') && !fields.includes('uscc') && !fields.includes('idNumber'))
    errors.push({
      line: header.info.lines,
      field: '',
      reason: 'the header needs a name, uscc or idNumber column',
    });
  if (errors.length > 0) return { ok: false, errors };
  const body = records.slice(1);
  if (body.length === 0)
    return { ok: false, errors: [{ line: 2, field: '', reason: 'no subjects after the header' }] };
  if (body.length > maxRows) {
    return {
      ok: false,
      errors: [
        {
          line: body[maxRows]!.info.lines,
          field: '',
          reason: `more than ${maxRows} subjects (${body.length}); split the file`,
        },
      ],
    };
  }
  const rows = body.map(({ record, info }) => {
    const row: ScreeningInputRow = {};
    fields.forEach((f, k) => {
      const v = record[k];
      if (v !== undefined && v.trim() !== '') row[f] = v;
    });
    return { row, line: info.lines };
  });
  return { ok: true, rows };
}
