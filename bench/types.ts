/** What every benchmark suite returns: one row per measurement, with the data size it ran on. */
export interface BenchRow {
  suite: string;
  name: string;
  /** Data size the measurement ran on (elements, jobs, subjects…), with its unit in `unit`. */
  size: number;
  unit: string;
  /** Wall time of the whole measurement in milliseconds. */
  ms: number;
  /** Throughput per second, where it applies. */
  perSecond?: number;
  p50Ms?: number;
  p95Ms?: number;
  memoryMb?: number;
  /** For a baseline pair: how many times faster than the baseline measured in the same run. */
  ratioVsBaseline?: number;
  target?: string;
  notes?: string;
}

export interface BenchContext {
  /** Environment for the bench's own Neo4j and Redis (like the tests': never the data of `npm start`). */
  env: NodeJS.ProcessEnv;
  /** Sizes requested on the command line (suites pick their defaults when empty). */
  sizes: number[];
  log: (msg: string) => void;
}

export interface BenchSuite {
  name: string;
  /** Whether the suite needs the bench's Neo4j and Redis. */
  needsServices: boolean;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const idx = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[idx]!;
}
