/**
 * Whole-graph detectors on an in-process snapshot: the graph is read once (paged, load-projection.ts), kept for
 * `maxAgeMs`, and shared by concurrent callers (one load in flight); CSR projections and detector results are
 * cached per as-of date and options, so paging through a detector's items reads one consistent result.
 */

import { detectCircularShareholding } from '../../analytics/detectors/circular-shareholding.ts';
import { detectCommunitiesDetailed } from '../../analytics/detectors/communities.ts';
import type { DetectorItem } from '../../analytics/detectors/detector-item.ts';
import { detectGuaranteeChains } from '../../analytics/detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from '../../analytics/detectors/guarantee-circles.ts';
import { detectMassRegistration } from '../../analytics/detectors/mass-registration.ts';
import { detectProfessionalNominees } from '../../analytics/detectors/professional-nominees.ts';
import { detectShellClusters } from '../../analytics/detectors/shell-clusters.ts';
import { buildCsr, type CsrGraph } from '../../analytics/projection/build-csr.ts';
import type { ProjectionInput } from '../../analytics/projection/projection-input.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { loadWholeGraph } from './load-projection.ts';

export const DETECTORS = [
  'circular-shareholding',
  'guarantee-circles',
  'guarantee-chains',
  'shell-clusters',
  'mass-registration',
  'professional-nominees',
  'communities',
] as const;
export type DetectorName = (typeof DETECTORS)[number];

/** Detector tuning a caller may pass; each detector reads only its own. */
export interface DetectorParams {
  /** professional-nominees: seats at which a person is reported. */
  threshold?: number;
  /** mass-registration: organisations in the window. */
  minCount?: number;
  /** mass-registration: window length in days. */
  windowDays?: number;
  /** guarantee-chains: shortest chain reported, in subjects; communities / shell-clusters: smallest group. */
  minSize?: number;
  /** communities: Louvain seed. */
  seed?: number;
}

export type AnyDetectorItem = DetectorItem<unknown>;

export function runDetector(csr: CsrGraph, name: DetectorName, p: DetectorParams = {}): AnyDetectorItem[] {
  switch (name) {
    case 'circular-shareholding':
      return detectCircularShareholding(csr);
    case 'guarantee-circles':
      return detectGuaranteeCircles(csr);
    case 'guarantee-chains':
      return detectGuaranteeChains(csr, p.minSize === undefined ? {} : { minLength: p.minSize });
    case 'shell-clusters':
      return detectShellClusters(csr, p.minSize === undefined ? {} : { minClusterSize: p.minSize });
    case 'mass-registration':
      return detectMassRegistration(csr, {
        ...(p.minCount === undefined ? {} : { minCount: p.minCount }),
        ...(p.windowDays === undefined ? {} : { windowDays: p.windowDays }),
      });
    case 'professional-nominees':
      return detectProfessionalNominees(csr, p.threshold === undefined ? {} : { threshold: p.threshold });
    case 'communities':
      return detectCommunitiesDetailed(csr, {
        ...(p.minSize === undefined ? {} : { minSize: p.minSize }),
        ...(p.seed === undefined ? {} : { seed: p.seed }),
      }).items;
  }
}

export interface GraphSnapshotOptions {
  /** How long a loaded graph is reused. */
  maxAgeMs: number;
  pageSize?: number;
  /** Detector results kept (least recently used dropped). */
  maxCachedResults: number;
}

export const DEFAULT_GRAPH_SNAPSHOT_OPTIONS: Readonly<GraphSnapshotOptions> = Object.freeze({
  maxAgeMs: 5 * 60_000,
  maxCachedResults: 32,
});

export interface DetectorRun {
  items: AnyDetectorItem[];
  loadedAt: string;
  asOf: IsoDate;
  nodeCount: number;
  edgeCount: number;
}

export class GraphSnapshots {
  private readonly opts: GraphSnapshotOptions;
  private snapshot: { input: ProjectionInput; loadedAt: number } | null = null;
  private loading: Promise<{ input: ProjectionInput; loadedAt: number }> | null = null;
  private readonly csrs = new Map<IsoDate, CsrGraph>();
  private readonly results = new Map<string, DetectorRun>();

  constructor(
    private readonly gateway: CypherGateway,
    options: Partial<GraphSnapshotOptions> = {},
  ) {
    this.opts = { ...DEFAULT_GRAPH_SNAPSHOT_OPTIONS, ...options };
  }

  /** Forgets the loaded graph and every cached result (e.g. after an import). */
  invalidate(): void {
    this.snapshot = null;
    this.csrs.clear();
    this.results.clear();
  }

  private async graph(): Promise<{ input: ProjectionInput; loadedAt: number }> {
    if (this.snapshot && Date.now() - this.snapshot.loadedAt <= this.opts.maxAgeMs) return this.snapshot;
    if (this.snapshot) this.invalidate();
    if (!this.loading) {
      this.loading = loadWholeGraph(this.gateway, {
        ...(this.opts.pageSize ? { pageSize: this.opts.pageSize } : {}),
      })
        .then((g) => {
          this.snapshot = { input: g.input, loadedAt: Date.now() };
          return this.snapshot;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }

  async detect(name: DetectorName, asOf: IsoDate, params: DetectorParams = {}): Promise<DetectorRun> {
    const snap = await this.graph();
    const key = JSON.stringify([name, asOf, params, snap.loadedAt]);
    const hit = this.results.get(key);
    if (hit) {
      this.results.delete(key);
      this.results.set(key, hit);
      return hit;
    }
    let csr = this.csrs.get(asOf);
    if (!csr) {
      csr = buildCsr(snap.input, { asOf });
      if (this.csrs.size >= 2) this.csrs.delete(this.csrs.keys().next().value!);
      this.csrs.set(asOf, csr);
    }
    const run: DetectorRun = {
      items: runDetector(csr, name, params),
      loadedAt: new Date(snap.loadedAt).toISOString(),
      asOf,
      nodeCount: csr.nodeCount,
      edgeCount: csr.edgeCount,
    };
    if (this.results.size >= this.opts.maxCachedResults)
      this.results.delete(this.results.keys().next().value!);
    this.results.set(key, run);
    return run;
  }
}
