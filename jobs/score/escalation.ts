/**
 * When to replace a backlog of neighbourhood rescores with one whole-graph pass. An incremental rescore costs
 * about the same per record whatever the backlog (a few hops read and scored around each), while the whole-graph
 * pass costs the same whatever the backlog; past the break-even point one pass is cheaper than the backlog,
 * and it leaves every score exact. Both costs are measured, not configured: the whole-graph pass from its last
 * run (stored by rescoreAll), the neighbourhood rescore from the passes this process ran.
 */

/** Smoothing of the measured cost per rescore job: recent passes count most, one slow pass does not decide. */
const ALPHA = 0.2;

export class RescoreCost {
  private perJob: number | null = null;

  /** A neighbourhood pass that took `ms` and served `jobs` queued rescores (itself and those it took over). */
  observe(ms: number, jobs: number): void {
    if (!(ms >= 0) || jobs < 1) return;
    const x = ms / jobs;
    this.perJob = this.perJob === null ? x : this.perJob + ALPHA * (x - this.perJob);
  }

  get perJobMs(): number | null {
    return this.perJob;
  }
}

export interface EscalationInput {
  /** Rescore jobs waiting. */
  backlog: number;
  /** Measured cost of one neighbourhood rescore job, or null before the first. */
  perJobMs: number | null;
  /** Duration of the last whole-graph pass, or null when none ran. */
  fullPassMs: number | null;
  /** Below this backlog a whole-graph pass is never chosen (a few slow jobs are not a backlog). */
  minBacklog: number;
}

/** True when working through the backlog job by job would take longer than one whole-graph pass. */
export function shouldEscalate(i: EscalationInput): boolean {
  if (i.backlog < i.minBacklog || i.perJobMs === null || i.fullPassMs === null) return false;
  return i.backlog * i.perJobMs > i.fullPassMs;
}
