/** Every benchmark suite; later issues add theirs here. */
import { alertsSuite } from './alerts/alerts.bench.ts';
import { analyticsSuite } from './analytics/analytics.bench.ts';
import { analyticsDbSuite } from './analytics-db/analytics-db.bench.ts';
import { apiSuite } from './api/api.bench.ts';
import { foundationSuite } from './foundation/foundation.bench.ts';
import { importSuite } from './ingest/import.bench.ts';
import { punishmentSuite } from './punishment/punishment.bench.ts';
import type { BenchSuite } from './types.ts';
import { webSuite } from './web/web.bench.ts';

export const SUITES: BenchSuite[] = [
  foundationSuite,
  importSuite,
  analyticsSuite,
  analyticsDbSuite,
  punishmentSuite,
  webSuite,
  apiSuite,
  alertsSuite,
];
