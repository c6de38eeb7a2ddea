/**
 * The pipeline stages that exist so far, by queue. Each later stage (propagate, score, alert)
 * adds its processor here; jobs/workers.ts binds them.
 */
import type { ProcessorRegistry } from './workers.ts';

export function pipelineProcessors(): ProcessorRegistry {
  return {};
}
