/** Every benchmark suite; later issues add theirs here. */
import { foundationSuite } from './foundation/foundation.bench.ts';
import type { BenchSuite } from './types.ts';

export const SUITES: BenchSuite[] = [foundationSuite];
