/**
 * Builds the web app with Vite when web/dist is missing or older than any web source, so `npm start`
 * always serves the current app without a separate build step.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureWebBuilt(cfg: Config, log: Logger): Promise<void> {
  const dist = path.resolve(cfg.WEB_DIST_DIR);
  const index = path.join(dist, 'index.html');
  const sources = path.resolve('web');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(sources)) return;
  log.info('building the web app (vite build)…');
  const { build } = await import('vite');
  await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dist, emptyOutDir: true },
  });
}
