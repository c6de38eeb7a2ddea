#!/usr/bin/env node
// Runs before `npm start` and `npm test` (npm's pre-scripts): installs what is missing so both
// commands work on a fresh clone, and says exactly what to install when it cannot do it itself.
// Plain Node with no dependencies, because it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const forTests = process.env.npm_lifecycle_event === 'pretest' || process.argv.includes('--test');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const say = (m) => console.log(`[setup] ${m}`);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status === 0;
};
const problems = [];

// 1. npm packages: install when node_modules is missing or older than the lockfile.
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');
if (
  !fs.existsSync(marker) ||
  (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs)
) {
  say('installing npm packages…');
  // `npm install` (which keeps the lockfile's versions) rather than `npm ci`: npm 11 leaves other platforms'
  // optional packages out of the lockfile it writes and then `npm ci` rejects that same lockfile.
  if (!run('npm', ['install', '--no-audit', '--no-fund'])) {
    problems.push('`npm install` failed: check the network access to the npm registry and run it again.');
  }
}

// 2. Debian packages we can install ourselves when root: redis-server, and chromium for the browser tests.
const aptWanted = [];
const redisManaged = (process.env.REDIS_MANAGED ?? 'true') !== 'false';
if (redisManaged && !has('redis-server')) aptWanted.push('redis-server');
if (forTests && !fs.existsSync('/usr/bin/chromium')) aptWanted.push('chromium');
// Chinese glyphs, so the browser tests' screenshots show text rather than empty boxes.
if (forTests && !fs.existsSync('/usr/share/fonts/truetype/wqy')) aptWanted.push('fonts-wqy-microhei');
if (aptWanted.length > 0) {
  if (isRoot && has('apt-get')) {
    say(`installing ${aptWanted.join(', ')} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      !run('apt-get', ['update', '-qq'], { env }) ||
      !run('apt-get', ['install', '-y', '-qq', ...aptWanted], { env })
    ) {
      problems.push(`apt-get could not install ${aptWanted.join(' ')}; install them by hand.`);
    }
  } else {
    problems.push(
      `Missing: ${aptWanted.join(', ')}. Install with: sudo apt-get install ${aptWanted.join(' ')}` +
        (aptWanted.includes('redis-server')
          ? ' (or set REDIS_MANAGED=false and REDIS_URL to your own Redis with maxmemory-policy noeviction)'
          : ''),
    );
  }
}

// 3. Java 17+ and Maven for the local Neo4j launcher (built once, reused later).
const neo4jManaged = (process.env.NEO4J_MANAGED ?? 'true') !== 'false';
if (neo4jManaged) {
  const javaOk =
    has('java') &&
    /version "(1[7-9]|[2-9]\d)/.test(spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr ?? '');
  if (!javaOk)
    problems.push(
      'Java 17 or newer is needed for the local Neo4j. Install it: sudo apt-get install openjdk-17-jre-headless',
    );
  const launcherDir = path.join(root, 'infra', 'neo4j');
  const jar = path.join(launcherDir, 'target', 'neo4j-launcher.jar');
  // Rebuild when the launcher's sources changed since the jar was built (a pull brought a new version).
  const newestSource = Math.max(
    fs.statSync(path.join(launcherDir, 'pom.xml')).mtimeMs,
    fs.statSync(path.join(launcherDir, 'src', 'main', 'java', 'credit', 'linkage', 'neo4j', 'Launcher.java'))
      .mtimeMs,
  );
  const built =
    fs.existsSync(jar) &&
    fs.existsSync(path.join(launcherDir, 'target', 'lib')) &&
    fs.statSync(jar).mtimeMs >= newestSource;
  if (!built) {
    if (!has('mvn')) {
      problems.push(
        'Maven is needed once to build the local Neo4j launcher. Install it: sudo apt-get install maven',
      );
    } else if (javaOk) {
      say('building the Neo4j 5.26 launcher with Maven (first run only; downloads about 130 MB)…');
      if (!run('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: launcherDir })) {
        problems.push(`Maven could not build ${launcherDir}; run \`mvn package\` there to see why.`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`\n[setup] Cannot continue:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  console.error('[setup] Or use Docker instead: docker compose up\n');
  process.exit(1);
}
