/**
 * The pipeline stages that exist so far, by queue; jobs/workers.ts binds them. Imports have their own
 * worker in the API process (server/import-worker.ts) because uploads are local files.
 */
import type { Logger } from 'pino';
import type { CypherGateway } from '../cypher/gateway.ts';
import { createAlertProcessor } from './alerts/processor.ts';
import { createMaintenanceProcessor } from './expiry/processor.ts';
import { createPropagateProcessor } from './propagate/propagate.ts';
import type { QueueSet } from './queues.ts';
import { createScoreProcessor } from './score/score-processor.ts';
import type { ProcessorRegistry } from './workers.ts';

export interface PipelineDeps {
  gateway: CypherGateway;
  queues: QueueSet;
  log?: Logger;
  /**
   * How many waiting jobs a propagate, rescore or record-alert job takes over (jobs/take-over.ts); 0 turns
   * coalescing off. Each stage's own default when not given.
   */
  coalesce?: number;
  /** Whole-graph passes keep the structure for reuse up to this many subjects (jobs/score/rescore.ts). */
  keepStructureUpTo?: number;
}

export function pipelineProcessors(deps: PipelineDeps): ProcessorRegistry {
  return {
    // record → inclusions of the persons who held the bound roles on the act date
    propagate: createPropagateProcessor(deps),
    // rescore-all / rescore-neighbourhood
    score: createScoreProcessor(deps),
    // expiry of records and inclusions whose window has passed; the outbox reconciler
    maintenance: createMaintenanceProcessor(deps),
    // alert rules after rescoring (evaluate) and after the nightly rescore (sweep)
    alert: createAlertProcessor(deps),
  };
}
