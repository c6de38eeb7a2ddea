/**
 * Worker-thread entry of the whole-graph pass (jobs/score/pass-thread.ts starts it): receives the projection in
 * chunks, runs analytics/whole-graph-pass.ts, and sends the result back with the score arrays transferred.
 * It may keep the structural part of a pass (CSR, detectors) under a key, so that a later pass on the same
 * structure is sent only the records ('rescore').
 */
import { parentPort } from 'node:worker_threads';
import type {
  ProjectionEdge,
  ProjectionNode,
  ProjectionRecord,
} from '../../analytics/projection/projection-input.ts';
import {
  type StructuralPass,
  scorePass,
  structuralPass,
  type WholeGraphPassResult,
} from '../../analytics/whole-graph-pass.ts';
import { withoutSubjects } from '../projection/load-projection.ts';
import type { PassMessage, PassReply } from './pass-thread.ts';

const port = parentPort;
if (!port) throw new Error('jobs/score/pass-worker.ts must run in a worker thread');

let nodes: ProjectionNode[] = [];
let edges: ProjectionEdge[] = [];
let records: ProjectionRecord[] = [];
let kept: { key: string; structure: StructuralPass } | null = null;
const append = <T>(to: T[], items: readonly T[]) => {
  for (const x of items) to.push(x);
};

port.on('message', (m: PassMessage) => {
  if (m.t === 'nodes') append(nodes, m.items);
  else if (m.t === 'edges') append(edges, m.items);
  else if (m.t === 'records') append(records, m.items);
  else if (m.t === 'begin') {
    nodes = [];
    edges = [];
    records = [];
    // A new structure is coming: let the old one go before the new one is read.
    if (!m.reuse) kept = null;
  } else if (m.t === 'run')
    answer(() => {
      complete(m.sent);
      const structure = structuralPass(withoutSubjects({ nodes, edges, records }, m.drop), m.options);
      nodes = [];
      edges = [];
      records = [];
      kept = m.keep === null ? null : { key: m.keep, structure };
      return scorePass(structure, structure.csr.input.records, false);
    });
  else if (m.t === 'rescore')
    answer(() => {
      complete({ nodes: 0, edges: 0, ...m.sent });
      const fresh = records;
      records = [];
      if (kept?.key !== m.key) {
        kept = null;
        return null;
      }
      return scorePass(kept.structure, fresh, true);
    });
});

/** Refuses to run on other than what the pass sent since its 'begin' (a message lost, a thread restarted). */
function complete(sent: { nodes: number; edges: number; records: number }) {
  if (nodes.length !== sent.nodes || edges.length !== sent.edges || records.length !== sent.records)
    throw new Error(
      `received ${nodes.length}/${edges.length}/${records.length} of ${sent.nodes}/${sent.edges}/${sent.records} nodes/edges/records sent`,
    );
}

function answer(work: () => WholeGraphPassResult | null) {
  try {
    const result = work();
    if (result === null) {
      port!.postMessage({ t: 'miss' } satisfies PassReply);
      return;
    }
    const buffers = new Set<ArrayBuffer>();
    for (const v of Object.values(result.scores))
      if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
    port!.postMessage({ t: 'done', result } satisfies PassReply, [...buffers]);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port!.postMessage({
      t: 'error',
      message: e.message,
      name: e.name,
      ...(e.stack ? { stack: e.stack } : {}),
    } satisfies PassReply);
  }
}
