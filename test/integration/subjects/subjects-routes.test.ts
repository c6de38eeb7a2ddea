import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../server/app.ts';
import { namePhraseQuery } from '../../../server/routes/subjects.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { loadSubjectsFixture, type SubjectsFixture, waitForNameIndex } from './fixture.ts';

let services: Services;
let app: App;
let call: ReturnType<typeof injectAs>;
let fx: SubjectsFixture;
const bodies: string[] = [];

const get = async (url: string) => {
  const res = await call({ method: 'GET', url });
  bodies.push(res.body);
  return { status: res.statusCode, body: res.json() };
};
const search = (q: string, extra = '') => get(`/api/v1/subjects?q=${encodeURIComponent(q)}${extra}`);

beforeAll(async () => {
  services = await freshServices();
  fx = await loadSubjectsFixture(services);
  expect(fx.summary.errorCount, JSON.stringify(fx.summary.errors)).toBe(0);
  app = await buildApp(services);
  call = injectAs(app, await authHeaders(services, 'admin'));
  await waitForNameIndex(async () => (await search('星河科技')).body.items.length);
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

describe('GET /api/v1/subjects', () => {
  it('finds a company by a partial Chinese name', async () => {
    const { status, body } = await search('星河科技');
    expect(status).toBe(200);
    expect(body.matchedBy).toBe('name');
    expect(body.items[0]).toMatchObject({ id: 'XH', kind: 'enterprise', name: '深圳市星河科技有限公司' });
    const wider = await search('星河');
    expect(wider.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['WL', 'XH', 'XHKG']);
  });

  it('filters by kind and region prefix, and pages with a cursor', async () => {
    expect((await search('星河', '&region=440306')).body.items.map((i: { id: string }) => i.id)).toEqual([
      'WL',
    ]);
    expect((await search('星河', '&kind=natural_person')).body.items).toEqual([]);
    const first = await search('星河', '&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe('2');
    const second = await search('星河', `&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });

  it('finds a company by USCC, normalised (lower case, full-width, spaces)', async () => {
    const uscc = fx.usccs.HD!;
    const { body } = await search(uscc);
    expect(body).toMatchObject({ matchedBy: 'uscc', items: [{ id: 'HD', uscc }] });
    const fullWidth = [...uscc.toLowerCase()].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
    expect((await search(` ${fullWidth.join('')} `)).body.items.map((i: { id: string }) => i.id)).toEqual([
      'HD',
    ]);
  });

  it('finds a person by resident ID number through the keyed hash, showing only the masked form', async () => {
    const idNumber = fx.idNumbers.LN!;
    const { status, body } = await search(idNumber);
    expect(status).toBe(200);
    expect(body.matchedBy).toBe('idNumber');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: 'LN', kind: 'natural_person', name: '李娜' });
    expect(body.items[0].idMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
  });

  it('treats Lucene syntax in the input literally', async () => {
    for (const q of [
      '"a OR b" ~ *',
      'name:星河 OR *',
      '星河 AND NOT x',
      '\\',
      '"',
      '[a TO z]',
      '(星河',
      '*',
    ]) {
      const { status, body } = await search(q);
      expect(status, q).toBe(200);
      expect(Array.isArray(body.items)).toBe(true);
    }
    expect((await search('"a OR b" ~ *')).body.items).toEqual([]);
    expect(namePhraseQuery('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
  });

  it('answers 400 naming the field for bad parameters', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/subjects', 'querystring.q'],
      ['/api/v1/subjects?q=', 'querystring.q'],
      ['/api/v1/subjects?q=a&kind=alien', 'querystring.kind'],
      ['/api/v1/subjects?q=a&limit=0', 'querystring.limit'],
      ['/api/v1/subjects?q=a&limit=x', 'querystring.limit'],
      ['/api/v1/subjects?q=a&region=abc', 'querystring.region'],
      ['/api/v1/subjects?q=a&cursor=-1', 'querystring.cursor'],
      [`/api/v1/subjects?q=${'长'.repeat(201)}`, 'querystring.q'],
    ];
    for (const [url, field] of cases) {
      const { status, body } = await get(url);
      expect(status, url).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(
        body.error.details.fields.map((f: { field: string }) => f.field),
        url,
      ).toContain(field);
    }
  });
});

describe('GET /api/v1/subjects/:id', () => {
  it('gives identity, roles over time and records', async () => {
    const { status, body } = await get('/api/v1/subjects/XH');
    expect(status).toBe(200);
    expect(body.identity).toMatchObject({ id: 'XH', name: '深圳市星河科技有限公司', uscc: fx.usccs.XH });
    const wf = body.roles.find((r: { other: { id: string } }) => r.other.id === 'WF');
    expect(wf).toMatchObject({
      direction: 'in',
      type: 'OFFICER',
      role: 'director',
      validFrom: '2015-01-01',
      validTo: '2020-01-01',
      current: false,
    });
    const ly = body.roles.find((r: { other: { id: string } }) => r.other.id === 'LY');
    expect(ly).toMatchObject({ current: true, validTo: null });
    const outGuarantee = body.roles.find(
      (r: { type: string; direction: string }) => r.type === 'GUARANTEE' && r.direction === 'out',
    );
    expect(outGuarantee).toMatchObject({ other: { id: 'HD' }, amount: 5_000_000 });
    expect(body.records.map((r: { id: string }) => r.id)).toEqual(['ABN-XH-2025-1', 'PEN-XH-2024-1']);
    expect(body.risk).toBeNull();
  });

  it('masks a person and hides contact details', async () => {
    const { status, body } = await get('/api/v1/subjects/ZW');
    expect(status).toBe(200);
    expect(body.identity.idMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(body.identity.address).toBeNull();
    expect(body.roles.map((r: { other: { id: string } }) => r.other.id).sort()).toEqual(['WL', 'XH', 'XH']);
  });

  it('answers 404 for an unknown id and a clear 4xx for an over-long one', async () => {
    const missing = await get('/api/v1/subjects/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('SUBJECT_NOT_FOUND');
    const long = await get(`/api/v1/subjects/${'x'.repeat(200)}`);
    // Longer than any id the schema allows: a validation error naming the parameter.
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('VALIDATION_FAILED');
    expect(long.body.error.details.fields[0].field).toBe('params.id');
  });
});

describe('POST /api/v1/subjects/summaries', () => {
  it('summarises many subjects at once, leaving unknown ids out', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/subjects/summaries',
      payload: { ids: ['XH', 'LN', 'NOPE', 'XH'] },
    });
    bodies.push(res.body);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; idMasked: string | null }>;
    expect(items.map((i) => i.id).sort()).toEqual(['LN', 'XH']);
    expect(items.find((i) => i.id === 'LN')?.idMasked).toMatch(/\*{8}/);
  });

  it('answers 400 naming the field for an empty or oversized id list', async () => {
    for (const payload of [
      { ids: [] },
      { ids: 'XH' },
      { ids: Array.from({ length: 2001 }, (_, i) => `S${i}`) },
    ]) {
      const res = await call({ method: 'POST', url: '/api/v1/subjects/summaries', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe('body.ids');
    }
  });
});

describe('personal data', () => {
  it('never returns a clear ID number or its hash in any response', async () => {
    for (const id of Object.keys(fx.idNumbers)) await get(`/api/v1/subjects/${id}`);
    const all = bodies.join('\n');
    for (const idNumber of Object.values(fx.idNumbers)) expect(all).not.toContain(idNumber);
    expect(all).not.toContain('idHash');
  });
});
