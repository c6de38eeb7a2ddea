/**
 * Watch hits found by the database's shortest-path search (alerts/watch-paths.cypher) against an oracle: the
 * breadth-first tree over the whole graph, as read for the nightly pass. On a generated city graph with two
 * watchlists (depth 1 and 2), every subject as a cause, in batches, on two dates: the same watched subjects, at
 * the same hops, with the same evidence path, whichever other causes share the batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../../bench/data/generate-dataset.ts';
import { type NodeMeta, shortestPathTree } from '../../../domain/alerts/paths.ts';
import type { WatchHit } from '../../../domain/alerts/types.ts';
import { ALERT_RULE_CATALOGUE } from '../../../domain/catalogues/alert-rules.ts';
import {
  causeNeighbourhood,
  watchHitOf,
  watchHitsByCause,
  watchRowsFor,
} from '../../../jobs/alerts/watch-hits.ts';
import { loadWholeGraph } from '../../../jobs/projection/load-projection.ts';
import type { Services } from '../../../server/services.ts';
import { createWatchlist } from '../../support/alerts.ts';
import { importPath, tempDir } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;
let subjectIds: string[];

beforeAll(async () => {
  services = await freshServices();
  const file = `${tempDir('cl-watch-paths-')}/city.ndjson`;
  await writeDataset(file, { subjects: 400, seed: 5 });
  await importPath(services, file);
  const orgs = await services.gateway.driver.executeQuery(
    'MATCH (o:Organisation) RETURN o.id AS id ORDER BY id',
  );
  const ids = orgs.records.map((r) => r.get('id') as string);
  await createWatchlist(services, {
    id: 'WL-1',
    org: 'BANK-1',
    subjectIds: ids.filter((_, i) => i % 11 === 0),
    depth: 1,
  });
  await createWatchlist(services, {
    id: 'WL-2',
    org: 'BANK-2',
    subjectIds: ids.filter((_, i) => i % 17 === 3),
    depth: 2,
  });
  const all = await services.gateway.driver.executeQuery('MATCH (s:Subject) RETURN s.id AS id ORDER BY id');
  subjectIds = all.records.map((r) => r.get('id') as string);
}, 120_000);

afterAll(async () => {
  await services?.close();
});

const key = (h: WatchHit) => `${h.watchlistId}|${h.watched.id}`;
const sorted = (hits: readonly WatchHit[]) => [...hits].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('watch hits by shortest-path search', () => {
  it('match the breadth-first tree over the whole graph: same watched subjects, hops and evidence', async () => {
    const whole = (await loadWholeGraph(services.gateway)).input;
    const meta = new Map<string, NodeMeta>(
      whole.nodes.map((n) => [n.id, { name: n.name ?? null, kind: n.kind }]),
    );
    const watchRows = await watchRowsFor(services.gateway, subjectIds);
    expect(watchRows.length).toBeGreaterThan(20);
    let hits = 0;
    for (const today of ['2026-12-03', '2018-06-30']) {
      for (let i = 0; i < subjectIds.length; i += 37) {
        const batch = subjectIds.slice(i, i + 37);
        const found = watchHitsByCause(
          await causeNeighbourhood(services.gateway, batch, { today, catalogue: ALERT_RULE_CATALOGUE }),
        );
        for (const cause of batch) {
          const tree = shortestPathTree(whole.edges, meta, cause, { maxHops: 2, day: today });
          const expected = watchRows.flatMap((w) => {
            const hops = tree.hops.get(w.subjectId);
            return hops === undefined || hops > w.depth
              ? []
              : [watchHitOf(w, hops, tree.pathFrom(w.subjectId)!)];
          });
          expect(sorted(found.get(cause) ?? []), `${cause} on ${today}`).toEqual(sorted(expected));
          hits += expected.length;
        }
      }
    }
    // The comparison saw real hits, at both depths and through paths of one and two relationships.
    expect(hits).toBeGreaterThan(100);
  });
});
