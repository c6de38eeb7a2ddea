/**
 * Starts, stops and reports the local Neo4j (embedded launcher, infra/neo4j) and Redis (Debian's
 * redis-server with infra/redis/redis.conf). Used by `npm run services:*`, `npm start` and the test
 * setup, which runs its own instances on other ports and folders. Idempotent: a service that
 * already answers on its port is reused, and stopping one that is not running is a no-op.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import neo4j from 'neo4j-driver';

const INFRA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const LAUNCHER_DIR = path.join(INFRA_DIR, 'neo4j');
const LAUNCHER_JAR = path.join(LAUNCHER_DIR, 'target', 'neo4j-launcher.jar');

export interface Neo4jSpec {
  port: number;
  password: string;
  heap: string;
  pageCache: string;
  dataDir: string;
}
export interface RedisSpec {
  port: number;
  dataDir: string;
}
export interface ServiceStatus {
  name: 'neo4j' | 'redis';
  running: boolean;
  pid: number | null;
  port: number;
  managedByUs: boolean;
}

export class ServiceError extends Error {
  constructor(
    readonly code: 'SERVICE_START_FAILED' | 'SERVICE_MISSING_TOOL' | 'SERVICE_AUTH',
    message: string,
  ) {
    super(message);
  }
}

type Log = (msg: string) => void;
const pidFile = (dataDir: string) => path.join(dataDir, 'service.pid');

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function readPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile(dataDir), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Builds the launcher with Maven unless its jar and classpath are already there. */
export function ensureNeo4jLauncher(log: Log): void {
  if (fs.existsSync(LAUNCHER_JAR) && fs.existsSync(path.join(LAUNCHER_DIR, 'target', 'lib'))) return;
  if (!hasCommand('java') || !hasCommand('mvn')) {
    throw new ServiceError(
      'SERVICE_MISSING_TOOL',
      'Neo4j needs Java 17+ and Maven to build its launcher. Install them (Debian: apt-get install openjdk-17-jre-headless maven), or set NEO4J_MANAGED=false and NEO4J_URI to a Neo4j 5.26 you run yourself.',
    );
  }
  log('building the Neo4j launcher with Maven (first start only; downloads about 130 MB)…');
  const r = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: LAUNCHER_DIR, stdio: 'inherit' });
  if (r.status !== 0)
    throw new ServiceError(
      'SERVICE_START_FAILED',
      `Maven build of ${LAUNCHER_DIR} failed (exit ${r.status}).`,
    );
}

async function neo4jAuthOk(port: number, password: string): Promise<boolean> {
  const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', password), {
    connectionTimeout: 3000,
  });
  try {
    await driver.verifyAuthentication();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export async function startNeo4j(spec: Neo4jSpec, log: Log, timeoutMs = 180_000): Promise<ServiceStatus> {
  if (await portAnswers(spec.port)) {
    if (!(await neo4jAuthOk(spec.port, spec.password))) {
      throw new ServiceError(
        'SERVICE_AUTH',
        `Something answers on Bolt port ${spec.port} but rejects user neo4j with NEO4J_PASSWORD. Stop it, or point NEO4J_URI at another port.`,
      );
    }
    log(`neo4j already running on 127.0.0.1:${spec.port}`);
    return neo4jStatus(spec);
  }
  ensureNeo4jLauncher(log);
  fs.mkdirSync(spec.dataDir, { recursive: true });
  const logFile = path.join(spec.dataDir, 'launcher.log');
  const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    'java',
    [
      // Initial heap = max heap (Neo4j's advice): resizing under load caused long young-GC pauses.
      `-Xms${spec.heap}`,
      `-Xmx${spec.heap}`,
      ...(process.env.NEO4J_GC === 'parallel' ? ['-XX:+UseParallelGC'] : ['-XX:+UseG1GC']),
      '-cp',
      `${LAUNCHER_JAR}${path.delimiter}${path.join(LAUNCHER_DIR, 'target', 'lib', '*')}`,
      'credit.linkage.neo4j.Launcher',
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NEO4J_HOME_DIR: spec.dataDir,
        NEO4J_BOLT_PORT: String(spec.port),
        NEO4J_PASSWORD: spec.password,
        NEO4J_PAGECACHE: spec.pageCache,
      },
    },
  );
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile(spec.dataDir), String(child.pid));
  log(`starting neo4j (pid ${child.pid}, bolt 127.0.0.1:${spec.port}, data ${spec.dataDir})…`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(child.pid!)) {
      throw new ServiceError(
        'SERVICE_START_FAILED',
        `Neo4j exited during start. Last lines of ${logFile}:\n${tail(logFile)}`,
      );
    }
    // Wait for the launcher's READY line (printed after it set the password): probing auth earlier
    // fails, and Neo4j locks the user for a while after a few failed attempts.
    const output = readSince(logFile, logStart);
    if (output.includes('NEO4J FAILED')) {
      throw new ServiceError(
        'SERVICE_START_FAILED',
        `Neo4j failed to start. Last lines of ${logFile}:\n${tail(logFile)}`,
      );
    }
    if (output.includes('NEO4J READY')) {
      if (!(await neo4jAuthOk(spec.port, spec.password))) {
        throw new ServiceError(
          'SERVICE_AUTH',
          `Neo4j started but rejects the configured password. See ${logFile}.`,
        );
      }
      log(`neo4j ready on bolt://127.0.0.1:${spec.port}`);
      return neo4jStatus(spec);
    }
    await sleep(500);
  }
  throw new ServiceError(
    'SERVICE_START_FAILED',
    `Neo4j did not answer within ${timeoutMs / 1000}s. See ${logFile}:\n${tail(logFile)}`,
  );
}

function readSince(file: string, offset: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.max(0, size - offset));
      fs.readSync(fd, buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

function writeRedisConf(spec: RedisSpec): string {
  fs.mkdirSync(spec.dataDir, { recursive: true });
  const base = fs.readFileSync(path.join(INFRA_DIR, 'redis', 'redis.conf'), 'utf8');
  const conf = path.join(spec.dataDir, 'redis.conf');
  fs.writeFileSync(
    conf,
    `${base}\n# instance settings written by infra/services.ts\nport ${spec.port}\ndir ${spec.dataDir}\npidfile ${pidFile(spec.dataDir)}\nlogfile ${path.join(spec.dataDir, 'redis.log')}\n`,
  );
  return conf;
}

export async function startRedis(spec: RedisSpec, log: Log, timeoutMs = 30_000): Promise<ServiceStatus> {
  if (await portAnswers(spec.port)) {
    log(`redis already running on 127.0.0.1:${spec.port}`);
    return redisStatus(spec);
  }
  if (!hasCommand('redis-server')) {
    throw new ServiceError(
      'SERVICE_MISSING_TOOL',
      'redis-server is not installed. Install it (Debian: sudo apt-get install redis-server), or set REDIS_MANAGED=false and REDIS_URL to a Redis 6.2+ with maxmemory-policy noeviction.',
    );
  }
  const conf = writeRedisConf(spec);
  const child = spawn('redis-server', [conf], { detached: true, stdio: 'ignore' });
  child.unref();
  log(`starting redis (pid ${child.pid}, 127.0.0.1:${spec.port}, data ${spec.dataDir})…`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(child.pid!)) {
      const logFile = path.join(spec.dataDir, 'redis.log');
      throw new ServiceError(
        'SERVICE_START_FAILED',
        `redis-server exited during start. Last lines of ${logFile}:\n${tail(logFile)}`,
      );
    }
    if (await redisPing(spec.port)) {
      log(`redis ready on 127.0.0.1:${spec.port}`);
      return redisStatus(spec);
    }
    await sleep(200);
  }
  throw new ServiceError('SERVICE_START_FAILED', `Redis did not answer within ${timeoutMs / 1000}s.`);
}

async function redisPing(port: number): Promise<boolean> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    // While loading the AOF after a restart Redis answers LOADING: not ready yet.
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function neo4jStatus(spec: Neo4jSpec): Promise<ServiceStatus> {
  const pid = readPid(spec.dataDir);
  return {
    name: 'neo4j',
    running: await portAnswers(spec.port),
    pid,
    port: spec.port,
    managedByUs: pid !== null,
  };
}

export async function redisStatus(spec: RedisSpec): Promise<ServiceStatus> {
  const pid = readPid(spec.dataDir);
  return {
    name: 'redis',
    running: await portAnswers(spec.port),
    pid,
    port: spec.port,
    managedByUs: pid !== null,
  };
}

/** SIGTERM (both services shut down cleanly on it), then SIGKILL after the grace period. */
export async function stopService(dataDir: string, name: string, log: Log, graceMs = 60_000): Promise<void> {
  const pid = readPid(dataDir);
  if (pid === null) {
    log(`${name} not running (no live pid in ${pidFile(dataDir)})`);
    return;
  }
  log(`stopping ${name} (pid ${pid})…`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    log(`${name} did not stop within ${graceMs / 1000}s; killing it`);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  fs.rmSync(pidFile(dataDir), { force: true });
  log(`${name} stopped`);
}
