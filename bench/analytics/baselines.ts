/**
 * Baselines for the analytics benchmarks: the plain way, shared by the in-memory and the database suites.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { RelationAttributes, SubjectAttributes } from '../../analytics/projection/to-graphology.ts';

/** Plain recursive Tarjan over a graphology graph (the stock approach; overflows on deep graphs). */
export function recursiveTarjan(
  graph: MultiDirectedGraph<SubjectAttributes, RelationAttributes>,
  type: string,
): number {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  let count = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    graph.forEachOutEdge(v, (_e, attrs, _s, w) => {
      if (attrs.type !== type) return;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    });
    if (low.get(v) === index.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
      } while (w !== v);
      count++;
    }
  };
  graph.forEachNode((v) => {
    if (!index.has(v)) visit(v);
  });
  return count;
}
