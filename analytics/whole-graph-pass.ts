/**
 * The CPU part of the nightly rescore as one pure function: build the CSR projection, run the whole-graph
 * detectors, score every subject, and report the detector findings the alert rules diff (circular shareholding,
 * professional nominees, shell clusters) in compact form. No I/O: jobs/score/pass-thread.ts runs it in a worker
 * thread so the BullMQ worker's event loop (lock renewals, other jobs) keeps running during a long pass.
 */
import type { RawFinding } from '../domain/alerts/detector-findings.ts';
import type { IsoDate } from '../domain/vocabulary.ts';
import { detectCircularShareholding } from './detectors/circular-shareholding.ts';
import {
  type CommunityPartition,
  communityPartition,
  detectCommunities,
  riskyShares,
  riskySubjects,
} from './detectors/communities.ts';
import { detectGuaranteeChains } from './detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from './detectors/guarantee-circles.ts';
import { detectMassRegistration } from './detectors/mass-registration.ts';
import { detectProfessionalNominees } from './detectors/professional-nominees.ts';
import { detectShellClusters } from './detectors/shell-clusters.ts';
import { buildCsr, type CsrGraph } from './projection/build-csr.ts';
import type { ProjectionInput, ProjectionRecord } from './projection/projection-input.ts';
import type { RiskModelConfig } from './risk/risk-model-config.ts';
import { type RiskScores, scoreAll } from './risk/score-all.ts';
import type { StructuralSignals } from './risk/structural-signals.ts';

/** The detectors that read only the structure (subjects and relationships), typed. */
function structuralItems(csr: CsrGraph, config: RiskModelConfig) {
  return {
    circular_shareholding: detectCircularShareholding(csr, { maxEvidenceEdges: 0 }),
    guarantee_circle: detectGuaranteeCircles(csr, { maxEvidenceEdges: 0 }),
    guarantee_chain: detectGuaranteeChains(csr),
    shell_cluster: detectShellClusters(csr, { maxEvidenceContacts: 0 }),
    mass_registration: detectMassRegistration(csr),
    professional_nominee: detectProfessionalNominees(csr, {
      threshold: config.structural.nomineeThreshold.value,
    }),
  };
}

/** Structural signals from the whole-graph detectors. */
export function detectorSignals(
  csr: CsrGraph,
  config: RiskModelConfig,
  communities: boolean,
): StructuralSignals {
  const items = structuralItems(csr, config);
  if (!communities) return items;
  return { ...items, risky_community: detectCommunities(csr) };
}

/** The score arrays the write-back needs: plain typed arrays (transferable between threads) and the ids. */
export type PassScores = Omit<RiskScores, 'recordIndex' | 'bindings'>;

export interface WholeGraphPassOptions {
  config: RiskModelConfig;
  asOf: IsoDate;
  /** Run Louvain for the risky-community signal. */
  communities: boolean;
  /**
   * Seat count from which nominees are reported as findings; when below the risk model's threshold the
   * nominee detector runs a second time at this threshold (findings only, the score signal is unchanged).
   */
  nomineeFindingThreshold?: number;
}

export interface WholeGraphPassResult {
  scores: PassScores;
  /** The detector findings (those of the reused structure when structureReused: they depend on it only). */
  findings: RawFinding[];
  nodeCount: number;
  /** Relationships in the projection (every one read, valid on the date or not). */
  edgeCount: number;
  /** The structural part (CSR, detectors, findings) came from an earlier pass on the same structure. */
  structureReused: boolean;
  ms: { build: number; detect: number; score: number };
}

/**
 * What a pass works out from the subjects and relationships alone: the CSR, the structural detectors' items,
 * the communities (their risky shares come from the records) and the detector findings. Credit records change
 * none of it, so a pass after records-only changes reuses it (scorePass) and reads only the records again.
 */
export interface StructuralPass {
  csr: CsrGraph;
  items: ReturnType<typeof structuralItems>;
  communities: CommunityPartition | null;
  findings: RawFinding[];
  /** The options it was worked out with: a reuse must ask the same. */
  options: WholeGraphPassOptions;
  ms: { build: number; detect: number };
}

const stakePct = (s: number): number | null => (Number.isFinite(s) ? Math.round(s * 1e4) / 100 : null);

export function structuralPass(input: ProjectionInput, options: WholeGraphPassOptions): StructuralPass {
  const t0 = performance.now();
  const csr = buildCsr(input, { asOf: options.asOf });
  const t1 = performance.now();
  const items = structuralItems(csr, options.config);
  const communities = options.communities ? communityPartition(csr) : null;
  const findings: RawFinding[] = [];
  for (const item of items.circular_shareholding)
    findings.push({
      detector: 'circular_shareholding',
      members: item.members,
      size: item.size,
      strength: item.strength,
      cycle: item.evidence.cycle,
      cycleStakes: item.evidence.cycleLinks.map((l) => stakePct(l.stake)),
    });
  const nomineeThreshold = options.nomineeFindingThreshold;
  const nominees =
    nomineeThreshold !== undefined && nomineeThreshold < options.config.structural.nomineeThreshold.value
      ? detectProfessionalNominees(csr, { threshold: nomineeThreshold })
      : items.professional_nominee;
  for (const item of nominees)
    findings.push({
      detector: 'professional_nominee',
      members: item.members,
      size: item.size,
      strength: item.strength,
    });
  for (const item of items.shell_cluster)
    findings.push({
      detector: 'shell_cluster',
      members: item.members,
      size: item.size,
      strength: item.strength,
    });
  const t2 = performance.now();
  return { csr, items, communities, findings, options, ms: { build: t1 - t0, detect: t2 - t1 } };
}

/**
 * Scores every subject of `structure` with `records` (those of subjects outside it are left out: subjects of
 * an unknown kind the load dropped). `reused` says the structure came from an earlier pass: its build and
 * detector time are not this pass's.
 */
export function scorePass(
  structure: StructuralPass,
  records: readonly ProjectionRecord[],
  reused: boolean,
): WholeGraphPassResult {
  const t0 = performance.now();
  const { options } = structure;
  let csr = structure.csr;
  if (records !== csr.input.records) {
    const kept = records.filter((r) => csr.indexOf.has(r.subjectId));
    csr = { ...csr, input: { ...csr.input, records: kept } };
  }
  const signals: StructuralSignals = structure.communities
    ? {
        ...structure.items,
        risky_community: riskyShares(structure.communities, riskySubjects(csr)).items,
      }
    : structure.items;
  const {
    recordIndex: _r,
    bindings: _b,
    ...scores
  } = scoreAll(csr, csr.input.records, options.config, options.asOf, { signals });
  const t1 = performance.now();
  return {
    scores,
    findings: structure.findings,
    nodeCount: csr.nodeCount,
    edgeCount: csr.input.edges.length,
    structureReused: reused,
    ms: {
      build: reused ? 0 : structure.ms.build,
      detect: reused ? 0 : structure.ms.detect,
      score: t1 - t0,
    },
  };
}

export function wholeGraphPass(input: ProjectionInput, options: WholeGraphPassOptions): WholeGraphPassResult {
  return scorePass(structuralPass(input, options), input.records, false);
}
