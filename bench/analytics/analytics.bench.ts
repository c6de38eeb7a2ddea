/**
 * Analytics benchmarks: projection build, each detector, the full risk pass and one subject's ownership,
 * controllers and explanation on generated graphs, each beside the plain way where there is one (graphology
 * graph + object-based BFS, a recursive Tarjan over graphology — graphology-components is not installed, so a
 * textbook recursive Tarjan stands in for it — and graphology construction vs CSR build), on graphs generated in
 * memory (no database: analytics-db.bench.ts measures the same with Neo4j). Suite `analytics`.
 */
import type { MultiDirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from '../../analytics/components/strongly-connected-components.ts';
import { actualController } from '../../analytics/control/actual-controller.ts';
import { beneficialOwners } from '../../analytics/control/beneficial-owners.ts';
import { detectCircularShareholding } from '../../analytics/detectors/circular-shareholding.ts';
import { detectCommunities } from '../../analytics/detectors/communities.ts';
import { detectGuaranteeChains } from '../../analytics/detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from '../../analytics/detectors/guarantee-circles.ts';
import { detectMassRegistration } from '../../analytics/detectors/mass-registration.ts';
import { detectProfessionalNominees } from '../../analytics/detectors/professional-nominees.ts';
import { detectShellClusters } from '../../analytics/detectors/shell-clusters.ts';
import { kHopNeighbourhood } from '../../analytics/linkage/k-hop-neighbourhood.ts';
import { strongestPaths } from '../../analytics/linkage/strongest-paths.ts';
import {
  integratedOwnershipAll,
  integratedOwnersOf,
} from '../../analytics/ownership/integrated-ownership.ts';
import { buildCsr, type CsrGraph } from '../../analytics/projection/build-csr.ts';
import {
  type RelationAttributes,
  type SubjectAttributes,
  toGraphology,
} from '../../analytics/projection/to-graphology.ts';
import { explainSubject } from '../../analytics/risk/explain-subject.ts';
import { DEFAULT_RISK_MODEL_CONFIG, type RiskModelConfig } from '../../analytics/risk/risk-model-config.ts';
import { scoreAll } from '../../analytics/risk/score-all.ts';
import { DEFAULT_RESCORE_OPTIONS } from '../../jobs/score/rescore.ts';
import type { BenchRow, BenchSuite } from '../types.ts';
import { recursiveTarjan } from './baselines.ts';
import { generateGraph } from './generate-graph.ts';

type Row = Omit<BenchRow, 'suite' | 'unit'>;

const AS_OF = '2024-06-30';

function memMb(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1048576;
}

function time<T>(fn: () => T): { value: T; ms: number; memoryMb: number } {
  const before = memMb();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  return { value, ms, memoryMb: Math.max(0, memMb() - before) };
}

/** Plain object-based BFS over a graphology graph. */
function plainKHop(
  graph: MultiDirectedGraph<SubjectAttributes, RelationAttributes>,
  seed: string,
  maxHops: number,
): number {
  const hops: Record<string, number> = { [seed]: 0 };
  const queue = [seed];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    if (hops[u]! >= maxHops) continue;
    for (const v of graph.neighbors(u)) {
      if (hops[v] === undefined) {
        hops[v] = hops[u]! + 1;
        queue.push(v);
      }
    }
  }
  return queue.length;
}

/** The busiest company with owners, as a single-subject probe. */
function probeCompany(csr: CsrGraph): string {
  let best = 0;
  let bestDeg = -1;
  for (let u = 0; u < Math.min(csr.nodeCount, 50_000); u++) {
    const deg = csr.inOffsets[u + 1]! - csr.inOffsets[u]!;
    if (csr.kind[u] !== 6 && deg > bestDeg) {
      best = u;
      bestDeg = deg;
    }
  }
  return csr.ids[best]!;
}

export async function run(opts: { sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  const config = DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig;
  for (const size of opts.sizes) {
    const gen = time(() => generateGraph({ size }));
    const input = gen.value;
    rows.push({
      name: 'generate-graph',
      size,
      ms: gen.ms,
      memoryMb: gen.memoryMb,
      notes: `${input.nodes.length} nodes, ${input.edges.length} edges, ${input.records.length} records`,
    });

    // Ours first, then the graphology baselines: a multi-gigabyte graphology graph on the heap slows every
    // later allocation-heavy pass through garbage collection, which would be charged to ours.
    const built = time(() => buildCsr(input, { asOf: AS_OF }));
    const csr = built.value;
    const scc = time(() => stronglyConnectedComponents(csr, { types: ['SHAREHOLDER'] }));
    const detectors: Array<[string, () => { length: number }]> = [
      ['detector: circular shareholding', () => detectCircularShareholding(csr)],
      ['detector: guarantee circles', () => detectGuaranteeCircles(csr)],
      ['detector: guarantee chains', () => detectGuaranteeChains(csr)],
      ['detector: professional nominees', () => detectProfessionalNominees(csr)],
      ['detector: shell clusters', () => detectShellClusters(csr)],
      ['detector: mass registration', () => detectMassRegistration(csr)],
    ];
    for (const [name, fn] of detectors) {
      const r = time(fn);
      rows.push({ name, size, ms: r.ms, memoryMb: r.memoryMb, notes: `${r.value.length} items` });
    }
    const probe = probeCompany(csr);
    const kh = time(() => kHopNeighbourhood(csr, probe, { maxHops: 3, maxNodes: 1_000_000 }));
    const target = kh.value.nodes[kh.value.nodes.length - 1]!.id;
    const sp = time(() => strongestPaths(csr, probe, target, { maxHops: 4, limit: 5 }));
    rows.push({
      name: 'linkage: 5 strongest paths (≤ 4 hops)',
      size,
      ms: sp.ms,
      notes: `${sp.value.paths.length} paths`,
    });
    const risk = time(() => scoreAll(csr, input.records, config, AS_OF));
    let classD = 0;
    for (const c of risk.value.riskClass) if (c === 3) classD++;
    rows.push({
      name: 'risk: scoreAll (whole graph, default structural signals)',
      size,
      ms: risk.ms,
      memoryMb: risk.memoryMb,
      target: size >= 1_000_000 ? '≤ 10 s at 1M' : undefined,
      notes: `${risk.value.rounds} rounds, converged=${risk.value.converged}, class D ${classD}`,
    });
    const io = time(() => integratedOwnershipAll(csr));
    rows.push({
      name: 'ownership: integrated ownership, whole graph (ultimate owners ≥ 1 %)',
      size,
      ms: io.ms,
      memoryMb: io.memoryMb,
      notes: `${io.value.count} pairs, ${io.value.truncatedTargets} truncated`,
    });
    const one: Array<[string, () => unknown]> = [
      ['subject: integrated owners (up, with chains)', () => integratedOwnersOf(csr, probe)],
      ['subject: actual controller', () => actualController(csr, probe)],
      ['subject: beneficial owners', () => beneficialOwners(csr, probe)],
      [
        'subject: risk explanation (cold: indexes records, role bindings)',
        () => explainSubject(csr, input.records, config, AS_OF, probe),
      ],
      [
        'subject: risk explanation (warm: reuses scoreAll indexes)',
        () =>
          explainSubject(csr, input.records, config, AS_OF, probe, {
            recordIndex: risk.value.recordIndex,
            bindings: risk.value.bindings,
          }),
      ],
    ];
    for (const [name, fn] of one) rows.push({ name, size, ms: time(fn).ms, notes: probe });
    rows.push({
      name: 'memory: peak RSS after projection, detectors (Louvain aside) and the risk pass',
      size,
      ms: 0,
      memoryMb: process.resourceUsage().maxRSS / 1024,
      target: size >= 1_000_000 ? '≤ 4096 MB at 1M' : undefined,
      notes: 'includes the generated input graph',
    });

    // The plain way, beside ours.
    const g = time(() => toGraphology(input, { asOf: AS_OF }));
    const graph: MultiDirectedGraph<SubjectAttributes, RelationAttributes> = g.value;
    rows.push({ name: 'projection: graphology build (baseline)', size, ms: g.ms, memoryMb: g.memoryMb });
    rows.push({
      name: 'projection: buildCsr (validate + as-of filter)',
      size,
      ms: built.ms,
      memoryMb: built.memoryMb,
      ratioVsBaseline: g.ms / built.ms,
      notes: `${csr.edgeCount} edges valid on ${AS_OF}`,
    });
    let baseMs: number | undefined;
    try {
      baseMs = time(() => recursiveTarjan(graph, 'SHAREHOLDER')).ms;
      rows.push({ name: 'scc: recursive Tarjan on graphology (baseline)', size, ms: baseMs });
    } catch (e) {
      rows.push({
        name: 'scc: recursive Tarjan on graphology (baseline)',
        size,
        ms: Number.NaN,
        notes: e instanceof RangeError ? 'baseline overflowed the stack' : String(e),
      });
    }
    rows.push({
      name: 'scc: iterative Tarjan on CSR (ownership)',
      size,
      ms: scc.ms,
      memoryMb: scc.memoryMb,
      ...(baseMs ? { ratioVsBaseline: baseMs / scc.ms } : {}),
      notes: `${scc.value.count} components`,
    });
    const khBase = time(() => plainKHop(graph, probe, 3)).ms;
    rows.push({ name: 'linkage: 3-hop BFS, object-based on graphology (baseline)', size, ms: khBase });
    rows.push({
      name: 'linkage: 3-hop BFS on CSR',
      size,
      ms: kh.ms,
      ratioVsBaseline: khBase / kh.ms,
      notes: `${kh.value.nodes.length} nodes`,
    });
    graph.clear();
    // Louvain runs on a graphology graph of its own (graphology-communities-louvain), so it comes last.
    const louvain = time(() => detectCommunities(csr));
    rows.push({
      name: 'detector: communities (Louvain, graphology)',
      size,
      ms: louvain.ms,
      memoryMb: louvain.memoryMb,
      notes: `${louvain.value.length} items${size > DEFAULT_RESCORE_OPTIONS.communitiesUpTo ? `; the nightly job leaves Louvain out above ${DEFAULT_RESCORE_OPTIONS.communitiesUpTo} subjects` : ''}`,
    });
  }
  return rows;
}

export const analyticsSuite: BenchSuite = {
  name: 'analytics',
  needsServices: false,
  async run(ctx) {
    const sizes = ctx.sizes.length > 0 ? ctx.sizes : [100_000];
    return (await run({ sizes })).map((r) => ({ suite: 'analytics', unit: 'subjects', ...r }));
  },
};
