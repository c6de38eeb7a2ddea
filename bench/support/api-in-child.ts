/**
 * The API in a process of its own for latency benches, as deployed: the suite's own work before the measurement
 * (generating and importing a city, propagating its records) leaves a large heap behind, and in the suite's
 * process that heap's garbage collection showed in the API's tail latency (a 1 GB retained heap took the check's
 * p95 under 8 clients from 16 to 21.5 ms on the same data). Workers do not run in it (`RUN_WORKERS=false`), as
 * in a deployment that keeps the API apart from the pipeline.
 */
import { fork } from 'node:child_process';
import type { Server } from 'node:net';
import { fileURLToPath } from 'node:url';

const CHILD_FLAG = '--api-child';
const PLAIN_FLAG = '--plain-child';

export interface ApiChild {
  /** `http://127.0.0.1:<port>` */
  base: string;
  stop(): Promise<void>;
}

/** Starts the API with `env` (the bench's Neo4j and Redis) and resolves once it listens. */
export const apiInChild = (env: NodeJS.ProcessEnv): Promise<ApiChild> => serverInChild(CHILD_FLAG, env);

/**
 * A plain Fastify server whose only route, `GET /constant`, returns a constant: the framework's own cost on this
 * machine, measured the same way as the API beside it.
 */
export const plainInChild = (): Promise<ApiChild> => serverInChild(PLAIN_FLAG, {});

function serverInChild(flag: string, env: NodeJS.ProcessEnv): Promise<ApiChild> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [flag], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env, RUN_WORKERS: 'false' },
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`server process (${flag}) exited with ${code} before it listened`)),
    );
    child.once('message', (msg) => {
      const { port } = msg as { port: number };
      resolve({
        base: `http://127.0.0.1:${port}`,
        stop: async () => {
          child.send('stop');
          await exited;
        },
      });
    });
  });
}

/** In a child: listens on a free port, tells the parent which, and closes on the parent's word. */
async function serveUntilStopped(
  server: { listen(o: { port: number; host: string }): Promise<unknown>; server: Server },
  close: () => Promise<void>,
): Promise<void> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  process.once('message', async () => {
    await close();
    process.exit(0);
  });
}

if (process.argv.includes(PLAIN_FLAG) && process.send) {
  const { default: Fastify } = await import('fastify');
  const plain = Fastify();
  plain.get('/constant', async () => ({ ok: true }));
  await serveUntilStopped(plain, () => plain.close());
}

if (process.argv.includes(CHILD_FLAG) && process.send) {
  const { loadConfig } = await import('../../server/config.ts');
  const { createLogger } = await import('../../server/logger.ts');
  const { createServices } = await import('../../server/services.ts');
  const { buildApp } = await import('../../server/app.ts');
  const cfg = loadConfig();
  const services = await createServices(cfg, createLogger(cfg));
  const app = await buildApp(services);
  await serveUntilStopped(app, async () => {
    await app.close();
    await services.close();
  });
}
