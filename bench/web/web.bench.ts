/**
 * The web app in headless Chromium: time to first render of a 500-node neighbourhood (target ≤ 1 s) and frames
 * per second while a 2,000-node graph settles (target ≥ 30), counted with requestAnimationFrame.
 *
 * This measures the client (boot, parse, layout start, canvas/SVG drawing, the layout worker), so the app is
 * served by a small static server whose network route answers a generated neighbourhood of the requested size
 * at once; the API's own latency is measured by the analytics suites.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { mulberry32 } from '../../domain/identifiers/generate.ts';
import { launchChromium } from '../../test/support/chromium.ts';
import { type BenchContext, type BenchRow, type BenchSuite, percentile } from '../types.ts';

const SUITE = 'web';
const RENDER_NODES = 500;
const FPS_NODES = 2000;
const RENDER_RUNS = 5;
const FPS_WINDOW_MS = 4000;

/** A company-shaped neighbourhood: a spanning tree from the root plus ~50 % extra links, deterministic. */
export function generateNeighbourhood(size: number, seed = 1): unknown {
  const rng = mulberry32(seed);
  const nodes = [];
  const edges = [];
  const types = ['SHAREHOLDER', 'LEGAL_REP', 'OFFICER', 'GUARANTEE'] as const;
  const hops: number[] = [0];
  for (let i = 0; i < size; i++) {
    const person = i > 0 && rng() < 0.35;
    if (i > 0) {
      const parent = Math.floor(rng() * Math.min(i, 1 + i / 3));
      hops[i] = hops[parent]! + 1;
      const type = person ? types[Math.floor(rng() * 3)]! : rng() < 0.7 ? 'SHAREHOLDER' : 'GUARANTEE';
      edges.push({
        from: `S${i}`,
        to: `S${parent}`,
        type,
        validFrom: '2015-01-01',
        validTo: null,
        ...(type === 'SHAREHOLDER' ? { stakePct: Math.round(rng() * 100) } : {}),
        ...(type === 'GUARANTEE' ? { amount: Math.round(rng() * 1e7) } : {}),
        ...(type === 'OFFICER' ? { role: 'director' } : {}),
      });
    }
    nodes.push({
      id: `S${i}`,
      kind: person ? 'natural_person' : 'enterprise',
      name: person ? `自然人${i}` : `测试企业${i}有限公司`,
      hops: hops[i]!,
    });
  }
  for (let k = 0; k < size / 2; k++) {
    const a = Math.floor(rng() * size);
    const b = Math.floor(rng() * size);
    if (a !== b)
      edges.push({
        from: `S${a}`,
        to: `S${b}`,
        type: 'GUARANTEE',
        validFrom: '2018-01-01',
        validTo: null,
        amount: 1e6,
      });
  }
  return { subject: nodes[0], asOf: '2026-01-01', depth: 3, nodes, edges, truncated: false };
}

/**
 * The in-page frame counter, as source text: functions passed to page.evaluate would carry the helpers tsx
 * adds when it transpiles this file, which do not exist in the page.
 */
const countFrames = (windowMs: number): string => `new Promise((resolve) => {
  const view = document.getElementById('network-view');
  const started = performance.now();
  let frames = 0, worst = 0, last = started, settledAt = null;
  const step = (now) => {
    frames++;
    worst = Math.max(worst, now - last);
    last = now;
    if (settledAt === null && view.dataset.settled === 'true') settledAt = now - started;
    if (now - started < ${windowMs}) requestAnimationFrame(step);
    else resolve({ fps: (frames * 1000) / (performance.now() - started), worst, settledAt, mode: view.dataset.mode });
  };
  requestAnimationFrame(step);
})`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

function serve(dir: string, graphs: Map<string, string>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const net = /^\/api\/v1\/subjects\/([^/]+)\/network$/.exec(url.pathname);
    if (net) {
      const body = graphs.get(decodeURIComponent(net[1]!));
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body ?? '{"error":{"code":"NOT_FOUND","message":"no such bench graph"}}');
      return;
    }
    if (url.pathname === '/api/v1/subjects/summaries') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const { ids } = JSON.parse(raw) as { ids: string[] };
        const classes = ['A', 'A', 'A', 'B', 'B', 'C', 'D'];
        const items = ids.map((id, i) => ({
          id,
          kind: 'enterprise',
          name: null,
          idMasked: null,
          riskScore: 0,
          riskClass: classes[i % 7],
        }));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items }));
      });
      return;
    }
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/health')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-web-bench-'));
  ctx.log('building the web app…');
  await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const graphs = new Map([
    [`G${RENDER_NODES}`, JSON.stringify(generateNeighbourhood(RENDER_NODES, 1))],
    [`G${FPS_NODES}`, JSON.stringify(generateNeighbourhood(FPS_NODES, 2))],
  ]);
  const server = await serve(outDir, graphs);
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  try {
    // ----- time to first render, 500 nodes -----
    const fromNav: number[] = [];
    const fromData: number[] = [];
    for (let i = 0; i < RENDER_RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      await page.goto(`${base}/#/network/G${RENDER_NODES}`);
      await page.waitForSelector('#network-view[data-first-render-ms]', { timeout: 30_000 });
      const m = (await page.evaluate(`({
        nav: performance.getEntriesByName('network-first-render')[0]?.startTime ?? NaN,
        data: Number(document.getElementById('network-view').dataset.firstRenderMs),
      })`)) as { nav: number; data: number };
      fromNav.push(m.nav);
      fromData.push(m.data);
      await page.close();
    }
    fromNav.sort((a, b) => a - b);
    fromData.sort((a, b) => a - b);
    rows.push({
      suite: SUITE,
      name: 'first render of a neighbourhood (navigation start → first frame)',
      size: RENDER_NODES,
      unit: 'nodes',
      ms: percentile(fromNav, 50),
      p50Ms: percentile(fromNav, 50),
      p95Ms: percentile(fromNav, 95),
      target: '≤ 1000 ms',
      notes: `${RENDER_RUNS} cold page loads, canvas + worker; data received → first frame p50 ${percentile(fromData, 50).toFixed(1)} ms`,
    });

    // ----- frames per second while 2,000 nodes settle -----
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${base}/#/network/G${FPS_NODES}`);
    await page.waitForSelector('#network-view[data-first-render-ms]', { timeout: 30_000 });
    const fps = (await page.evaluate(countFrames(FPS_WINDOW_MS))) as {
      fps: number;
      worst: number;
      settledAt: number | null;
      mode: string;
    };
    const shot = path.join(os.tmpdir(), 'cl-web-bench-2000.png');
    await page.screenshot({ path: shot });
    ctx.log(`2,000-node canvas screenshot: ${shot}`);
    rows.push({
      suite: SUITE,
      name: 'frames per second while the graph settles (requestAnimationFrame)',
      size: FPS_NODES,
      unit: 'nodes',
      ms: FPS_WINDOW_MS,
      perSecond: Math.round(fps.fps * 10) / 10,
      target: '≥ 30 fps',
      notes: `renderer ${fps.mode}, worst frame ${fps.worst.toFixed(1)} ms, ${
        fps.settledAt === null
          ? 'still settling at the end of the window'
          : `settled after ${Math.round(fps.settledAt)} ms`
      }`,
    });
    await page.close();
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  return rows;
}

export const webSuite: BenchSuite = { name: SUITE, needsServices: false, run };
