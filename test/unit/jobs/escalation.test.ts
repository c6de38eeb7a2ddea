import { describe, expect, it } from 'vitest';
import { RescoreCost, shouldEscalate } from '../../../jobs/score/escalation.ts';

describe('whole-graph pass instead of a rescore backlog', () => {
  const base = { backlog: 300, perJobMs: 100, fullPassMs: 15_000, minBacklog: 50 };

  it('is chosen when the backlog would take longer job by job than one pass', () => {
    expect(shouldEscalate(base)).toBe(true); // 30 s of rescores against a 15 s pass
    expect(shouldEscalate({ ...base, backlog: 100 })).toBe(false); // 10 s against 15 s
    expect(shouldEscalate({ ...base, backlog: 150 })).toBe(false); // break-even: not worth a pass
  });

  it('is never chosen below the minimum backlog, or before both costs are known', () => {
    expect(shouldEscalate({ ...base, backlog: 49, fullPassMs: 1 })).toBe(false);
    expect(shouldEscalate({ ...base, perJobMs: null })).toBe(false);
    expect(shouldEscalate({ ...base, fullPassMs: null })).toBe(false);
  });

  it('measures the cost per job smoothly: one slow pass moves it, but does not decide it', () => {
    const cost = new RescoreCost();
    expect(cost.perJobMs).toBeNull();
    cost.observe(1000, 10);
    expect(cost.perJobMs).toBe(100);
    cost.observe(10_000, 10); // one pass ten times slower
    expect(cost.perJobMs).toBeCloseTo(280);
    cost.observe(500, 0); // a pass that served no job is no measurement
    cost.observe(Number.NaN, 5);
    expect(cost.perJobMs).toBeCloseTo(280);
  });
});
