/** Shared e2e plumbing: a fresh web build in a temp folder, the real app listening on a free port, Chromium. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
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

/** A digest of everything the web build reads, so a build is reused only while its sources are unchanged. */
function webSourcesDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'dist' && e.name !== 'node_modules') walk(p);
      } else hash.update(p).update(fs.readFileSync(p));
    }
  };
  walk(path.resolve('web'));
  hash.update(fs.readFileSync(path.resolve('vite.config.ts')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The web build the e2e files share: built once per source digest (files run one at a time, so never twice at
 * once) instead of once per file.
 */
async function sharedWebBuild(): Promise<string> {
  const dir = path.join(os.tmpdir(), `cl-web-e2e-${webSourcesDigest()}`);
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  const built = await buildWebToTemp();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(built, dir);
  return dir;
}

export interface RunningApp {
  services: Services;
  app: App;
  baseUrl: string;
  webDir: string;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const webDir = await sharedWebBuild();
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
    },
  };
}

/** A page at the screenshots' size and the default language, collecting the browser's errors into `errors`. */
export async function openPage(
  browser: Browser,
  errors: string[],
  options: Parameters<Browser['newPage']>[0] = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', ...options });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

export type Credentials = { username: string; password: string };

/** Signs in through the login page and waits until the app shows the account with its role. */
export async function signIn(running: RunningApp, p: Page, who: Credentials, role: string): Promise<void> {
  await p.goto(`${running.baseUrl}/#/login`);
  await p.fill('#login-username', who.username);
  await p.fill('#login-password', who.password);
  await p.click('#login-submit');
  await p.waitForSelector(`#account[data-role="${role}"]`);
}

/** A JSON request to the running API that must succeed (2xx); the answer's body is named when it does not. */
export async function callJson<T>(
  running: RunningApp,
  headers: Record<string, string>,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${running.baseUrl}${url}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${url}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}
