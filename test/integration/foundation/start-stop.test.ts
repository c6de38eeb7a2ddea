import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  // Starts its own Neo4j (JVM start ~10 s) and Redis: a longer limit than the default.
  it('answers ready, and Ctrl-C (even followed by a second signal) leaves no Neo4j or Redis process', {
    timeout: 240_000,
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-start-'));
    // A built web app newer than its sources, so the start does not spend time in vite.
    const web = path.join(dir, 'web');
    fs.mkdirSync(web);
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>test</title>');
    const [port, bolt, redisPort] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/start.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATA_DIR: dir,
        PORT: String(port),
        NEO4J_URI: `bolt://127.0.0.1:${bolt}`,
        NEO4J_PASSWORD: 'start-stop-test-1',
        NEO4J_MANAGED: 'true',
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        REDIS_MANAGED: 'true',
        WEB_DIST_DIR: web,
        QUEUE_PREFIX: 'clstart',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 1800 && !output.includes('is running'); i++) {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toContain(`credit-linkage is running: http://127.0.0.1:${port}`);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      const neo4jPid = Number(fs.readFileSync(path.join(dir, 'neo4j', 'service.pid'), 'utf8'));
      const redisPid = Number(fs.readFileSync(path.join(dir, 'redis', 'service.pid'), 'utf8'));
      expect(alive(neo4jPid) && alive(redisPid)).toBe(true);

      child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(alive(neo4jPid)).toBe(false);
      expect(alive(redisPid)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const service of ['neo4j', 'redis']) {
        const pidFile = path.join(dir, service, 'service.pid');
        if (fs.existsSync(pidFile)) {
          const pid = Number(fs.readFileSync(pidFile, 'utf8'));
          if (alive(pid)) process.kill(pid, 'SIGKILL');
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
