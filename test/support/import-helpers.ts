/** Helpers for tests that load data through the real import. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ImportSummary, runImport } from '../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../jobs/ingest/sources.ts';
import type { Services } from '../../server/services.ts';

export const TODAY = '2026-11-22';

export function tempDir(prefix = 'cl-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes rows (objects are JSON-encoded, strings written as they are) as an NDJSON file. */
export function writeNdjson(
  dir: string,
  name: string,
  rows: Array<Record<string, unknown> | string>,
): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`);
  return file;
}

export async function importPath(
  services: Services,
  target: string,
  opts: { batchSize?: number; today?: string } = {},
): Promise<ImportSummary> {
  const { RECORD_CATEGORY_CATALOGUE } = await import('../../domain/catalogues/record-categories.ts');
  return runImport(listImportFiles(target), {
    gateway: services.gateway,
    secret: services.cfg.PII_HASH_SECRET,
    validation: { today: opts.today ?? TODAY, catalogue: RECORD_CATEGORY_CATALOGUE },
    batchSize: opts.batchSize ?? services.cfg.IMPORT_BATCH_SIZE,
  });
}

/** Nodes by label and relationships by type, as one flat record for equality checks. */
/**
 * Nodes and relationships by label and type — the stored data, for "nothing changed" assertions. The audit log
 * is left out: it records every request, refused ones included, by design.
 */
export async function graphCounts(services: Services): Promise<Record<string, number>> {
  const rows = await services.gateway.read<{ element: string; name: string; n: number }>(
    'maintenance/count-graph',
  );
  return Object.fromEntries(
    rows.filter((r) => !AUDIT_LABELS.has(r.name)).map((r) => [`${r.element}:${r.name}`, r.n]),
  );
}
const AUDIT_LABELS = new Set(['AuditEntry', 'AuditHead']);
