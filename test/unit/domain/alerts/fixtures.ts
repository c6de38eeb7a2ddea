import type { RecordAlertContext } from '../../../../domain/alerts/evaluate-record.ts';
import { shortestPathTree } from '../../../../domain/alerts/paths.ts';
import type { SubjectInfo, WatchHit } from '../../../../domain/alerts/types.ts';

export const borrower: SubjectInfo = { id: 'org-B', name: '借款公司', kind: 'enterprise' };
export const holder: SubjectInfo = { id: 'org-H', name: '控股公司', kind: 'enterprise' };
export const li: SubjectInfo = { id: 'p-li', name: '李某', kind: 'natural_person' };
export const fresh: SubjectInfo = { id: 'org-N', name: '新设公司', kind: 'enterprise' };

export const edges = [
  { type: 'SHAREHOLDER' as const, from: holder.id, to: borrower.id, stakePct: 60, validFrom: '2018-01-01' },
  { type: 'LEGAL_REP' as const, from: li.id, to: holder.id, validFrom: '2015-01-01' },
  { type: 'LEGAL_REP' as const, from: li.id, to: fresh.id, validFrom: '2025-03-01' },
];
export const meta = new Map([borrower, holder, li, fresh].map((s) => [s.id, s]));

/** Watchlist WL-1 (org BANK-A, depth 2) watches the borrower; the cause is the holder, one hop away. */
export function hitFor(cause: string, watchlistId = 'WL-1', depth = 2): WatchHit[] {
  const tree = shortestPathTree(edges, meta, cause, { maxHops: 4, day: '2026-01-01' });
  const hops = tree.hops.get(borrower.id);
  if (hops === undefined || hops > depth) return [];
  return [
    {
      watchlistId,
      org: 'BANK-A',
      ownerAccount: 'acc-1',
      depth,
      watched: borrower,
      hops,
      path: tree.pathFrom(borrower.id)!,
    },
  ];
}

export function recordContext(overrides: Partial<RecordAlertContext> = {}): RecordAlertContext {
  return {
    record: {
      id: 'PEN-1',
      subjectId: holder.id,
      category: 'administrative_penalty',
      categoryZh: '行政处罚',
      categoryEn: 'administrative penalty',
      severity: 'serious',
      status: 'active',
      actDate: '2025-01-10',
    },
    subject: holder,
    bindings: [
      { subject: holder, roles: ['subject'], status: 'in_force', punishment: true, via: null },
      {
        subject: li,
        roles: ['legal_representative'],
        status: 'in_force',
        punishment: true,
        via: {
          kind: 'binding',
          nodes: [li, holder],
          links: [{ type: 'LEGAL_REP', reversed: false, validFrom: '2015-01-01', validTo: null }],
        },
      },
    ],
    newSeats: [],
    guarantee: null,
    watchHits: new Map([[holder.id, hitFor(holder.id)]]),
    ...overrides,
  };
}
