/**
 * A generated city's records are history: propagated directly (no queue) and the whole graph scored once, as
 * the nightly job leaves it, so a bench measures a settled graph: an empty outbox, the measures reaching the
 * persons behind the companies, and every subject's stored risk score and class.
 */
import { propagateRecords } from '../../jobs/propagate/propagate.ts';
import { rescoreAll } from '../../jobs/score/rescore.ts';
import type { Services } from '../../server/services.ts';

const RECORDS_PER_TX = 500;

export async function settleHistory(
  services: Services,
): Promise<{ records: number; bindings: number; propagateMs: number; rescoreMs: number }> {
  const t0 = performance.now();
  const backlog = (await services.gateway.read<{ id: string }>('punishment/all-record-ids')).map((r) => r.id);
  let bindings = 0;
  for (let i = 0; i < backlog.length; i += RECORDS_PER_TX)
    bindings += (await propagateRecords(services.gateway, backlog.slice(i, i + RECORDS_PER_TX)))
      .bindingsWritten;
  const propagateMs = performance.now() - t0;
  const rescored = await rescoreAll(services.gateway);
  return { records: backlog.length, bindings, propagateMs, rescoreMs: rescored.ms.total };
}
