/**
 * The whole rescoring job alone in its own process, as the worker runs it (graph streamed into the pass thread),
 * so its peak memory is the job's and not the benchmark's: analytics-db.bench.ts starts it with the bench's
 * environment and reads the last stdout line, `{"stats": RescoreStats, "peakRssMb": number}`.
 * Usage: tsx bench/analytics-db/rescore-job.ts <asOf>
 */
import { rescoreAll } from '../../jobs/score/rescore.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices } from '../../server/services.ts';

const asOf = process.argv[2];
if (!asOf) throw new Error('usage: tsx bench/analytics-db/rescore-job.ts <asOf>');
const cfg = loadConfig(process.env);
const services = await createServices(cfg, createLogger(cfg));
try {
  const stats = await rescoreAll(services.gateway, { asOf });
  process.stdout.write(`${JSON.stringify({ stats, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
} finally {
  await services.close();
}
