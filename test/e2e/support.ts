/** Shared e2e plumbing: a fresh web build in a temp folder, the real app listening on a free port, Chromium. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { type App, buildApp } from '../../server/app.ts';
import type { Services } from '../../server/services.ts';
import { freshServices } from '../support/services.ts';

export const SCREENSHOTS = path.resolve('test/e2e/screenshots');

export { launchChromium } from '../support/chromium.ts';

/** Builds web/ with the project's Vite config into a temporary folder (never touches web/dist). */
export async function buildWebToTemp(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-web-'));
  await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface RunningApp {
  services: Services;
  app: App;
  baseUrl: string;
  webDir: string;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const webDir = await buildWebToTemp();
  const services = await freshServices({ WEB_DIST_DIR: webDir });
  const app = await buildApp(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    services,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    webDir,
    async close() {
      await app.close();
      await services.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    },
  };
}
