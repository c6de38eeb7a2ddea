/**
 * Feedback and statistics on joint reward and punishment (seed 004 s.26; domain.md §6): inclusions by measure,
 * implementing department and month, how many are suspended and lifted, and the checks made per scenario.
 * Departments come from the catalogue in force, so a re-assigned measure is counted under its current department.
 */
import type { CypherGateway } from '../../cypher/gateway.ts';
import { type Bilingual, findMeasure, MEASURE_CATALOGUE } from '../../domain/catalogues/measures.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';

export interface StatusCounts {
  total: number;
  in_force: number;
  suspended: number;
  lifted: number;
  withdrawn: number;
}

export interface MeasureStats {
  from: IsoDate;
  to: IsoDate;
  catalogueVersion: string;
  totals: StatusCounts;
  byMeasure: Array<{ code: string; name: Bilingual; department: Bilingual; counts: StatusCounts }>;
  byDepartment: Array<{ department: Bilingual; counts: StatusCounts }>;
  byPeriod: Array<{ period: string; counts: StatusCounts }>;
  /** Inclusions that ended within the window, whenever they started: lifted (repair, expiry) or withdrawn. */
  ended: { lifted: number; withdrawn: number; byReason: Record<string, number> };
  checks: { total: number; byScenario: Record<string, number> };
}

const empty = (): StatusCounts => ({ total: 0, in_force: 0, suspended: 0, lifted: 0, withdrawn: 0 });
const add = (c: StatusCounts, status: string, n: number) => {
  c.total += n;
  if (status === 'in_force' || status === 'suspended' || status === 'lifted' || status === 'withdrawn')
    c[status] += n;
};

export async function measureStats(
  gateway: CypherGateway,
  from: IsoDate,
  to: IsoDate,
): Promise<MeasureStats> {
  const [inclusions, ended, checks] = await Promise.all([
    gateway.read<{ measureCode: string; period: string; status: string; n: number }>(
      'punishment/stats-inclusions',
      { from, to },
    ),
    gateway.read<{ measureCode: string; status: string; reason: string | null; n: number }>(
      'punishment/stats-ended',
      { from, to },
    ),
    gateway.read<{ scenario: string; n: number }>('punishment/stats-checks', { from, to }),
  ]);
  const totals = empty();
  const byMeasure = new Map<string, StatusCounts>();
  const byDepartment = new Map<string, { department: Bilingual; counts: StatusCounts }>();
  const byPeriod = new Map<string, StatusCounts>();
  for (const row of inclusions) {
    add(totals, row.status, row.n);
    const m = byMeasure.get(row.measureCode) ?? empty();
    add(m, row.status, row.n);
    byMeasure.set(row.measureCode, m);
    const p = byPeriod.get(row.period) ?? empty();
    add(p, row.status, row.n);
    byPeriod.set(row.period, p);
    const department = findMeasure(MEASURE_CATALOGUE, row.measureCode)?.department ?? {
      zh: '（目录中无此措施）',
      en: '(measure not in the catalogue)',
    };
    const d = byDepartment.get(department.zh) ?? { department, counts: empty() };
    add(d.counts, row.status, row.n);
    byDepartment.set(department.zh, d);
  }
  const endedOut: MeasureStats['ended'] = { lifted: 0, withdrawn: 0, byReason: {} };
  for (const row of ended) {
    if (row.status === 'lifted') endedOut.lifted += row.n;
    else if (row.status === 'withdrawn') endedOut.withdrawn += row.n;
    const reason = row.reason ?? 'unknown';
    endedOut.byReason[reason] = (endedOut.byReason[reason] ?? 0) + row.n;
  }
  const byScenario: Record<string, number> = {};
  let checksTotal = 0;
  for (const row of checks) {
    byScenario[row.scenario] = row.n;
    checksTotal += row.n;
  }
  return {
    from,
    to,
    catalogueVersion: MEASURE_CATALOGUE.version,
    totals,
    byMeasure: [...byMeasure.entries()]
      .map(([code, counts]) => {
        const measure = findMeasure(MEASURE_CATALOGUE, code);
        return {
          code,
          name: measure?.name ?? { zh: code, en: code },
          department: measure?.department ?? {
            zh: '（目录中无此措施）',
            en: '(measure not in the catalogue)',
          },
          counts,
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code)),
    byDepartment: [...byDepartment.values()].sort((a, b) => b.counts.total - a.counts.total),
    byPeriod: [...byPeriod.entries()]
      .map(([period, counts]) => ({ period, counts }))
      .sort((a, b) => a.period.localeCompare(b.period)),
    ended: endedOut,
    checks: { total: checksTotal, byScenario },
  };
}
