/**
 * The stored score history keeps one entry per day (the last score of each earlier day), however often the
 * pipeline rescores within a day, while the score a write replaced stays available to the score-transition alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreChangesOf } from '../../../jobs/alerts/score-changes.ts';
import type { Services } from '../../../server/services.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;

beforeAll(async () => {
  services = await freshServices();
  await services.gateway.driver.executeQuery(
    "CREATE (:Subject:Organisation {id: 'H1', kind: 'enterprise', name: '汕头市历史测试有限公司'})",
  );
});
afterAll(async () => {
  await services?.close();
});

const row = (score: number, riskClass: string) => ({
  id: 'H1',
  score,
  riskClass,
  own: score,
  exposure: 0,
  structural: 0,
  positive: 0,
  signals: [],
  exposureVia: null,
  hash: `h-${score}`,
});

async function write(asOf: string, score: number, riskClass: string) {
  await services.gateway.write('analytics/write-scores', {
    rows: [row(score, riskClass)],
    asOf,
    configVersion: 'v1',
    historyLength: 20,
  });
}

async function stored() {
  const res = await services.gateway.driver.executeQuery(
    "MATCH (s:Subject {id: 'H1'}) RETURN s.riskHistory AS history, s.riskPrevious AS previous",
  );
  return res.records[0]!.toObject() as { history: string[] | null; previous: string | null };
}

describe('stored score history', () => {
  it('keeps the last score of each earlier day, and the replaced score for transitions', async () => {
    await write('2026-12-01', 10.5, 'A');
    expect(await stored()).toEqual({ history: null, previous: null });
    // Three rescores on the next day: one history entry, the last score of 12-01.
    await write('2026-12-02', 20.5, 'B');
    await write('2026-12-02', 30.5, 'B');
    await write('2026-12-02', 70.5, 'C');
    expect(await stored()).toEqual({ history: ['2026-12-01|10.5|A|v1'], previous: '2026-12-02|30.5|B|v1' });
    await write('2026-12-03', 75.5, 'D');
    expect(await stored()).toEqual({
      history: ['2026-12-02|70.5|C|v1', '2026-12-01|10.5|A|v1'],
      previous: '2026-12-02|70.5|C|v1',
    });
    // The transition alerts compare with the score the last write replaced.
    const watched = [
      { subjectId: 'H1', name: null, kind: null, watchlistId: 'w', org: null, ownerAccount: 'a', depth: 1 },
    ];
    const [change] = await scoreChangesOf(services.gateway, watched, '2026-12-03');
    expect(change).toMatchObject({
      before: { score: 70.5, riskClass: 'C' },
      after: { score: 75.5, riskClass: 'D' },
    });
  });
});
