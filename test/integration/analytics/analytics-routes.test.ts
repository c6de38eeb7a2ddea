import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kHopNeighbourhood } from '../../../analytics/linkage/k-hop-neighbourhood.ts';
import { buildCsr } from '../../../analytics/projection/build-csr.ts';
import type { ProjectionEdge, ProjectionInput } from '../../../analytics/projection/projection-input.ts';
import {
  type Expansion,
  loadNeighbourhood,
  loadWholeGraph,
} from '../../../jobs/projection/load-projection.ts';
import type { RescoreStats } from '../../../jobs/score/rescore.ts';
import { createScoreProcessor } from '../../../jobs/score/score-processor.ts';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { loadFixture } from './fixture.ts';

let services: Services;
let app: App;
let call: ReturnType<typeof injectAs>;
let idNumbers: string[];
const AS_OF = '2024-06-30';

beforeAll(async () => {
  services = await freshServices();
  const loaded = await loadFixture(services);
  expect(loaded.summary.errorCount, JSON.stringify(loaded.summary.errors)).toBe(0);
  idNumbers = loaded.idNumbers;
  app = await buildApp(services);
  call = injectAs(app, await authHeaders(services, 'admin'));
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

const get = async (url: string) => {
  const res = await call({ method: 'GET', url });
  return { status: res.statusCode, body: res.json(), raw: res.body };
};

describe('projection loading', () => {
  it('reads the whole graph in pages, identical whatever the page size', async () => {
    const small = await loadWholeGraph(services.gateway, { pageSize: 4 });
    const big = await loadWholeGraph(services.gateway, { pageSize: 10_000 });
    expect(small.pages).toBeGreaterThan(5);
    expect(small.input.nodes.length).toBe(29);
    expect(small.input.nodes.map((n) => n.id)).toEqual(big.input.nodes.map((n) => n.id));
    expect(small.input.edges.length).toBe(big.input.edges.length);
    expect(small.input.records.map((r) => r.id).sort()).toEqual(['REC-B-1', 'REC-C-1']);
    const repaired = small.input.records.find((r) => r.id === 'REC-C-1')!;
    expect(repaired).toMatchObject({ status: 'repaired', polarity: 'negative', severity: 'serious' });
  });

  it('hands each page to a feed instead of keeping it, the same graph in the same order', async () => {
    const kept = await loadWholeGraph(services.gateway, { pageSize: 4 });
    const pages: ProjectionInput[] = [];
    const fed = await loadWholeGraph(services.gateway, {
      pageSize: 4,
      feed: async (page) => {
        pages.push(page);
      },
    });
    expect(fed.input).toEqual({ nodes: [], edges: [], records: [] });
    expect(pages).toHaveLength(fed.pages);
    expect(pages.flatMap((p) => p.nodes)).toEqual(kept.input.nodes);
    expect(pages.flatMap((p) => p.edges)).toEqual(kept.input.edges);
    expect(pages.flatMap((p) => p.records)).toEqual(kept.input.records);
    expect(fed.counts).toEqual({ subjects: 29, edges: kept.input.edges.length, records: 2 });
    expect(fed.storedHash).toEqual(kept.storedHash);
  });

  it('walks a bounded neighbourhood as of a date and says when the node cap cut it', async () => {
    const asOf2023 = await loadNeighbourhood(services.gateway, {
      seeds: ['B'],
      expansions: [{ direction: 'both', hops: 1 }],
      maxNodes: 100,
      asOf: '2023-01-01',
    });
    expect([...asOf2023.hopsOf.keys()].sort()).toEqual(['A', 'B', 'D2', 'P2']);
    expect(asOf2023.truncated).toBe(false);
    const asOf2019 = await loadNeighbourhood(services.gateway, {
      seeds: ['B'],
      expansions: [{ direction: 'both', hops: 1 }],
      maxNodes: 100,
      asOf: '2019-06-01',
    });
    expect(asOf2019.hopsOf.has('D1')).toBe(true);
    const capped = await loadNeighbourhood(services.gateway, {
      seeds: ['B'],
      expansions: [{ direction: 'both', hops: 3 }],
      maxNodes: 3,
      asOf: AS_OF,
    });
    expect(capped.hopsOf.size).toBe(3);
    expect(capped.truncated).toBe(true);
    const missing = await loadNeighbourhood(services.gateway, {
      seeds: ['NOPE'],
      expansions: [],
      maxNodes: 10,
      asOf: null,
    });
    expect(missing.missingSeeds).toEqual(['NOPE']);
  });
});

describe('neighbourhood walks against breadth-first search on the whole graph', () => {
  const asOfs = [null, '2019-06-01'] as const;
  const walks = [
    { direction: 'both', hops: 3 },
    { direction: 'out', hops: 4, types: ['SHAREHOLDER', 'GUARANTEE'] },
    { direction: 'in', hops: 2 },
    { direction: 'both', hops: 1, types: ['LEGAL_REP', 'OFFICER'] },
  ] as const;
  const legalRepsOf = { direction: 'in', hops: 1, types: ['LEGAL_REP'] } as const;

  /** The oracle: kHopNeighbourhood on the whole graph as of the date (null: every relationship ever). */
  async function oracle() {
    const whole = (await loadWholeGraph(services.gateway)).input;
    const timeless = { ...whole, edges: whole.edges.map((e) => ({ ...e, validFrom: null, validTo: null })) };
    const csrOf = (asOf: string | null) =>
      asOf === null ? buildCsr(timeless, { asOf: AS_OF }) : buildCsr(whole, { asOf });
    return { whole, csrOf };
  }

  it('reaches the same subjects at the same hops, from one seed or two, with every relationship between them', async () => {
    const { whole, csrOf } = await oracle();
    const ids = whole.nodes.map((n) => n.id);
    let compared = 0;
    for (const asOf of asOfs) {
      const csr = csrOf(asOf);
      const bfs = (seed: string, w: Expansion) =>
        kHopNeighbourhood(csr, seed, {
          maxHops: w.hops,
          direction: w.direction,
          maxNodes: 1000,
          ...('types' in w ? { types: w.types } : {}),
        }).nodes;
      for (const w of walks)
        for (const [i, seed] of ids.entries()) {
          const seeds = i % 3 === 0 ? [seed, ids[(i * 7 + 5) % ids.length]!] : [seed];
          const expected = new Map<string, number>();
          for (const s of seeds)
            for (const n of bfs(s, w)) expected.set(n.id, Math.min(n.hops, expected.get(n.id) ?? n.hops));
          // A second walk from the same seeds is united with the first, each subject at its fewest hops.
          const loaded = await loadNeighbourhood(services.gateway, {
            seeds,
            expansions: [w, legalRepsOf],
            maxNodes: 1000,
            asOf,
          });
          for (const s of seeds)
            for (const n of bfs(s, legalRepsOf))
              expected.set(n.id, Math.min(n.hops, expected.get(n.id) ?? n.hops));
          expect(Object.fromEntries(loaded.hopsOf), `${seeds} ${JSON.stringify(w)} as of ${asOf}`).toEqual(
            Object.fromEntries(expected),
          );
          expect(loaded.truncated).toBe(false);
          const inSet = (id: string) => expected.has(id);
          const key = (e: ProjectionEdge) => `${e.from}|${e.type}|${e.to}|${e.validFrom}`;
          expect(loaded.input.edges.map(key).sort()).toEqual(
            whole.edges
              .filter((e) => inSet(e.from) && inSet(e.to))
              .map(key)
              .sort(),
          );
          compared++;
        }
    }
    expect(compared).toBe(asOfs.length * walks.length * ids.length);
  });

  it('reads the same data whether the set fits one query or is split into several', async () => {
    const opts = {
      seeds: ['B'],
      expansions: [{ direction: 'both', hops: 4 }] as const,
      maxNodes: 1000,
      asOf: null,
    };
    const one = await loadNeighbourhood(services.gateway, opts);
    const split = await loadNeighbourhood(services.gateway, { ...opts, chunkSize: 3 });
    expect(one.hopsOf.size).toBeGreaterThan(6);
    expect(split.input).toEqual(one.input);
  });

  it('keeps the nearest subjects when the cap cuts a walk from one seed', async () => {
    const full = await loadNeighbourhood(services.gateway, {
      seeds: ['N1'],
      expansions: [{ direction: 'both', hops: 2 }],
      maxNodes: 1000,
      asOf: AS_OF,
    });
    const nearest = [...full.hopsOf.values()].filter((h) => h <= 1).length;
    const capped = await loadNeighbourhood(services.gateway, {
      seeds: ['N1'],
      expansions: [{ direction: 'both', hops: 2 }],
      maxNodes: nearest,
      asOf: AS_OF,
    });
    expect(capped.truncated).toBe(true);
    expect(capped.hopsOf.size).toBe(nearest);
    expect([...capped.hopsOf.values()].every((h) => h <= 1)).toBe(true);
  });
});

describe('GET /api/v1/subjects/:id/ownership', () => {
  it('finds the 60 % × 50 % = 30 % indirect owner with its chain', async () => {
    const { status, body } = await get(`/api/v1/subjects/B/ownership?direction=up&asOf=${AS_OF}`);
    expect(status).toBe(200);
    const byId = Object.fromEntries(body.stakes.map((s: { id: string }) => [s.id, s]));
    expect(byId.P1.integrated).toBeCloseTo(0.3, 12);
    expect(byId.P1.direct).toBe(0);
    expect(byId.P1.chains[0]).toMatchObject({ path: ['P1', 'A', 'B'], stakes: [0.6, 0.5] });
    expect(byId.P1.chains[0].product).toBeCloseTo(0.3, 12);
    expect(byId.P3.integrated).toBeCloseTo(0.2, 12);
    expect(byId.P2).toMatchObject({ direct: 0.5, integrated: 0.5, ultimate: true, kind: 'natural_person' });
    expect(byId.A.integrated).toBeCloseTo(0.5, 12);
    expect(body.truncated).toBe(false);
  });

  it('goes down the chain and filters by minPct', async () => {
    const { status, body } = await get(
      `/api/v1/subjects/P1/ownership?direction=down&minPct=35&asOf=${AS_OF}`,
    );
    expect(status).toBe(200);
    expect(body.stakes.map((s: { id: string }) => s.id).sort()).toEqual(['A', 'C']);
  });

  it('shows persons by masked ID number only, never the number itself', async () => {
    const { body, raw } = await get(`/api/v1/subjects/B/ownership?asOf=${AS_OF}`);
    const p1 = body.stakes.find((s: { id: string }) => s.id === 'P1');
    expect(p1.idMasked).toMatch(/\*/);
    for (const idNumber of idNumbers) expect(raw).not.toContain(idNumber);
  });

  it('answers 400 naming the field for a bad query parameter', async () => {
    const bad = await get('/api/v1/subjects/B/ownership?direction=sideways');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields[0].field).toBe('querystring.direction');
    const pct = await get('/api/v1/subjects/B/ownership?minPct=150');
    expect(pct.status).toBe(400);
    expect(pct.body.error.details.fields[0].field).toBe('querystring.minPct');
    const date = await get('/api/v1/subjects/B/ownership?asOf=2024-02-30');
    expect(date.status).toBe(400);
    expect(date.body.error.details.fields[0].field).toBe('querystring.asOf');
  });

  it('answers 404 SUBJECT_NOT_FOUND for an unknown subject', async () => {
    const { status, body } = await get('/api/v1/subjects/NOPE/ownership');
    expect(status).toBe(404);
    expect(body.error.code).toBe('SUBJECT_NOT_FOUND');
  });
});

describe('GET /api/v1/subjects/:id/controllers', () => {
  it('names the largest holder as actual controller and the ≥ 25 % persons as beneficial owners', async () => {
    const { status, body } = await get(`/api/v1/subjects/B/controllers?asOf=${AS_OF}`);
    expect(status).toBe(200);
    expect(body.actualController.method).toBe('largest_holder');
    expect(body.actualController.controllers.map((c: { id: string }) => c.id)).toEqual(['P2']);
    expect(body.beneficialOwners.method).toBe('ownership_or_control');
    const owners = body.beneficialOwners.owners.map((o: { id: string; integrated: number }) => [
      o.id,
      Math.round(o.integrated * 100),
    ]);
    expect(owners).toEqual([
      ['P2', 50],
      ['P1', 30],
    ]);
    const p1 = body.beneficialOwners.owners.find((o: { id: string }) => o.id === 'P1');
    expect(p1.evidence[0].path).toEqual(['P1', 'A', 'B']);
  });

  it('honours a configurable threshold', async () => {
    const { body } = await get(`/api/v1/subjects/B/controllers?asOf=${AS_OF}&threshold=40`);
    expect(body.beneficialOwners.owners.map((o: { id: string }) => o.id)).toEqual(['P2']);
  });

  it('answers 404 for an unknown subject', async () => {
    expect((await get('/api/v1/subjects/NOPE/controllers')).status).toBe(404);
  });
});

describe('GET /api/v1/subjects/:id/network', () => {
  it('lists the neighbourhood as of a date: a director who left before is not there', async () => {
    const now = await get(`/api/v1/subjects/B/network?depth=1&asOf=${AS_OF}`);
    expect(now.status).toBe(200);
    const ids = now.body.nodes.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(['A', 'B', 'D2', 'P2']);
    expect(now.body.truncated).toBe(false);
    const then = await get('/api/v1/subjects/B/network?depth=1&asOf=2019-06-01');
    expect(then.body.nodes.map((n: { id: string }) => n.id)).toContain('D1');
    const d1Edge = then.body.edges.find((e: { from: string }) => e.from === 'D1');
    expect(d1Edge).toMatchObject({ type: 'OFFICER', role: 'director', validTo: '2020-01-01' });
  });

  it('filters by relation type and says when it truncated', async () => {
    const ids = async (depth: number) =>
      (await get(`/api/v1/subjects/B/network?depth=${depth}&types=SHAREHOLDER&asOf=${AS_OF}`)).body.nodes
        .map((n: { id: string }) => n.id)
        .sort();
    expect(await ids(2)).toEqual(['A', 'B', 'P1', 'P2', 'P3']);
    // C is held by P1: three ownership hops from B.
    expect(await ids(3)).toEqual(['A', 'B', 'C', 'P1', 'P2', 'P3']);
    const capped = await get(`/api/v1/subjects/B/network?depth=3&limit=3&asOf=${AS_OF}`);
    expect(capped.status).toBe(200);
    expect(capped.body.nodes).toHaveLength(3);
    expect(capped.body.truncated).toBe(true);
  });

  it('answers 400 naming the field for bad types, depth or limit', async () => {
    const types = await get('/api/v1/subjects/B/network?types=FRIEND');
    expect(types.status).toBe(400);
    expect(types.body.error.details.fields[0].field).toBe('querystring.types');
    const depth = await get('/api/v1/subjects/B/network?depth=99');
    expect(depth.body.error.details.fields[0].field).toBe('querystring.depth');
    const limit = await get('/api/v1/subjects/B/network?limit=0');
    expect(limit.body.error.details.fields[0].field).toBe('querystring.limit');
  });
});

describe('GET /api/v1/paths', () => {
  it('ranks the strongest paths between two subjects', async () => {
    const { status, body } = await get(`/api/v1/paths?from=P1&to=P2&maxHops=4&asOf=${AS_OF}`);
    expect(status).toBe(200);
    expect(body.paths.length).toBeGreaterThan(0);
    expect(body.paths[0].nodes).toEqual(['P1', 'A', 'B', 'P2']);
    for (let i = 1; i < body.paths.length; i++)
      expect(body.paths[i].strength).toBeLessThanOrEqual(body.paths[i - 1].strength);
    expect(body.subjects.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['P1', 'A', 'B', 'P2']),
    );
  });

  it('answers 400 for a missing end and 404 for an unknown one', async () => {
    const missing = await get('/api/v1/paths?from=P1');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].field).toBe('querystring.to');
    const unknown = await get('/api/v1/paths?from=P1&to=NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SUBJECT_NOT_FOUND');
  });
});

describe('GET /api/v1/analytics/:detector', () => {
  const detect = (name: string, query = '') => get(`/api/v1/analytics/${name}?asOf=${AS_OF}${query}`);

  it('circular-shareholding: the L1 → L2 → L3 loop with its stakes', async () => {
    const { status, body } = await detect('circular-shareholding');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items[0].members).toEqual(['L1', 'L2', 'L3']);
    expect(body.items[0].evidence.cycle).toEqual(['L1', 'L2', 'L3', 'L1']);
    expect(body.items[0].strength).toBeCloseTo(0.027, 12);
  });

  it('guarantee-circles: the circle of 4 with its total amount', async () => {
    const { body } = await detect('guarantee-circles');
    expect(body.total).toBe(1);
    expect(body.items[0].members).toEqual(['G1', 'G2', 'G3', 'G4']);
    expect(body.items[0].evidence.totalAmount).toBe(4_000_000);
  });

  it('guarantee-chains: the chain of 5 with its total exposure', async () => {
    const { body } = await detect('guarantee-chains');
    const chain = body.items.find((i: { members: string[] }) => i.members[0] === 'H1');
    expect(chain.members).toEqual(['H1', 'H2', 'H3', 'H4', 'H5']);
    expect(chain.evidence.totalExposure).toBe(8_000_000);
  });

  it('shell-clusters: organisations sharing an address and phone', async () => {
    const { body } = await detect('shell-clusters');
    const s = body.items.find((i: { members: string[] }) => i.members.includes('S1'));
    expect(s.members).toEqual(['S1', 'S2', 'S3']);
    expect(s.evidence.sharedContacts.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'address',
      'phone',
    ]);
  });

  it('mass-registration: five registrations behind one address within 10 days', async () => {
    const { body } = await detect('mass-registration');
    const m = body.items.find((i: { evidence: { by: string } }) => i.evidence.by === 'address');
    expect(m.members).toEqual(['M1', 'M2', 'M3', 'M4', 'M5']);
    expect(m.evidence).toMatchObject({ firstRegistered: '2021-05-01', lastRegistered: '2021-05-10' });
  });

  it('professional-nominees: a person with 12 seats, threshold configurable', async () => {
    const { body } = await detect('professional-nominees');
    expect(body.total).toBe(1);
    expect(body.items[0].evidence).toMatchObject({ person: 'N1', organisationCount: 12 });
    const strict = await detect('professional-nominees', '&threshold=13');
    expect(strict.body.total).toBe(0);
  });

  it('communities: reproducible Louvain communities with their risky share, paged by cursor', async () => {
    const first = await detect('communities', '&limit=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThan(1);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].evidence).toHaveProperty('riskyShare');
    expect(first.body.nextCursor).not.toBeNull();
    const second = await detect('communities', `&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].members).not.toEqual(first.body.items[0].members);
    const again = await detect('communities', '&limit=1');
    expect(again.body.items).toEqual(first.body.items);
  });

  it('answers 400 naming the field for an unknown detector or a bad cursor', async () => {
    const unknown = await get('/api/v1/analytics/astrology');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].field).toBe('params.detector');
    const cursor = await get('/api/v1/analytics/communities?cursor=abc');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details.fields[0].field).toBe('querystring.cursor');
  });
});

describe('GET /api/v1/subjects/:id/risk', () => {
  it("explains a serious record's contribution to the company's score", async () => {
    const { status, body } = await get(`/api/v1/subjects/B/risk?asOf=${AS_OF}`);
    expect(status).toBe(200);
    const own = body.factors.find((f: { factor: string }) => f.factor === 'own_records');
    expect(own.records.map((r: { recordId: string }) => r.recordId)).toEqual(['REC-B-1']);
    expect(own.contribution).toBeGreaterThan(0);
    expect(own.records[0].severity).toBe('serious');
    const total = body.factors.reduce((s: number, f: { contribution: number }) => s + f.contribution, 0);
    expect(body.rawTotal).toBeCloseTo(total, 9);
    expect(body.score).toBeGreaterThan(0);
    expect(['A', 'B', 'C', 'D']).toContain(body.riskClass);
  });

  it('a repaired record does not count', async () => {
    const { body } = await get(`/api/v1/subjects/C/risk?asOf=${AS_OF}`);
    const own = body.factors.find((f: { factor: string }) => f.factor === 'own_records');
    expect(own.records).toEqual([]);
    expect(own.contribution).toBe(0);
  });

  it('reaches the director in office at the act date, not the one who left before it', async () => {
    const d2 = await get(`/api/v1/subjects/D2/risk?asOf=${AS_OF}`);
    const d2Exposure = d2.body.factors.find((f: { factor: string }) => f.factor === 'related_parties');
    expect(d2Exposure.contribution).toBeGreaterThan(0);
    expect(d2Exposure.paths[0].source).toBe('B');
    const d1 = await get(`/api/v1/subjects/D1/risk?asOf=${AS_OF}`);
    const d1Exposure = d1.body.factors.find((f: { factor: string }) => f.factor === 'related_parties');
    expect(d1Exposure.contribution).toBe(0);
    expect(d1Exposure.paths).toEqual([]);
  });

  it('counts a shareholding loop or a guarantee circle through the subject as a structural signal', async () => {
    const signals = async (id: string) =>
      (await get(`/api/v1/subjects/${id}/risk?asOf=${AS_OF}`)).body.factors
        .find((f: { factor: string }) => f.factor === 'structural')
        .signals.map((s: { kind: string }) => s.kind);
    expect(await signals('L2')).toEqual(['circular_shareholding']);
    // G3 is also fronted by the nominee N1.
    expect(await signals('G3')).toEqual(['guarantee_circle', 'professional_nominee']);
    expect(await signals('H3')).toEqual([]); // a chain of guarantees, not a circle
    expect(await signals('B')).toEqual([]);
  });

  it('answers 404 for an unknown subject and 400 for a bad date', async () => {
    const unknown = await get('/api/v1/subjects/NOPE/risk');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SUBJECT_NOT_FOUND');
    const bad = await get('/api/v1/subjects/B/risk?asOf=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('querystring.asOf');
  });
});

describe('score queue processor', () => {
  it('rescore-all writes scores, classes and factors back, keeps history, and rewrites only changes', async () => {
    // No job here is taken over by another (no queues), so each returns its stats.
    const processor = createScoreProcessor({ gateway: services.gateway }) as (
      job: unknown,
    ) => Promise<RescoreStats>;
    // biome-ignore lint/suspicious/noExplicitAny: a minimal job stand-in for a direct processor call
    const job = (name: string, data: unknown) => ({ name, data }) as any;
    const first = await processor(job('rescore-all', { asOf: AS_OF }));
    expect(first.subjects).toBe(29);
    expect(first.written).toBe(29);
    const again = await processor(job('rescore-all', { asOf: AS_OF }));
    expect(again.written).toBe(0);
    const { body } = await get(`/api/v1/subjects/B/risk?asOf=${AS_OF}`);
    expect(body.stored).toMatchObject({ asOf: AS_OF, configVersion: body.configVersion });
    expect(body.stored.score).toBeGreaterThan(0);
    // A later as-of date decays the record: the score changes and the old one goes to the history.
    const later = await processor(job('rescore-all', { asOf: '2025-06-30' }));
    expect(later.written).toBeGreaterThan(0);
    const after = await get('/api/v1/subjects/B/risk?asOf=2025-06-30');
    expect(after.body.stored.history[0]).toMatch(/^2024-06-30\|/);
  });

  it('rescore-neighbourhood rescores the subjects near a change', async () => {
    // No job here is taken over by another (no queues), so each returns its stats.
    const processor = createScoreProcessor({ gateway: services.gateway }) as (
      job: unknown,
    ) => Promise<RescoreStats>;
    // biome-ignore lint/suspicious/noExplicitAny: a minimal job stand-in for a direct processor call
    const job = (name: string, data: unknown) => ({ name, data }) as any;
    const stats = await processor(
      job('rescore-neighbourhood', { subjectIds: ['B'], hops: 1, asOf: '2025-07-01' }),
    );
    expect(stats.subjects).toBe(5); // A, B, P2, D2 and D1 (whole history: bindings)
    await expect(processor(job('rescore-neighbourhood', { subjectIds: [] }))).rejects.toThrow(/invalid data/);
    await expect(processor(job('rescore-everything', {}))).rejects.toThrow(/unknown job/);
  });
});

describe('OpenAPI', () => {
  it('documents the analytics routes', async () => {
    const { status, body } = await get('/docs/json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/subjects/{id}/ownership',
        '/api/v1/subjects/{id}/controllers',
        '/api/v1/subjects/{id}/network',
        '/api/v1/paths',
        '/api/v1/analytics/{detector}',
        '/api/v1/subjects/{id}/risk',
      ]),
    );
  });
});
