/**
 * The CPU part of the nightly rescore as one pure function: build the CSR projection, run the whole-graph
 * detectors, score every subject, and report the detector findings the alert rules diff (circular shareholding,
 * professional nominees, shell clusters) in compact form. No I/O: jobs/score/pass-thread.ts runs it in a worker
 * thread so the BullMQ worker's event loop (lock renewals, other jobs) keeps running during a long pass.
 */
import type { RawFinding } from '../domain/alerts/detector-findings.ts';
import type { IsoDate } from '../domain/vocabulary.ts';
import { detectCircularShareholding } from './detectors/circular-shareholding.ts';
import { detectCommunities } from './detectors/communities.ts';
import { detectGuaranteeChains } from './detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from './detectors/guarantee-circles.ts';
import { detectMassRegistration } from './detectors/mass-registration.ts';
import { detectProfessionalNominees } from './detectors/professional-nominees.ts';
import { detectShellClusters } from './detectors/shell-clusters.ts';
import { buildCsr, type CsrGraph } from './projection/build-csr.ts';
import type { ProjectionInput } from './projection/projection-input.ts';
import type { RiskModelConfig } from './risk/risk-model-config.ts';
import { type RiskScores, scoreAll } from './risk/score-all.ts';
import type { StructuralSignals } from './risk/structural-signals.ts';

/** The whole-graph detectors' findings, typed. */
function detectorItems(csr: CsrGraph, config: RiskModelConfig, communities: boolean) {
  const items = {
    circular_shareholding: detectCircularShareholding(csr, { maxEvidenceEdges: 0 }),
    guarantee_circle: detectGuaranteeCircles(csr, { maxEvidenceEdges: 0 }),
    guarantee_chain: detectGuaranteeChains(csr),
    shell_cluster: detectShellClusters(csr, { maxEvidenceContacts: 0 }),
    mass_registration: detectMassRegistration(csr),
    professional_nominee: detectProfessionalNominees(csr, {
      threshold: config.structural.nomineeThreshold.value,
    }),
  };
  return { ...items, ...(communities ? { risky_community: detectCommunities(csr) } : {}) };
}

/** Structural signals from the whole-graph detectors. */
export function detectorSignals(
  csr: CsrGraph,
  config: RiskModelConfig,
  communities: boolean,
): StructuralSignals {
  return detectorItems(csr, config, communities);
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
  findings: RawFinding[];
  nodeCount: number;
  ms: { build: number; detect: number; score: number };
}

const stakePct = (s: number): number | null => (Number.isFinite(s) ? Math.round(s * 1e4) / 100 : null);

export function wholeGraphPass(input: ProjectionInput, options: WholeGraphPassOptions): WholeGraphPassResult {
  const t0 = performance.now();
  const csr = buildCsr(input, { asOf: options.asOf });
  const t1 = performance.now();
  const signals = detectorItems(csr, options.config, options.communities);
  const findings: RawFinding[] = [];
  for (const item of signals.circular_shareholding)
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
      : signals.professional_nominee;
  for (const item of nominees)
    findings.push({
      detector: 'professional_nominee',
      members: item.members,
      size: item.size,
      strength: item.strength,
    });
  for (const item of signals.shell_cluster)
    findings.push({
      detector: 'shell_cluster',
      members: item.members,
      size: item.size,
      strength: item.strength,
    });
  const t2 = performance.now();
  const {
    recordIndex: _r,
    bindings: _b,
    ...scores
  } = scoreAll(csr, input.records, options.config, options.asOf, {
    signals,
  });
  const t3 = performance.now();
  return {
    scores,
    findings,
    nodeCount: csr.nodeCount,
    ms: { build: t1 - t0, detect: t2 - t1, score: t3 - t2 },
  };
}
