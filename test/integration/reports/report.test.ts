import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../server/app.ts';
import { radialLayout } from '../../../server/report/network-svg.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { loadScreeningWorld, NAMES, USCC } from '../screening/fixture.ts';

let services: Services;
let app: App;
let admin: ReturnType<typeof injectAs>;
let bank: ReturnType<typeof injectAs>;

beforeAll(async () => {
  services = await freshServices({ BANK_SCOPE_DEPTH: '1', BANK_SCOPE_CACHE_MS: '0' });
  await loadScreeningWorld(services);
  app = await buildApp(services);
  admin = injectAs(app, await authHeaders(services, 'admin'));
  bank = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-R' }));
  const granted = await bank({
    method: 'POST',
    url: '/api/v1/authorisations',
    payload: { subjectId: 'LR', basis: 'guarantor check' },
  });
  expect(granted.statusCode, granted.body).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

describe('GET /api/v1/subjects/:id/report (JSON)', () => {
  it('gathers identity, records, lists, measures, risk explanation, ownership, controllers and the network', async () => {
    const res = await admin({ method: 'GET', url: '/api/v1/subjects/BAD/report' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.identity).toMatchObject({ id: 'BAD', name: NAMES.BAD, uscc: USCC.BAD, kind: 'enterprise' });
    expect(r.records.map((x: { id: string }) => x.id).sort()).toEqual(['rec-bad-list', 'rec-bad-penalty']);
    expect(r.lists.map((x: { category: string }) => x.category)).toEqual(['dishonest_judgment_debtor']);
    expect(r.measures.length).toBeGreaterThan(0);
    expect(r.measures[0].reasons[0].steps.length).toBeGreaterThan(0);
    // The explanation is the risk route's: same score and class.
    const risk = (await admin({ method: 'GET', url: `/api/v1/subjects/BAD/risk?asOf=${r.asOf}` })).json();
    expect(r.risk).toMatchObject({ score: risk.score, riskClass: risk.riskClass });
    const own = r.risk.factors.find((f: { factor: string }) => f.factor === 'own_records');
    expect(own.details.map((d: { en: string }) => d.en).join(' ')).toContain('rec-bad-penalty');
    expect(r.network.nodes.map((n: { id: string; hops: number }) => [n.id, n.hops])).toEqual([
      ['BAD', 0],
      ['LR', 1],
    ]);
    expect(r.network.edges).toEqual([
      { from: 'LR', to: 'BAD', type: 'LEGAL_REP', role: null, stakePct: null },
    ]);
  });

  it('shows owners and the actual controller of a company', async () => {
    const r = (await admin({ method: 'GET', url: '/api/v1/subjects/BORROWER/report' })).json();
    expect(r.ownership.owners).toEqual([
      expect.objectContaining({ id: 'EVIL', name: NAMES.EVIL, direct: 0.6, integrated: 0.6 }),
    ]);
    expect(r.controllers.method).toBe('majority_control');
    expect(r.controllers.controllers.map((c: { id: string }) => c.id)).toEqual(['EVIL']);
    expect(r.network.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['BORROWER', 'EVIL', 'LR']);
  });

  it('answers 404 for an unknown subject', async () => {
    const res = await admin({ method: 'GET', url: '/api/v1/subjects/NOPE/report' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SUBJECT_NOT_FOUND');
  });
});

describe('GET /api/v1/subjects/:id/report?format=html', () => {
  it('renders a printable page in Chinese by default, every name escaped', async () => {
    const res = await admin({ method: 'GET', url: '/api/v1/subjects/BORROWER/report?format=html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('信用报告');
    expect(html).toContain(NAMES.BORROWER);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<svg [^>]*class="network"/);
    expect((html.match(/<g class="node /g) ?? []).length).toBe(3);
  });

  it('renders in English with lang=en', async () => {
    const html = (await admin({ method: 'GET', url: '/api/v1/subjects/BAD/report?format=html&lang=en' }))
      .body;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Credit report');
    expect(html).toContain('Joint punishment measures in force');
    expect(html).not.toContain('信用报告');
  });

  it('rejects an unknown format or language', async () => {
    expect((await admin({ method: 'GET', url: '/api/v1/subjects/BAD/report?format=pdf' })).statusCode).toBe(
      400,
    );
    expect((await admin({ method: 'GET', url: '/api/v1/subjects/BAD/report?lang=fr' })).statusCode).toBe(400);
  });
});

describe('portfolio scope', () => {
  it('a bank reads reports of its portfolio only, without subjects outside it', async () => {
    // LR is authorised; BORROWER and BAD are one relationship away; EVIL is two.
    expect((await bank({ method: 'GET', url: '/api/v1/subjects/EVIL/report' })).statusCode).toBe(403);
    const res = await bank({ method: 'GET', url: '/api/v1/subjects/BORROWER/report' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.ownership.owners).toEqual([]);
    expect(r.controllers.controllers).toEqual([]);
    expect(r.network.nodes.map((n: { id: string }) => n.id)).toEqual(['BORROWER', 'LR']);
    expect(r.network.hidden).toBe(1);
    const html = (await bank({ method: 'GET', url: '/api/v1/subjects/BORROWER/report?format=html' })).body;
    expect(html).not.toContain('alert(');
  });
});

describe('network picture layout', () => {
  it('is deterministic: centre in the middle, neighbours evenly from 12 o’clock by link type then id', () => {
    const pic = {
      centre: 'C',
      nodes: [
        { id: 'C', kind: 'enterprise', name: 'c', hops: 0 },
        { id: 'b', kind: 'enterprise', name: 'b', hops: 1 },
        { id: 'a', kind: 'natural_person', name: 'a', hops: 1 },
      ],
      edges: [
        { from: 'b', to: 'C', type: 'SHAREHOLDER' },
        { from: 'a', to: 'C', type: 'LEGAL_REP' },
      ],
    };
    const pos = radialLayout(pic);
    expect(pos.get('C')).toEqual({ x: 280, y: 280 });
    expect(pos.get('a')).toEqual({ x: 280, y: 80 });
    expect(pos.get('b')).toEqual({ x: 280, y: 480 });
    expect(radialLayout({ ...pic, nodes: [...pic.nodes].reverse() })).toEqual(pos);
  });
});
