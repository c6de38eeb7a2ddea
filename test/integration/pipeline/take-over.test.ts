/**
 * Issue 6, drain rate: two workers that start together on a backlog must not both take the same waiting jobs
 * over (each would then do the other's work too). On the real Redis: jobs started at the same moment take over
 * disjoint sets, and together every waiting job once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeOverWaiting } from '../../../jobs/take-over.ts';
import type { Services } from '../../../server/services.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;

beforeAll(async () => {
  services = await freshServices();
});
afterAll(async () => {
  await services?.close();
});

describe('taking over a backlog', () => {
  it('gives concurrent take-overs on one queue disjoint jobs, every waiting one once', async () => {
    const queue = services.queues.get('alert');
    await queue.obliterate({ force: true });
    const waiting = await queue.addBulk(
      Array.from({ length: 60 }, (_, i) => ({ name: 'work', data: { n: i }, opts: { jobId: `work-${i}` } })),
    );
    const runners = await queue.addBulk(
      Array.from({ length: 4 }, (_, i) => ({ name: 'runner', data: {}, opts: { jobId: `runner-${i}` } })),
    );
    const taken = await Promise.all(
      runners.map((job) =>
        takeOverWaiting(job, services.queues, 'alert', {
          jobName: 'work',
          limit: 20,
          accept: (data) => data as { n: number },
        }),
      ),
    );
    const ids = taken.flat().map((c) => c.id);
    // Three runners find 20 each; the fourth finds every one marked.
    expect(taken.map((t) => t.length).sort()).toEqual([0, 20, 20, 20]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(waiting.map((j) => j.id!).sort());
    // Each taken job names its taker, and each runner's data lists what it took (a retry redoes it).
    for (const [i, runner] of runners.entries()) {
      const fresh = (await queue.getJob(runner.id!))!;
      for (const c of taken[i]!) expect((await queue.getJob(c.id))!.data.coveredBy).toBe(runner.id);
      if (taken[i]!.length > 0)
        expect(fresh.data.covered.map((c: { id: string }) => c.id)).toEqual(taken[i]!.map((c) => c.id));
    }
  });
});
