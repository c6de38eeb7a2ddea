/**
 * Bad input on every route family (issue 7): wrong types, missing fields, over-long strings, unknown enum values,
 * bodies over the size limit, malformed CSV where a route reads CSV, and Cypher-looking text. Each refusal is a 4xx
 * `{error: {code, message}}` naming the field (details.fields[].field for validation errors, or the message), and
 * leaves the stored graph as it was; Cypher-looking text that is accepted is stored and returned literally.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../../jobs/workers.ts';
import { type App, buildApp } from '../../../server/app.ts';
import { startImportWorker } from '../../../server/import-worker.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, createAccount, injectAs } from '../../support/auth.ts';
import { graphCounts } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';
import { fixtureRows, loadSubjectsFixture } from '../subjects/fixture.ts';

const CYPHER = "x'}) MATCH (n) DETACH DELETE n //";
const CYPHER_2 = '"}) MATCH (n) SET n.name = $param RETURN n //\u0000';
const long = (n: number, c = 'x') => c.repeat(n);
const MIB = 1024 * 1024;

type Role = 'admin' | 'bank' | 'credit_office';
let services: Services;
let app: App;
let worker: WorkerHandle;
const as = {} as Record<Role, ReturnType<typeof injectAs>>;
let otherAccountId: string;
let watchlistId: string;
const subjectIds = fixtureRows()
  .rows.filter((r) => r.kind === 'subject')
  .map((r) => String(r.id));

beforeAll(async () => {
  services = await freshServices();
  const fx = await loadSubjectsFixture(services);
  expect(fx.summary.errorCount).toBe(0);
  app = await buildApp(services);
  for (const role of ['admin', 'bank', 'credit_office'] as const)
    as[role] = injectAs(app, await authHeaders(services, role));
  otherAccountId = (await createAccount(services, 'analyst')).account.id;
  const wl = await as.bank({
    method: 'POST',
    url: '/api/v1/watchlists',
    payload: { name: 'loan book', subjects: ['id:XH'] },
  });
  expect(wl.statusCode, wl.body).toBe(201);
  watchlistId = wl.json().id;
  worker = startImportWorker(services);
});
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await services?.close();
});

interface Expect {
  status: number;
  /** The field the answer must name: in details.fields[].field (exactly, or a parent of it), or in the message. */
  field?: string;
  code?: string;
}

/** Sends a request that must be refused, checks the answer and that the stored graph did not change. */
async function refused(role: Role, req: InjectOptions, want: Expect) {
  const before = await graphCounts(services);
  const res = await as[role](req);
  const after = await graphCounts(services);
  const what = `${req.method} ${String(req.url).slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 600)}`;
  expect(res.statusCode, what).toBe(want.status);
  const body = res.json();
  expect(body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (want.code) expect(body.error.code, what).toBe(want.code);
  if (body.error.code === 'VALIDATION_FAILED') {
    expect(body.error.details.fields.length, what).toBeGreaterThan(0);
    for (const f of body.error.details.fields)
      expect(f, what).toEqual({ field: expect.any(String), reason: expect.any(String) });
  }
  if (want.field) {
    const fields: string[] = (body.error.details?.fields ?? []).map((f: { field: string }) => f.field);
    const named =
      fields.some((f) => f === want.field || f.startsWith(`${want.field}.`)) ||
      body.error.message.includes(want.field);
    expect(named, `${what}\nexpected the answer to name ${want.field}`).toBe(true);
  }
  expect(after, `${what}\nthe graph changed`).toEqual(before);
  return body;
}

type Case = [name: string, role: Role, req: InjectOptions, want: Expect];
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: unknown): InjectOptions => ({
  method: 'POST',
  url,
  payload: payload as object,
});
const patch = (url: string, payload: unknown): InjectOptions => ({
  method: 'PATCH',
  url,
  payload: payload as object,
});
const V = (field: string): Expect => ({ status: 400, field, code: 'VALIDATION_FAILED' });
const rec = '/api/v1/records/PEN-XH-2024-1';

const FAMILIES: Record<string, Case[]> = {
  'subjects search and profile': [
    ['missing q', 'admin', get('/api/v1/subjects'), V('querystring.q')],
    ['over-long q', 'admin', get(`/api/v1/subjects?q=${long(201)}`), V('querystring.q')],
    ['limit of the wrong type', 'admin', get('/api/v1/subjects?q=a&limit=abc'), V('querystring.limit')],
    ['limit given twice', 'admin', get('/api/v1/subjects?q=a&limit=1&limit=2'), V('querystring.limit')],
    ['unknown kind', 'admin', get('/api/v1/subjects?q=a&kind=company'), V('querystring.kind')],
    [
      'region not digits',
      'admin',
      get(`/api/v1/subjects?q=a&region=${encodeURIComponent(CYPHER)}`),
      V('querystring.region'),
    ],
    [
      'summaries: ids of the wrong type',
      'admin',
      post('/api/v1/subjects/summaries', { ids: 'XH' }),
      V('body.ids'),
    ],
    ['summaries: ids missing', 'admin', post('/api/v1/subjects/summaries', {}), V('body.ids')],
    [
      'summaries: over-long id',
      'admin',
      post('/api/v1/subjects/summaries', { ids: [long(129)] }),
      V('body.ids.0'),
    ],
    [
      'summaries: too many ids',
      'admin',
      post('/api/v1/subjects/summaries', { ids: Array.from({ length: 2001 }, (_, i) => `S${i}`) }),
      V('body.ids'),
    ],
    [
      'profile of a Cypher-looking id',
      'admin',
      get(`/api/v1/subjects/${encodeURIComponent(CYPHER)}`),
      { status: 404 },
    ],
  ],
  'analytics: network, paths, ownership, detectors': [
    [
      'network depth of the wrong type',
      'admin',
      get('/api/v1/subjects/XH/network?depth=abc'),
      V('querystring.depth'),
    ],
    ['network depth too deep', 'admin', get('/api/v1/subjects/XH/network?depth=7'), V('querystring.depth')],
    [
      'network limit too high',
      'admin',
      get('/api/v1/subjects/XH/network?limit=2001'),
      V('querystring.limit'),
    ],
    [
      'network unknown relation type',
      'admin',
      get(`/api/v1/subjects/XH/network?types=OWNS,${encodeURIComponent(CYPHER)}`),
      V('querystring.types'),
    ],
    [
      'network asOf not a calendar date',
      'admin',
      get('/api/v1/subjects/XH/network?asOf=2026-02-30'),
      V('querystring.asOf'),
    ],
    ['paths without from', 'admin', get('/api/v1/paths?to=XH'), V('querystring.from')],
    ['paths over-long from', 'admin', get(`/api/v1/paths?from=${long(129)}&to=XH`), V('querystring.from')],
    [
      'paths maxHops too high',
      'admin',
      get('/api/v1/paths?from=ZW&to=XH&maxHops=99'),
      V('querystring.maxHops'),
    ],
    [
      'ownership unknown direction',
      'admin',
      get('/api/v1/subjects/XH/ownership?direction=sideways'),
      V('querystring.direction'),
    ],
    [
      'ownership minPct above 100',
      'admin',
      get('/api/v1/subjects/XH/ownership?minPct=101'),
      V('querystring.minPct'),
    ],
    [
      'ownership minPct of the wrong type',
      'admin',
      get('/api/v1/subjects/XH/ownership?minPct=1e400'),
      V('querystring.minPct'),
    ],
    [
      'controllers threshold 0',
      'admin',
      get('/api/v1/subjects/XH/controllers?threshold=0'),
      V('querystring.threshold'),
    ],
    ['unknown detector', 'admin', get('/api/v1/analytics/everything'), V('params.detector')],
    ['detector seed negative', 'admin', get('/api/v1/analytics/communities?seed=-1'), V('querystring.seed')],
    [
      'detector cursor not a number',
      'admin',
      get(`/api/v1/analytics/communities?cursor=${encodeURIComponent(CYPHER)}`),
      V('querystring.cursor'),
    ],
  ],
  'imports upload': [
    [
      'raw CSV without fileName',
      'admin',
      { method: 'POST', url: '/api/v1/imports', payload: 'a,b\n', headers: { 'content-type': 'text/csv' } },
      V('querystring.fileName'),
    ],
    [
      'over-long fileName',
      'admin',
      {
        method: 'POST',
        url: `/api/v1/imports?fileName=${long(201)}.csv`,
        payload: 'a,b\n',
        headers: { 'content-type': 'text/csv' },
      },
      V('querystring.fileName'),
    ],
    [
      'unknown format',
      'admin',
      {
        method: 'POST',
        url: '/api/v1/imports?fileName=data.xlsx',
        payload: 'a,b\n',
        headers: { 'content-type': 'text/csv' },
      },
      { status: 400, field: 'fileName', code: 'IMPORT_FORMAT' },
    ],
    [
      'multipart without a file',
      'admin',
      multipart('other', 'notes.csv', 'a,b\n'),
      { status: 400, field: 'file', code: 'IMPORT_NO_FILE' },
    ],
    [
      'JSON instead of a file',
      'admin',
      post('/api/v1/imports', { rows: [] }),
      { status: 415, field: 'file', code: 'IMPORT_CONTENT_TYPE' },
    ],
    [
      'status of a malformed id',
      'admin',
      get(`/api/v1/imports/${encodeURIComponent("' OR 1=1 //")}`),
      V('params.id'),
    ],
    [
      'status errorsLimit 0',
      'admin',
      get('/api/v1/imports/imp-00000000-0000-0000-0000-000000000000?errorsLimit=0'),
      V('querystring.errorsLimit'),
    ],
  ],
  'punishment: objections and repairs': [
    [
      'objection without reason',
      'credit_office',
      post(`${rec}/objections`, { submittedBy: '张三' }),
      V('body.reason'),
    ],
    [
      'objection reason over-long',
      'credit_office',
      post(`${rec}/objections`, { submittedBy: '张三', reason: long(2001, '理') }),
      V('body.reason'),
    ],
    [
      'objection reason blank',
      'credit_office',
      post(`${rec}/objections`, { submittedBy: '张三', reason: '  \t ' }),
      V('body.reason'),
    ],
    [
      'objection submittedBy of the wrong type',
      'credit_office',
      post(`${rec}/objections`, { submittedBy: 42, reason: 'r' }),
      V('body.submittedBy'),
    ],
    [
      'objection body of the wrong type',
      'credit_office',
      {
        method: 'POST',
        url: `${rec}/objections`,
        payload: '["reason"]',
        headers: { 'content-type': 'application/json' },
      },
      { status: 400, code: 'VALIDATION_FAILED' },
    ],
    [
      'objection decision with an unknown outcome',
      'credit_office',
      patch('/api/v1/objections/obj-1', { outcome: 'maybe', decidedBy: 'a', reason: 'b' }),
      V('body.outcome'),
    ],
    [
      'objection decision without decidedBy',
      'credit_office',
      patch('/api/v1/objections/obj-1', { outcome: 'upheld', reason: 'b' }),
      V('body.decidedBy'),
    ],
    [
      'repair without applicant',
      'credit_office',
      post(`${rec}/repairs`, { reason: 'r' }),
      V('body.applicant'),
    ],
    [
      'repair applicant over-long',
      'credit_office',
      post(`${rec}/repairs`, { applicant: long(201), reason: 'r' }),
      V('body.applicant'),
    ],
    [
      'repair decision with an unknown action',
      'credit_office',
      patch('/api/v1/repairs/rep-1', { action: 'explode', decidedBy: 'a', reason: 'b' }),
      V('body.action'),
    ],
    [
      'history of a Cypher-looking id',
      'credit_office',
      get(`/api/v1/records/${encodeURIComponent(CYPHER)}/history`),
      { status: 404 },
    ],
    [
      'stats: from not a date',
      'credit_office',
      get('/api/v1/stats/measures?from=2026-13-01'),
      V('querystring.from'),
    ],
    [
      'stats: from after to',
      'credit_office',
      get('/api/v1/stats/measures?from=2026-05-01&to=2026-01-01'),
      V('querystring.to'),
    ],
    [
      'check without subject',
      'credit_office',
      get('/api/v1/check?scenario=financing'),
      V('querystring.subject'),
    ],
    [
      'check with an unknown scenario',
      'credit_office',
      get('/api/v1/check?subject=XH&scenario=casino'),
      V('querystring.scenario'),
    ],
    [
      'check subject over-long',
      'credit_office',
      get(`/api/v1/check?subject=${long(145)}`),
      V('querystring.subject'),
    ],
  ],
  accounts: [
    [
      'username with spaces and quotes',
      'admin',
      post('/api/v1/accounts', { username: CYPHER, password: 'long-enough-1', role: 'bank' }),
      V('body.username'),
    ],
    [
      'password too short',
      'admin',
      post('/api/v1/accounts', { username: 'newbie', password: 'short', role: 'bank' }),
      V('body.password'),
    ],
    [
      'unknown role',
      'admin',
      post('/api/v1/accounts', { username: 'newbie', password: 'long-enough-1', role: 'root' }),
      V('body.role'),
    ],
    [
      'role missing',
      'admin',
      post('/api/v1/accounts', { username: 'newbie', password: 'long-enough-1' }),
      V('body.role'),
    ],
    [
      'org with spaces',
      'admin',
      post('/api/v1/accounts', { username: 'newbie', password: 'long-enough-1', role: 'bank', org: 'A B' }),
      V('body.org'),
    ],
    [
      'password over-long',
      'admin',
      post('/api/v1/accounts', { username: 'newbie', password: long(201), role: 'bank' }),
      V('body.password'),
    ],
    [
      'change: disabled of the wrong type',
      'admin',
      { method: 'PATCH', url: '/api/v1/accounts/ACCOUNT', payload: { disabled: 'yes' } },
      V('body.disabled'),
    ],
    [
      'change: unknown role',
      'admin',
      { method: 'PATCH', url: '/api/v1/accounts/ACCOUNT', payload: { role: 'god' } },
      V('body.role'),
    ],
    [
      'api key label over-long',
      'admin',
      { method: 'POST', url: '/api/v1/accounts/ACCOUNT/api-keys', payload: { label: long(101) } },
      V('body.label'),
    ],
    [
      'api key label missing',
      'admin',
      { method: 'POST', url: '/api/v1/accounts/ACCOUNT/api-keys', payload: {} },
      V('body.label'),
    ],
    ['list limit 0', 'admin', get('/api/v1/accounts?limit=0'), V('querystring.limit')],
    [
      'login with an over-long username',
      'admin',
      post('/api/v1/auth/login', { username: long(65), password: 'x' }),
      V('body.username'),
    ],
    [
      'login without password',
      'admin',
      post('/api/v1/auth/login', { username: 'demo-admin' }),
      V('body.password'),
    ],
  ],
  authorisations: [
    ['basis missing', 'bank', post('/api/v1/authorisations', { subjectId: 'XH' }), V('body.basis')],
    [
      'basis over-long',
      'bank',
      post('/api/v1/authorisations', { subjectId: 'XH', basis: long(2001) }),
      V('body.basis'),
    ],
    [
      'validTo not a calendar date',
      'bank',
      post('/api/v1/authorisations', { subjectId: 'XH', basis: 'consent', validTo: '2026-02-30' }),
      V('body.validTo'),
    ],
    [
      'subjectId of the wrong type',
      'bank',
      post('/api/v1/authorisations', { subjectId: 5, basis: 'consent' }),
      V('body.subjectId'),
    ],
    [
      'subjectId over-long',
      'bank',
      post('/api/v1/authorisations', { subjectId: long(129), basis: 'consent' }),
      V('body.subjectId'),
    ],
    ['list limit too high', 'bank', get('/api/v1/authorisations?limit=501'), V('querystring.limit')],
  ],
  audit: [
    ['unknown outcome', 'admin', get('/api/v1/audit?outcome=bogus'), V('querystring.outcome')],
    ['from not a date-time', 'admin', get('/api/v1/audit?from=yesterday'), V('querystring.from')],
    ['route over-long', 'admin', get(`/api/v1/audit?route=${long(201)}`), V('querystring.route')],
    ['actor over-long', 'admin', get(`/api/v1/audit?actor=${long(129)}`), V('querystring.actor')],
    ['limit of the wrong type', 'admin', get('/api/v1/audit?limit=ten'), V('querystring.limit')],
    [
      'cursor Cypher-looking',
      'admin',
      get(`/api/v1/audit?cursor=${encodeURIComponent(CYPHER)}`),
      V('querystring.cursor'),
    ],
  ],
  watchlists: [
    ['name missing', 'bank', post('/api/v1/watchlists', {}), V('body.name')],
    ['name blank', 'bank', post('/api/v1/watchlists', { name: '   ' }), V('body.name')],
    ['name over-long', 'bank', post('/api/v1/watchlists', { name: long(201, '名') }), V('body.name')],
    ['name of the wrong type', 'bank', post('/api/v1/watchlists', { name: ['a'] }), V('body.name')],
    ['depth too deep', 'bank', post('/api/v1/watchlists', { name: 'a', depth: 5 }), V('body.depth')],
    ['depth as a string', 'bank', post('/api/v1/watchlists', { name: 'a', depth: '2' }), V('body.depth')],
    [
      'unknown field',
      'bank',
      post('/api/v1/watchlists', { name: 'a', org: 'OTHER-BANK' }),
      { status: 400, field: 'org', code: 'VALIDATION_FAILED' },
    ],
    [
      'unknown subject: nothing is created',
      'bank',
      post('/api/v1/watchlists', { name: 'a', subjects: ['id:XH', CYPHER] }),
      { status: 400, field: 'body.subjects', code: 'WATCHLIST_SUBJECTS_INVALID' },
    ],
    [
      'add: empty list',
      'bank',
      { method: 'POST', url: '/api/v1/watchlists/WATCHLIST/subjects', payload: { subjects: [] } },
      V('body.subjects'),
    ],
    [
      'add: unknown subject, all or nothing',
      'bank',
      {
        method: 'POST',
        url: '/api/v1/watchlists/WATCHLIST/subjects',
        payload: { subjects: ['id:ZW', 'id:NOPE'] },
      },
      { status: 400, field: 'body.subjects', code: 'WATCHLIST_SUBJECTS_INVALID' },
    ],
    ['page limit too high', 'bank', get('/api/v1/watchlists/WATCHLIST?limit=1001'), V('querystring.limit')],
  ],
  alerts: [
    ['inbox limit 0', 'admin', get('/api/v1/alerts?limit=0'), V('querystring.limit')],
    ['inbox unknown rule', 'admin', get('/api/v1/alerts?rule=bogus'), V('querystring.rule')],
    ['inbox unknown status', 'admin', get('/api/v1/alerts?status=open,bogus'), V('querystring.status')],
    ['inbox cursor over-long', 'admin', get(`/api/v1/alerts?cursor=${long(401)}`), V('querystring.cursor')],
    ['change: unknown status', 'admin', patch('/api/v1/alerts/al-1', { status: 'bogus' }), V('body.status')],
    ['change: nothing to change', 'admin', patch('/api/v1/alerts/al-1', {}), V('body.status')],
    [
      'change: unknown field',
      'admin',
      patch('/api/v1/alerts/al-1', { status: 'open', severity: 'low' }),
      { status: 400, field: 'severity', code: 'VALIDATION_FAILED' },
    ],
    ['comment empty', 'admin', post('/api/v1/alerts/al-1/comments', { text: '' }), V('body.text')],
    [
      'comment over-long',
      'admin',
      post('/api/v1/alerts/al-1/comments', { text: long(2001) }),
      V('body.text'),
    ],
    [
      'comment of the wrong type',
      'admin',
      post('/api/v1/alerts/al-1/comments', { text: { $ne: null } }),
      V('body.text'),
    ],
  ],
  screenings: [
    ['no subjects', 'bank', post('/api/v1/screenings', { subjects: [] }), V('body.subjects')],
    ['subjects missing', 'bank', post('/api/v1/screenings', { people: [] }), V('body')],
    [
      'name over-long',
      'bank',
      post('/api/v1/screenings', { subjects: [{ name: long(1001) }] }),
      V('body.subjects.0.name'),
    ],
    [
      'unknown column',
      'bank',
      post('/api/v1/screenings', { subjects: [{ name: 'a', score: 1 }] }),
      V('body.subjects.0'),
    ],
    [
      'row of the wrong type',
      'bank',
      post('/api/v1/screenings', { subjects: ['深圳市星河科技有限公司'] }),
      V('body.subjects.0'),
    ],
    [
      'hops too many',
      'bank',
      { ...post('/api/v1/screenings?hops=9', { subjects: [{ name: 'a' }] }) },
      V('querystring.hops'),
    ],
    [
      'unknown mode',
      'bank',
      { ...post('/api/v1/screenings?mode=fast', { subjects: [{ name: 'a' }] }) },
      V('querystring.mode'),
    ],
    [
      'malformed CSV',
      'bank',
      {
        method: 'POST',
        url: '/api/v1/screenings',
        payload: 'name,uscc\n"unterminated,91440300\n',
        headers: { 'content-type': 'text/csv' },
      },
      { status: 400, field: 'line', code: 'SCREENING_INPUT_INVALID' },
    ],
    [
      'CSV without a known column',
      'bank',
      {
        method: 'POST',
        url: '/api/v1/screenings',
        payload: 'colour,size\nred,big\n',
        headers: { 'content-type': 'text/csv' },
      },
      { status: 400, code: 'SCREENING_INPUT_INVALID' },
    ],
    [
      'XML',
      'bank',
      {
        method: 'POST',
        url: '/api/v1/screenings',
        payload: '<subjects/>',
        headers: { 'content-type': 'application/xml' },
      },
      { status: 415 },
    ],
    [
      'status of a malformed id',
      'bank',
      get(`/api/v1/screenings/${encodeURIComponent(CYPHER)}`),
      V('params.id'),
    ],
    [
      'results in an unknown format',
      'bank',
      get('/api/v1/screenings/scr-00000000-0000-0000-0000-000000000000/results?format=xlsx'),
      V('querystring.format'),
    ],
  ],
  reports: [
    ['unknown format', 'admin', get('/api/v1/subjects/XH/report?format=pdf'), V('querystring.format')],
    ['unknown language', 'admin', get('/api/v1/subjects/XH/report?lang=fr'), V('querystring.lang')],
    [
      'asOf not a calendar date',
      'admin',
      get('/api/v1/subjects/XH/report?asOf=2026-02-30'),
      V('querystring.asOf'),
    ],
  ],
};

function multipart(field: string, fileName: string, content: string): InjectOptions {
  const boundary = '----credit-linkage-fuzz';
  return {
    method: 'POST',
    url: '/api/v1/imports',
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Placeholders in case URLs, filled in once the ids exist. */
const fill = (req: InjectOptions): InjectOptions => ({
  ...req,
  url: String(req.url).replace('ACCOUNT', otherAccountId).replace('WATCHLIST', watchlistId),
});

describe.each(Object.entries(FAMILIES))('%s', (_family, cases) => {
  it.each(cases)('%s', async (_name, role, req, want) => {
    await refused(role, fill(req), want);
  });
});

describe('URLs refused before routing get the same error shape', () => {
  it('a path segment longer than any id is 414 PATH_PARAM_TOO_LONG; a 128-character id still reaches the route', async () => {
    await refused(
      'admin',
      { method: 'GET', url: `/api/v1/subjects/${long(1201)}` },
      { status: 414, code: 'PATH_PARAM_TOO_LONG' },
    );
    const res = await as.admin({ method: 'GET', url: `/api/v1/subjects/${long(128)}` });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).not.toBe('PATH_PARAM_TOO_LONG');
  });
  it('a path segment that cannot be percent-decoded is 400 URL_INVALID', async () => {
    await refused(
      'admin',
      { method: 'GET', url: '/api/v1/subjects/%E0%A4%A' },
      { status: 400, code: 'URL_INVALID' },
    );
  });
});

describe('bodies over the size limit are refused with 413 and store nothing', () => {
  const big = long(MIB + 1024);
  const jsonRoutes: Array<[Role, 'POST' | 'PATCH', string, (s: string) => unknown]> = [
    ['admin', 'POST', '/api/v1/auth/login', (s) => ({ username: 'a', password: s })],
    ['admin', 'POST', '/api/v1/accounts', (s) => ({ username: 'big', password: s, role: 'bank' })],
    ['admin', 'PATCH', '/api/v1/accounts/ACCOUNT', (s) => ({ password: s })],
    ['admin', 'POST', '/api/v1/accounts/ACCOUNT/api-keys', (s) => ({ label: s })],
    ['bank', 'POST', '/api/v1/authorisations', (s) => ({ subjectId: 'XH', basis: s })],
    ['bank', 'POST', '/api/v1/watchlists', (s) => ({ name: s })],
    ['bank', 'POST', '/api/v1/watchlists/WATCHLIST/subjects', (s) => ({ subjects: s.match(/.{1,100}/g) })],
    ['admin', 'POST', '/api/v1/subjects/summaries', (s) => ({ ids: s.match(/.{1,100}/g) })],
    ['credit_office', 'POST', `${rec}/objections`, (s) => ({ submittedBy: 'a', reason: s })],
    ['credit_office', 'POST', `${rec}/repairs`, (s) => ({ applicant: 'a', reason: s })],
    [
      'credit_office',
      'PATCH',
      '/api/v1/objections/obj-1',
      (s) => ({ outcome: 'upheld', decidedBy: 'a', reason: s }),
    ],
    [
      'credit_office',
      'PATCH',
      '/api/v1/repairs/rep-1',
      (s) => ({ action: 'approve', decidedBy: 'a', reason: s }),
    ],
    ['admin', 'PATCH', '/api/v1/alerts/al-1', (s) => ({ note: s })],
    ['admin', 'POST', '/api/v1/alerts/al-1/comments', (s) => ({ text: s })],
    ['admin', 'POST', '/api/v1/imports', (s) => ({ rows: s })],
  ];
  it.each(jsonRoutes)('%s %s %s', async (role, method, url, body) => {
    await refused(
      role,
      fill({
        method,
        url,
        payload: JSON.stringify(body(big)),
        headers: { 'content-type': 'application/json' },
      }),
      {
        status: 413,
      },
    );
  });

  it('screenings take up to 8 MiB of JSON, and refuse more', async () => {
    const rows = Array.from({ length: 9000 }, (_, i) => ({ name: `${long(1000, '名')}${i}` }));
    await refused('bank', post('/api/v1/screenings', { subjects: rows }), { status: 413 });
  });

  it('a watchlist bulk add takes up to 2 MiB of CSV, and refuses more', async () => {
    const csv = `subject\n${'id:XH\n'.repeat(Math.ceil((2.2 * MIB) / 6))}`;
    await refused(
      'bank',
      {
        method: 'POST',
        url: `/api/v1/watchlists/${watchlistId}/subjects/csv`,
        payload: csv,
        headers: { 'content-type': 'text/csv' },
      },
      { status: 413 },
    );
  });
});

describe('malformed CSV where a route reads CSV', () => {
  const csvTo = (url: string, payload: string): InjectOptions => ({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'text/csv' },
  });
  const size = async () => (await as.bank(get(`/api/v1/watchlists/${watchlistId}`))).json().size as number;

  it('watchlist bulk add: unreadable CSV, a missing subject column, an unknown subject, JSON instead of CSV', async () => {
    const url = `/api/v1/watchlists/${watchlistId}/subjects/csv`;
    const before = await size();
    await refused('bank', csvTo(url, 'subject\n"id:ZW\nid:LN'), {
      status: 400,
      field: 'body',
      code: 'CSV_INVALID',
    });
    await refused('bank', csvTo(url, 'uscc,name\n1,2\n'), {
      status: 400,
      field: 'subject',
      code: 'CSV_INVALID',
    });
    await refused('bank', csvTo(url, ''), { status: 400, field: 'subject', code: 'CSV_INVALID' });
    await refused('bank', csvTo(url, 'subject,note\nid:ZW,a,b,c\n'), { status: 400, code: 'CSV_INVALID' });
    const unknown = await refused('bank', csvTo(url, `subject\nid:ZW\n${CYPHER}\n`), {
      status: 400,
      field: 'subject',
      code: 'WATCHLIST_SUBJECTS_INVALID',
    });
    expect(unknown.error.details.problems).toEqual([
      { row: 2, field: 'subject', reason: expect.any(String) },
    ]);
    await refused('bank', post(url, { subjects: ['id:ZW'] }), {
      status: 415,
      field: 'body',
      code: 'CSV_REQUIRED',
    });
    expect(await size()).toBe(before);
  });

  it('screening: CSV rows with bad cells are refused naming the line and the field', async () => {
    const body = await refused(
      'bank',
      csvTo('/api/v1/screenings', `name,uscc\n星河,${CYPHER}\n${long(300, '名')},\n`),
      {
        status: 400,
        code: 'SCREENING_INPUT_INVALID',
      },
    );
    expect(body.error.details.errors.length).toBeGreaterThan(0);
    for (const e of body.error.details.errors)
      expect(e).toMatchObject({ line: expect.any(Number), reason: expect.any(String) });
    expect(body.error.message).toMatch(/line \d/);
  });

  it('imports: a malformed CSV upload is accepted, then reported row by row, and adds no subject', async () => {
    const subjectsBefore = (await graphCounts(services))['node:Subject'];
    const res = await as.admin({
      ...multipart(
        'file',
        'subjects.csv',
        `subjectKind,name,uscc\nenterprise,"unterminated,${CYPHER}\nenterprise\n`,
      ),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { statusUrl } = res.json();
    let status:
      | {
          status: string;
          errors: { total: number; items: Array<Record<string, unknown>> };
          message: string | null;
        }
      | undefined;
    for (let i = 0; i < 300; i++) {
      status = (await as.admin(get(statusUrl))).json();
      if (status!.status === 'completed' || status!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(['completed', 'failed'], JSON.stringify(status)).toContain(status!.status);
    // Either each bad row is named (line and field) or the whole file is refused with a reason.
    if (status!.status === 'completed') {
      expect(status!.errors.total, JSON.stringify(status)).toBeGreaterThan(0);
      for (const e of status!.errors.items)
        expect(e).toMatchObject({
          line: expect.any(Number),
          field: expect.any(String),
          reason: expect.any(String),
        });
    } else expect(status!.message).toEqual(expect.any(String));
    expect((await graphCounts(services))['node:Subject']).toBe(subjectsBefore);
  });
});

describe('Cypher-looking text is stored and returned literally, never executed', () => {
  async function subjectsIntact() {
    const counts = await graphCounts(services);
    expect(counts['node:Subject']).toBe(subjectIds.length);
    for (const id of subjectIds)
      expect((await as.admin(get(`/api/v1/subjects/${id}`))).statusCode, id).toBe(200);
  }

  it('a watchlist name', async () => {
    for (const name of [CYPHER, CYPHER_2]) {
      const res = await as.bank(post('/api/v1/watchlists', { name, subjects: ['id:XH'] }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().name).toBe(name);
      const read = await as.bank(get(`/api/v1/watchlists/${res.json().id}`));
      expect(read.json()).toMatchObject({ name, size: 1, members: [{ id: 'XH' }] });
      const list = (await as.bank(get('/api/v1/watchlists')))
        .json()
        .items.map((w: { name: string }) => w.name);
      expect(list).toContain(name);
    }
    await subjectsIntact();
  });

  it('an objection reason and who submitted it', async () => {
    const res = await as.credit_office(post(`${rec}/objections`, { submittedBy: CYPHER_2, reason: CYPHER }));
    expect(res.statusCode, res.body).toBe(201);
    const history = await as.credit_office(get(`${rec}/history`));
    expect(history.statusCode, history.body).toBe(200);
    const text = JSON.stringify(history.json());
    expect(text).toContain(JSON.stringify(CYPHER).slice(1, -1));
    const objection = history.json().objections[0];
    expect(objection.history.map((h: { reason: string }) => h.reason)).toContain(CYPHER);
    expect(objection.history.map((h: { actor: string }) => h.actor)).toContain(CYPHER_2);
    await subjectsIntact();
  });

  it('an authorisation basis, an API key label, a search and a path query', async () => {
    const auth = await as.bank(post('/api/v1/authorisations', { subjectId: 'SF', basis: CYPHER }));
    expect(auth.statusCode, auth.body).toBe(201);
    const list = await as.bank(get('/api/v1/authorisations'));
    expect(list.json().items.map((a: { basis: string }) => a.basis)).toContain(CYPHER);
    const key = await as.admin(post(`/api/v1/accounts/${otherAccountId}/api-keys`, { label: CYPHER_2 }));
    expect(key.statusCode, key.body).toBe(201);
    const keys = await as.admin(get(`/api/v1/accounts/${otherAccountId}/api-keys`));
    expect(keys.json().items.map((k: { label: string }) => k.label)).toContain(CYPHER_2);
    const search = await as.admin(get(`/api/v1/subjects?q=${encodeURIComponent(CYPHER)}`));
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().items).toEqual([]);
    const paths = await as.admin(get(`/api/v1/paths?from=${encodeURIComponent(CYPHER)}&to=XH`));
    expect(paths.statusCode, paths.body).toBeLessThan(500);
    await subjectsIntact();
  });
});
