/**
 * The one place that reads process.env: every setting is parsed and validated here once, at start,
 * into a typed, frozen object. A bad value fails fast with the variable's name and what is allowed.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const memSize = z.string().regex(/^\d+[kKmMgG]?$/, 'a size such as 512m or 2g');
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((u) => protocols.includes(new URL(u).protocol), `a URL with scheme ${protocols.join(' or ')}`);

/** Variable name → schema and default. The README's configuration table mirrors this list. */
const SCHEMA = {
  NODE_ENV: { schema: z.enum(['development', 'production', 'test']), default: 'development' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
  },
  HOST: { schema: z.string().min(1), default: '127.0.0.1' },
  PORT: { schema: port, default: '3000' },
  DATA_DIR: { schema: z.string().min(1), default: '.data' },
  NEO4J_URI: { schema: url(['bolt:', 'neo4j:', 'bolt+s:', 'neo4j+s:']), default: 'bolt://127.0.0.1:7687' },
  NEO4J_USER: { schema: z.string().min(1), default: 'neo4j' },
  NEO4J_PASSWORD: { schema: z.string().min(8, 'at least 8 characters'), default: 'credit-linkage-dev' },
  NEO4J_MANAGED: { schema: bool, default: 'true' },
  NEO4J_TX_RETRY_MS: { schema: z.coerce.number().int().min(0).max(300_000), default: '15000' },
  NEO4J_HEAP: { schema: memSize, default: '1g' },
  NEO4J_PAGECACHE: { schema: memSize, default: '512m' },
  REDIS_URL: { schema: url(['redis:', 'rediss:']), default: 'redis://127.0.0.1:6379' },
  REDIS_MANAGED: { schema: bool, default: 'true' },
  QUEUE_PREFIX: {
    schema: z.string().regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, _ or -'),
    default: 'cl',
  },
  WORKER_CONCURRENCY: { schema: z.coerce.number().int().min(1).max(64), default: '2' },
  // false: one record per propagate and alert job and one rescore per job (no taking over of waiting jobs).
  PIPELINE_BATCHING: { schema: bool, default: 'true' },
  // Whole-graph passes keep the graph's structure in the worker for reuse up to this many subjects; 0: never.
  SCORE_KEEP_STRUCTURE_UP_TO: { schema: z.coerce.number().int().min(0), default: '300000' },
  PII_HASH_SECRET: {
    schema: z.string().min(16, 'at least 16 characters'),
    default: 'dev-only-pii-secret-change-me',
  },
  IMPORT_BATCH_SIZE: { schema: z.coerce.number().int().min(1).max(50_000), default: '2000' },
  IMPORT_WRITE_CONCURRENCY: { schema: z.coerce.number().int().min(1).max(8), default: '2' },
  IMPORT_MAX_BYTES: { schema: z.coerce.number().int().min(1024), default: String(2 * 1024 ** 3) },
  RUN_WORKERS: { schema: bool, default: 'true' },
  SCHEDULE_RECONCILE_MS: { schema: z.coerce.number().int().min(1000), default: '60000' },
  SCHEDULE_RESCORE_CRON: {
    schema: z.string().regex(/^(\S+\s+){4}\S+$/, 'a 5-field cron pattern'),
    default: '0 2 * * *',
  },
  SCHEDULE_EXPIRY_CRON: {
    schema: z.string().regex(/^(\S+\s+){4}\S+$/, 'a 5-field cron pattern'),
    default: '5 0 * * *',
  },
  WEB_DIST_DIR: { schema: z.string().min(1), default: 'web/dist' },
  SESSION_TTL_HOURS: {
    schema: z.coerce
      .number()
      .min(0.01)
      .max(24 * 30),
    default: '8',
  },
  BANK_SCOPE_DEPTH: { schema: z.coerce.number().int().min(0).max(4), default: '2' },
  BANK_SCOPE_MAX_SUBJECTS: { schema: z.coerce.number().int().min(1), default: '200000' },
  BANK_SCOPE_CACHE_MS: { schema: z.coerce.number().int().min(0), default: '10000' },
  RATE_LIMIT_PER_MINUTE: { schema: z.coerce.number().int().min(1), default: '1200' },
  AUDIT_GROUP_COMMIT_MS: { schema: z.coerce.number().int().min(0).max(50), default: '1' },
  LOGIN_ATTEMPTS_PER_MINUTE: { schema: z.coerce.number().int().min(1), default: '20' },
  DEMO_ACCOUNTS: { schema: bool, default: '' },
  METRICS_ENABLED: { schema: bool, default: 'true' },
} as const;

type Schema = typeof SCHEMA;
export type ConfigKey = keyof Schema;
type Raw = { [K in ConfigKey]: z.output<Schema[K]['schema']> };

export interface Config extends Raw {
  /** Absolute data folders for the locally managed services. */
  readonly paths: {
    readonly data: string;
    readonly neo4j: string;
    readonly redis: string;
    readonly run: string;
  };
  readonly neo4jBoltPort: number;
  readonly redisPort: number;
  readonly redisHost: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: Array<{ variable: string; reason: string }>) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}\n` +
        'Fix the environment variable(s) above (see the Configuration table in README.md).',
    );
  }
}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: Array<{ variable: string; reason: string }> = [];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SCHEMA)) {
    const given = env[name];
    const fallback =
      name === 'DEMO_ACCOUNTS' ? (env.NODE_ENV === 'production' ? 'false' : 'true') : spec.default;
    const raw = given === undefined || given === '' ? fallback : given;
    const parsed = (spec.schema as z.ZodType).safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else
      problems.push({
        variable: name,
        reason: `${parsed.error.issues.map((i) => i.message).join('; ')} (got "${raw}")`,
      });
  }
  if (out.NODE_ENV === 'production' && (env.PII_HASH_SECRET ?? '') === '') {
    problems.push({
      variable: 'PII_HASH_SECRET',
      reason: 'must be set in production (the dev default is public)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const raw = out as Raw;
  const data = path.resolve(cwd, raw.DATA_DIR);
  const neo4jUrl = new URL(raw.NEO4J_URI);
  const redisUrl = new URL(raw.REDIS_URL);
  return Object.freeze({
    ...raw,
    paths: Object.freeze({
      data,
      neo4j: path.join(data, 'neo4j'),
      redis: path.join(data, 'redis'),
      run: path.join(data, 'run'),
    }),
    neo4jBoltPort: Number(neo4jUrl.port || 7687),
    redisPort: Number(redisUrl.port || 6379),
    redisHost: redisUrl.hostname,
  });
}

/** The recurring jobs' settings (jobs/schedules.ts) from the configuration. */
/** The pipeline workers' settings from the configuration (jobs/registry.ts). */
export function pipelineSettings(cfg: Config) {
  return {
    ...(cfg.PIPELINE_BATCHING ? {} : { coalesce: 0 }),
    keepStructureUpTo: cfg.SCORE_KEEP_STRUCTURE_UP_TO,
  };
}

export function scheduleSettings(cfg: Config) {
  return {
    reconcileEveryMs: cfg.SCHEDULE_RECONCILE_MS,
    rescoreCron: cfg.SCHEDULE_RESCORE_CRON,
    expiryCron: cfg.SCHEDULE_EXPIRY_CRON,
  };
}
