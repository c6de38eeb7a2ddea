/**
 * Durable state of screening jobs in Neo4j: (:ScreeningRun) with its owner, status and counts, and the
 * results in (:ScreeningResults) chunks of JSON text (the graph is the system of record; a Redis job may
 * expire). A run belongs to an organisation, or to the account when it has none: nobody else sees it.
 */
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { ScreeningResult } from '../../domain/screening/types.ts';
import type { ScreeningPrincipal } from './scope.ts';

export const SCREENING_RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ScreeningRunStatus = (typeof SCREENING_RUN_STATUSES)[number];

export interface ScreeningSummary {
  total: number;
  byStatus: Record<'exact' | 'name' | 'ambiguous' | 'none', number>;
  withLists: number;
  withMeasures: number;
  withRelatedHits: number;
  inGuaranteeCircle: number;
}

export interface ScreeningRun {
  id: string;
  org: string | null;
  accountId: string;
  status: ScreeningRunStatus;
  total: number;
  done: number;
  hops: number;
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  summary: ScreeningSummary | null;
  message: string | null;
}

export const emptySummary = (): ScreeningSummary => ({
  total: 0,
  byStatus: { exact: 0, name: 0, ambiguous: 0, none: 0 },
  withLists: 0,
  withMeasures: 0,
  withRelatedHits: 0,
  inGuaranteeCircle: 0,
});

/** Adds results to a running summary. */
export function summarise(summary: ScreeningSummary, results: readonly ScreeningResult[]): ScreeningSummary {
  for (const r of results) {
    summary.total++;
    summary.byStatus[r.match.status]++;
    if (r.lists.some((l) => l.list === 'blacklist')) summary.withLists++;
    if (r.measures.length > 0) summary.withMeasures++;
    if (r.related.hits.length > 0) summary.withRelatedHits++;
    if (r.guaranteeCircle.member) summary.inGuaranteeCircle++;
  }
  return summary;
}

type RunFields = Partial<{
  org: string | null;
  accountId: string;
  status: ScreeningRunStatus;
  total: number;
  done: number;
  hops: number;
  createdAt: string;
  startedAt: string;
  finishedAt: string;
  summary: ScreeningSummary;
  message: string;
}>;

export async function saveRun(gateway: CypherGateway, id: string, fields: RunFields): Promise<void> {
  await gateway.write('screening/save-run', {
    id,
    org: fields.org ?? null,
    accountId: fields.accountId ?? null,
    status: fields.status ?? null,
    total: fields.total ?? null,
    done: fields.done ?? null,
    hops: fields.hops ?? null,
    createdAt: fields.createdAt ?? null,
    startedAt: fields.startedAt ?? null,
    finishedAt: fields.finishedAt ?? null,
    summary: fields.summary ? JSON.stringify(fields.summary) : null,
    message: fields.message ?? null,
  });
}

export async function getRun(gateway: CypherGateway, id: string): Promise<ScreeningRun | null> {
  const [row] = await gateway.read<{ props: Record<string, unknown> }>('screening/get-run', { id });
  if (!row) return null;
  const p = row.props;
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const n = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : 0);
  return {
    id,
    org: s('org'),
    accountId: s('accountId') ?? '',
    status: (s('status') ?? 'queued') as ScreeningRunStatus,
    total: n('total'),
    done: n('done'),
    hops: n('hops'),
    createdAt: s('createdAt'),
    startedAt: s('startedAt'),
    finishedAt: s('finishedAt'),
    summary: s('summary') ? (JSON.parse(s('summary')!) as ScreeningSummary) : null,
    message: s('message'),
  };
}

/**
 * Whether `principal` owns `run`: same organisation, or — for accounts without one — the same account.
 * Anyone else is told the run does not exist (a bank must not learn another bank's job ids).
 */
export function ownsRun(
  run: Pick<ScreeningRun, 'org' | 'accountId'>,
  principal: ScreeningPrincipal,
): boolean {
  if (run.org !== null) return principal.org === run.org;
  return principal.org === null && principal.accountId === run.accountId;
}

export async function saveChunk(
  gateway: CypherGateway,
  runId: string,
  seq: number,
  results: readonly ScreeningResult[],
): Promise<void> {
  await gateway.write('screening/save-chunk', {
    runId,
    seq,
    results: JSON.stringify(results),
    count: results.length,
  });
}

/** The stored results in input order, a few chunks per read so a 10,000-row run never sits whole in memory. */
export async function* readResults(gateway: CypherGateway, runId: string): AsyncGenerator<ScreeningResult[]> {
  const PER_READ = 4;
  let from = 0;
  for (;;) {
    const rows = await gateway.read<{ seq: number; results: string }>('screening/get-chunks', {
      runId,
      from,
      limit: PER_READ,
    });
    for (const r of rows) yield JSON.parse(r.results) as ScreeningResult[];
    if (rows.length < PER_READ) return;
    from = rows[rows.length - 1]!.seq + 1;
  }
}
