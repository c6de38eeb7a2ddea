/**
 * Worker-thread entry of the whole-graph pass (jobs/score/pass-thread.ts starts it): receives the projection in
 * chunks, runs analytics/whole-graph-pass.ts, and sends the result back with the score arrays transferred.
 */
import { parentPort } from 'node:worker_threads';
import type {
  ProjectionEdge,
  ProjectionNode,
  ProjectionRecord,
} from '../../analytics/projection/projection-input.ts';
import { type WholeGraphPassOptions, wholeGraphPass } from '../../analytics/whole-graph-pass.ts';
import { withoutSubjects } from '../projection/load-projection.ts';
import type { PassMessage } from './pass-thread.ts';

const port = parentPort;
if (!port) throw new Error('jobs/score/pass-worker.ts must run in a worker thread');

const nodes: ProjectionNode[] = [];
const edges: ProjectionEdge[] = [];
const records: ProjectionRecord[] = [];
const append = <T>(to: T[], items: readonly T[]) => {
  for (const x of items) to.push(x);
};

port.on('message', (m: PassMessage) => {
  if (m.t === 'nodes') append(nodes, m.items);
  else if (m.t === 'edges') append(edges, m.items);
  else if (m.t === 'records') append(records, m.items);
  else if (m.t === 'run') run(m.options, m.drop);
});

function run(options: WholeGraphPassOptions, drop: readonly string[]) {
  try {
    const result = wholeGraphPass(withoutSubjects({ nodes, edges, records }, drop), options);
    const buffers = new Set<ArrayBuffer>();
    for (const v of Object.values(result.scores))
      if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
    port!.postMessage({ t: 'done', result }, [...buffers]);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port!.postMessage({ t: 'error', message: e.message, name: e.name, stack: e.stack });
  }
}
