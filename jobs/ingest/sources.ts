/**
 * Import files: which ones a path names, their format and row kind, and their rows as a stream with
 * line numbers. NDJSON: one object per line with `kind`. CSV: one file per kind with a header; the kind
 * comes from a `kind` column or the file name (subjects*.csv, relations*.csv, records*.csv).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import type { RowKind } from '../../domain/schemas/validate-row.ts';

export interface ImportFile {
  path: string;
  /** Name shown in error reports. */
  name: string;
  format: 'ndjson' | 'csv';
  bytes: number;
  /** For CSV without a kind column: the kind every row has. */
  csvKind?: RowKind;
}

export interface SourceRow {
  line: number;
  raw?: Record<string, unknown>;
  /** The line could not be read as a row at all (bad JSON, CSV column count). */
  parseError?: string;
}

export class ImportInputError extends Error {
  constructor(
    readonly code: 'IMPORT_NOT_FOUND' | 'IMPORT_NO_FILES' | 'IMPORT_FORMAT' | 'IMPORT_CSV_KIND',
    message: string,
  ) {
    super(message);
  }
}

const KIND_FROM_NAME: Array<[RegExp, RowKind]> = [
  [/^subjects?\b|^subjects?[-_.]/i, 'subject'],
  [/^relations?(hips?)?\b|^relations?(hips?)?[-_.]/i, 'relation'],
  [/^records?\b|^records?[-_.]/i, 'record'],
];

function formatOf(file: string): 'ndjson' | 'csv' | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.csv') return 'csv';
  return null;
}

function csvKindOf(file: string): RowKind | undefined {
  const header =
    fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 4096).split(/\r?\n/)[0] ?? '';
  const columns = header
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  if (columns.includes('kind')) return undefined;
  const base = path.basename(file);
  const hit = KIND_FROM_NAME.find(([re]) => re.test(base));
  if (!hit) {
    throw new ImportInputError(
      'IMPORT_CSV_KIND',
      `Cannot tell what ${base} holds: name it subjects*.csv, relations*.csv or records*.csv, or add a "kind" column.`,
    );
  }
  return hit[1];
}

/**
 * The files a CLI argument or upload names: one file, or every .ndjson/.jsonl/.csv in a folder (sorted,
 * not recursive). `displayName` replaces the file name in reports (uploads are stored under temp names).
 */
export function listImportFiles(target: string, displayName?: string): ImportFile[] {
  if (!fs.existsSync(target))
    throw new ImportInputError('IMPORT_NOT_FOUND', `No such file or folder: ${target}`);
  const stat = fs.statSync(target);
  const paths = stat.isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => formatOf(f) !== null)
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  if (paths.length === 0)
    throw new ImportInputError('IMPORT_NO_FILES', `No .ndjson, .jsonl or .csv files in ${target}`);
  return paths.map((p) => {
    const name = displayName ?? path.basename(p);
    const format = formatOf(displayName ?? p);
    if (!format)
      throw new ImportInputError('IMPORT_FORMAT', `${name}: unknown format; use .ndjson, .jsonl or .csv`);
    const file: ImportFile = { path: p, name, format, bytes: fs.statSync(p).size };
    if (format === 'csv') {
      const kind = csvKindOf(p);
      if (kind) file.csvKind = kind;
    }
    return file;
  });
}

/** Streams a file's rows; `onBytes` receives the number of bytes read so far, for progress. */
export async function* readRows(
  file: ImportFile,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<SourceRow> {
  const stream = fs.createReadStream(file.path);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  if (file.format === 'ndjson') {
    const lines = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      const trimmed = text.trim();
      if (trimmed === '') continue;
      try {
        const raw = JSON.parse(line === 1 ? trimmed.replace(/^\uFEFF/, '') : trimmed) as unknown;
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
          yield { line, parseError: 'each line must be a JSON object' };
        } else {
          yield { line, raw: raw as Record<string, unknown> };
        }
      } catch (err) {
        yield { line, parseError: `not valid JSON: ${(err as Error).message}` };
      }
    }
    return;
  }
  const skipped: SourceRow[] = [];
  const parser = stream.pipe(
    parse({
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({ line: err.lines ?? 0, parseError: `malformed CSV: ${err.message}` });
  });
  for await (const rec of parser as AsyncIterable<{
    record: Record<string, unknown>;
    info: { lines: number };
  }>) {
    while (skipped.length) yield skipped.shift()!;
    const raw = file.csvKind ? { kind: file.csvKind, ...rec.record } : rec.record;
    yield { line: rec.info.lines, raw };
  }
  while (skipped.length) yield skipped.shift()!;
}
