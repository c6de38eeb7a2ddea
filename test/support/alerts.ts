/** Alert test helpers on the real Neo4j: a bank's watchlist, and the alerts as each reader would list them. */
import { alertFromProps, type StoredAlert } from '../../jobs/alerts/store.ts';
import type { Services } from '../../server/services.ts';

export async function createWatchlist(
  services: Services,
  watchlist: { id: string; org: string; subjectIds: string[]; depth: number },
): Promise<void> {
  const { id, org, subjectIds, depth } = watchlist;
  await services.gateway.write('watchlists/create', {
    id,
    name: `loan book ${id}`,
    ownerAccount: `acc-${id}`,
    org,
    depth,
    createdAt: new Date().toISOString(),
  });
  await services.gateway.write('watchlists/add-subjects', {
    id,
    subjectIds,
    addedAt: new Date().toISOString(),
    addedBy: `acc-${id}`,
  });
}

/**
 * The alerts one reader lists: with `org`, a bank's own (restricted, optionally one watchlist's); without, the
 * general inbox an unrestricted reader sees.
 */
export async function listAlerts(
  services: Services,
  filter: { org?: string; watchlistId?: string } = {},
): Promise<StoredAlert[]> {
  const rows = await services.gateway.read<{ alert: Record<string, unknown> }>('alerts/list', {
    org: filter.org ?? null,
    accountId: null,
    restricted: filter.org !== undefined,
    status: null,
    severity: null,
    rule: null,
    watchlistId: filter.watchlistId ?? null,
    subjectId: null,
    assignee: null,
    afterCreatedAt: null,
    afterId: null,
    limit: 1000,
  });
  return rows.map((r) => alertFromProps(r.alert));
}
