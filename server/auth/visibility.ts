/**
 * Turning a portfolio scope into a predicate over the subjects an answer mentions, so a route filters a whole
 * result (network nodes, path members, ownership chains) with one portfolio read.
 */
import type { RequestScope } from './request-context.ts';

export type Visible = (id: string) => boolean;

export async function visibility(scope: RequestScope, ids: Iterable<string>): Promise<Visible> {
  if (scope.unrestricted) return () => true;
  const visible = await scope.filterVisible([...new Set(ids)]);
  return (id) => visible.has(id);
}

/** True when every subject on a path may be shown. */
export const allVisible = (visible: Visible, ids: readonly string[]) => ids.every(visible);
