import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRows } from '../../../domain/screening/input.ts';
import { inclusionsFromBindings } from '../../../jobs/propagate/store.ts';
import { createScreeningProcessor, type ScreeningJobData } from '../../../jobs/screening/processor.ts';
import { getRun, readResults, saveRun } from '../../../jobs/screening/runs.ts';
import { UNRESTRICTED } from '../../../jobs/screening/scope.ts';
import { screenRows } from '../../../jobs/screening/screen.ts';
import type { WorkerHandle } from '../../../jobs/workers.ts';
import { type App, buildApp } from '../../../server/app.ts';
import { startScreeningWorker } from '../../../server/screening-worker.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { LR_ID_NUMBER, loadScreeningWorld, NAMES, T, USCC } from './fixture.ts';

let services: Services;
let app: App;
let worker: WorkerHandle;
let admin: ReturnType<typeof injectAs>;
let bankA: ReturnType<typeof injectAs>;
let bankB: ReturnType<typeof injectAs>;

beforeAll(async () => {
  // Banks see their authorised subjects and everything one relationship away.
  services = await freshServices({ BANK_SCOPE_DEPTH: '1', BANK_SCOPE_CACHE_MS: '0' });
  await loadScreeningWorld(services);
  app = await buildApp(services);
  worker = startScreeningWorker(services);
  admin = injectAs(app, await authHeaders(services, 'admin'));
  bankA = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-A' }));
  bankB = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-B' }));
  const granted = await bankA({
    method: 'POST',
    url: '/api/v1/authorisations',
    payload: { subjectId: 'BORROWER', basis: 'loan application 2025-001' },
  });
  expect(granted.statusCode, granted.body).toBe(201);
});
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await services?.close();
});

const ROWS = [
  { ref: 'L-1', name: NAMES.BORROWER, uscc: USCC.BORROWER },
  { ref: 'L-2', idNumber: LR_ID_NUMBER },
  { ref: 'L-3', name: '广州市天河示例贸易股份有限公司' },
  { ref: 'L-4', name: '完全不存在的某某咨询公司' },
  { ref: 'L-5', name: NAMES.G1, uscc: USCC.G1 },
  { ref: 'L-6', name: NAMES.TWIN1 },
];

type Result = {
  line: number;
  ref: string;
  input: { idMasked: string | null };
  match: {
    status: string;
    by: string | null;
    score: number | null;
    reasons: Array<{ code: string; detail: string }>;
  };
  subject: { id: string; name: string } | null;
  candidates: Array<{ id: string; score: number }>;
  risk: { score: number; riskClass: string } | null;
  lists: Array<{ category: string; list: string }>;
  measures: Array<{ code: string; status: string; basis: string[] }>;
  related: {
    hops: number;
    hits: Array<{
      subject: { id: string };
      distance: number;
      reasons: Array<{ code: string; detail: string }>;
      path: { nodes: Array<{ id: string }>; links: Array<{ from: string; to: string; type: string }> };
    }>;
  };
  guaranteeCircle: { member: boolean; size: number; members: Array<{ id: string }> };
};

const screen = async (call: ReturnType<typeof injectAs>, subjects: object[], query = '') => {
  const res = await call({ method: 'POST', url: `/api/v1/screenings${query}`, payload: { subjects } });
  return { status: res.statusCode, body: res.json(), raw: res.body };
};

describe('POST /api/v1/screenings (answered at once)', () => {
  let results: Result[];
  let body: { mode: string; summary: { byStatus: Record<string, number> }; results: Result[] };

  beforeAll(async () => {
    const res = await screen(admin, ROWS);
    expect(res.status, res.raw).toBe(200);
    body = res.body;
    results = body.results;
  });

  it('matches an exact USCC and explains the registered name agrees', () => {
    const r = results[0]!;
    expect(body.mode).toBe('sync');
    expect(r).toMatchObject({ line: 1, ref: 'L-1', match: { status: 'exact', by: 'uscc', score: 1 } });
    expect(r.subject).toMatchObject({ id: 'BORROWER', name: NAMES.BORROWER });
    expect(r.match.reasons.map((x) => x.code)).toEqual(['identifier_exact', 'name_consistent']);
  });

  it('matches a person by ID number without ever echoing the number', async () => {
    const r = results[1]!;
    expect(r.match).toMatchObject({ status: 'exact', by: 'idNumber' });
    expect(r.subject?.id).toBe('LR');
    expect(r.input.idMasked).toBe(`${LR_ID_NUMBER.slice(0, 6)}********${LR_ID_NUMBER.slice(14)}`);
    const res = await screen(admin, ROWS);
    expect(res.raw).not.toContain(LR_ID_NUMBER);
  });

  it('matches a name with another legal form, with a score and the reasons', () => {
    const r = results[2]!;
    expect(r.match).toMatchObject({ status: 'name', by: 'name', score: 0.92 });
    expect(r.subject?.id).toBe('TRADE');
    expect(r.match.reasons.map((x) => x.code)).toEqual(['core_name_equal', 'legal_form_differs']);
  });

  it('says when nothing matches, and when a name fits several subjects equally', () => {
    expect(results[3]!.match.status).toBe('none');
    expect(results[3]!.subject).toBeNull();
    const twins = results[5]!;
    expect(twins.match.status).toBe('ambiguous');
    expect(twins.subject).toBeNull();
    expect(twins.candidates.map((c) => c.id)).toEqual(['TWIN1', 'TWIN2']);
    expect(body.summary.byStatus).toEqual({ exact: 3, name: 1, ambiguous: 1, none: 1 });
  });

  it('gives the stored risk score and class, the same as the subject profile', async () => {
    const profile = (await admin({ method: 'GET', url: '/api/v1/subjects/BAD' })).json();
    const res = await screen(admin, [{ name: NAMES.BAD, uscc: USCC.BAD }]);
    const bad: Result = res.body.results[0];
    expect(bad.risk).toMatchObject({ score: profile.risk.score, riskClass: profile.risk.riskClass });
    expect(bad.risk!.score).toBeGreaterThan(0);
    expect(bad.lists).toEqual([
      expect.objectContaining({ category: 'dishonest_judgment_debtor', list: 'blacklist' }),
    ]);
    expect(bad.measures.length).toBeGreaterThan(0);
    expect(bad.measures.every((m) => m.basis.includes('direct'))).toBe(true);
  });

  it('shows the measures reaching the borrower through its legal representative (改头换面)', () => {
    const r = results[0]!;
    expect(r.measures.length).toBeGreaterThan(0);
    expect(r.measures.every((m) => m.basis.includes('through_person'))).toBe(true);
    expect(results[1]!.measures.some((m) => m.basis.includes('direct'))).toBe(true);
  });

  it('finds related-party hits within k hops with the path to each', () => {
    const hits = results[0]!.related.hits;
    expect(results[0]!.related.hops).toBe(2);
    expect(hits.map((h) => [h.subject.id, h.distance])).toEqual([
      ['LR', 1],
      ['BAD', 2],
    ]);
    const bad = hits[1]!;
    expect(bad.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(['measures_in_force', 'on_blacklist']),
    );
    expect(bad.path.nodes.map((n) => n.id)).toEqual(['BORROWER', 'LR', 'BAD']);
    expect(bad.path.links).toEqual([
      { from: 'LR', to: 'BORROWER', type: 'LEGAL_REP' },
      { from: 'LR', to: 'BAD', type: 'LEGAL_REP' },
    ]);
  });

  it('names the measures in force on a related party, decided inclusion by inclusion', async () => {
    // The oracle: BAD's bindings read whole and decided by the domain, as the walk did before it read only codes.
    const readBindings = async () =>
      (
        await services.gateway.driver.executeQuery(
          `MATCH (t:Subject {id: 'BAD'})-[b:BOUND_BY]->(r:Record)
           RETURN b {.*, subjectId: t.id, recordId: r.id, recordSubjectId: r.subjectId,
                     recordCategory: r.category, severity: r.severity, actDate: r.actDate} AS b`,
        )
      ).records.map((r) => r.get('b') as Record<string, unknown>);
    const expected = (bindings: Array<Record<string, unknown>>) => {
      const codes = inclusionsFromBindings(bindings)
        .filter((i) => i.status === 'in_force' && i.polarity === 'punishment')
        .map((i) => i.measureCode);
      return `bound by ${[...new Set(codes)].sort().join(', ')}`;
    };
    const measuresDetail = async () => {
      const res = await screen(admin, [ROWS[0]!]);
      const hit = (res.body.results[0] as Result).related.hits.find((h) => h.subject.id === 'BAD')!;
      return hit.reasons.find((x) => x.code === 'measures_in_force')?.detail;
    };
    const before = await readBindings();
    expect(await measuresDetail()).toBe(expected(before));

    // One inclusion of a binding suspended (an objection on part of it), the binding itself still in force: its
    // measure leaves the hit unless another inclusion still carries it. Written as the store writes columns.
    const inForce = inclusionsFromBindings(before).filter((i) => i.status === 'in_force');
    const once = inForce.find((i) => inForce.filter((j) => j.measureCode === i.measureCode).length === 1)!;
    const binding = before.find((b) => b.recordId === once.recordId)!;
    const codes = binding.measureCodes as string[];
    expect(codes.length).toBeGreaterThan(1);
    const statuses = codes.map((c) => (c === once.measureCode ? 'suspended' : 'in_force'));
    await services.gateway.driver.executeQuery(
      `MATCH (:Subject {id: 'BAD'})-[b:BOUND_BY]->(:Record {id: $recordId}) SET b.statuses = $statuses`,
      { recordId: binding.recordId, statuses },
    );
    try {
      const after = await readBindings();
      expect(expected(after)).not.toBe(expected(before));
      expect(await measuresDetail()).toBe(expected(after));
    } finally {
      await services.gateway.driver.executeQuery(
        `MATCH (:Subject {id: 'BAD'})-[b:BOUND_BY]->(:Record {id: $recordId}) SET b.statuses = $statuses`,
        { recordId: binding.recordId, statuses: binding.statuses },
      );
    }
  });

  it('answers the same whether the walk reads facts with the relationships or after them (large batches)', async () => {
    const prepared = prepareRows(
      ROWS.map((row, k) => ({ row, line: k + 1 })),
      { secret: services.cfg.PII_HASH_SECRET, today: T },
    ).rows;
    const opts = { hops: 2, asOf: T };
    const inline = await screenRows(services.gateway, prepared, opts, UNRESTRICTED);
    const after = await screenRows(
      services.gateway,
      prepared,
      { ...opts, factsWithRelationshipsUpTo: 0 },
      UNRESTRICTED,
    );
    expect(inline.some((r) => r.related.hits.some((h) => h.distance === 2))).toBe(true);
    expect(after).toEqual(inline);
  });

  it('names every subject on the path to a hit, also one with nothing adverse, when facts are read after', async () => {
    // A company whose only officer, a person with no record, also sits on BAD's board: BAD is a hit two hops
    // away through someone whose facts the large-batch walk does not read. Dated far ahead so that no other
    // test sees these seats.
    const asOf = '2099-06-01';
    await services.gateway.driver.executeQuery(
      `MATCH (bad:Subject {id: 'BAD'})
       CREATE (co:Subject:Organisation {id: 'PATH-CO', kind: 'enterprise', name: '示例路径贸易有限公司', uscc: 'PATHCO2099'})
       CREATE (p:Subject:Person {id: 'PATH-P', kind: 'natural_person', name: '路径', idMasked: '4405**********0011'})
       CREATE (p)-[:OFFICER {role: 'director', validFrom: '2099-01-01'}]->(co)
       CREATE (p)-[:OFFICER {role: 'director', validFrom: '2099-01-01'}]->(bad)`,
    );
    try {
      const row = {
        line: 1,
        ref: null,
        name: null,
        code: 'PATHCO2099',
        codeKind: 'uscc' as const,
        idHash: null,
        idMasked: null,
      };
      const opts = { hops: 2, asOf };
      const [inline] = await screenRows(services.gateway, [row], opts, UNRESTRICTED);
      const [after] = await screenRows(
        services.gateway,
        [row],
        { ...opts, factsWithRelationshipsUpTo: 0 },
        UNRESTRICTED,
      );
      const viaClean = inline!.related.hits.find((h) => h.path.nodes.some((n) => n.id === 'PATH-P'));
      expect(viaClean?.path.nodes.map((n) => [n.id, n.name])).toEqual([
        ['PATH-CO', '示例路径贸易有限公司'],
        ['PATH-P', '路径'],
        ['BAD', NAMES.BAD],
      ]);
      expect(after).toEqual(inline);
    } finally {
      await services.gateway.driver.executeQuery(
        "MATCH (n:Subject) WHERE n.id IN ['PATH-CO', 'PATH-P'] DETACH DELETE n",
      );
    }
  });

  it('looks only as far as asked: one hop does not reach the company behind the person', async () => {
    const res = await screen(admin, [ROWS[0]!], '?hops=1');
    const hits = (res.body.results[0] as Result).related.hits;
    expect(hits.map((h) => h.subject.id)).toEqual(['LR']);
  });

  it('tells guarantee-circle membership with the members', () => {
    const g = results[4]!;
    expect(g.guaranteeCircle).toMatchObject({ member: true, size: 3 });
    expect(g.guaranteeCircle.members.map((m) => m.id)).toEqual(['G1', 'G2', 'G3']);
    expect(results[0]!.guaranteeCircle).toEqual({ member: false, size: 0, members: [] });
  });
});

describe('portfolio scope and permissions', () => {
  it('a bank always sees the screened subject, but only hits whose whole path it may see', async () => {
    const res = await screen(bankA, [ROWS[0]!, ROWS[4]!]);
    expect(res.status, res.raw).toBe(200);
    const [borrower, g1] = res.body.results as Result[];
    expect(borrower!.subject?.id).toBe('BORROWER');
    // BAD is two relationships from the authorised borrower: outside a depth-1 portfolio.
    expect(borrower!.related.hits.map((h) => h.subject.id)).toEqual(['LR']);
    expect(g1!.subject?.id).toBe('G1');
    expect(g1!.guaranteeCircle).toMatchObject({ member: true, size: 3, members: [{ id: 'G1' }] });
  });

  it('refuses callers without the permission or without a session', async () => {
    const analyst = injectAs(app, await authHeaders(services, 'analyst'));
    expect((await screen(analyst, [ROWS[0]!])).status).toBe(403);
    const anon = await app.inject({
      method: 'POST',
      url: '/api/v1/screenings',
      payload: { subjects: [ROWS[0]!] },
    });
    expect(anon.statusCode).toBe(401);
  });
});

describe('bad input', () => {
  it('names the field and reason of each bad row, all at once', async () => {
    const bad = USCC.BORROWER.slice(0, 17) + (USCC.BORROWER[17] === '0' ? '1' : '0');
    const res = await screen(admin, [
      { name: 'x'.repeat(201) },
      { uscc: bad },
      { ref: 'only a ref' },
      { idNumber: '12345' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('SCREENING_INPUT_INVALID');
    expect(
      res.body.error.details.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
    ).toEqual([
      [1, 'subjects[0].name'],
      [2, 'subjects[1].uscc'],
      [3, 'subjects[2].'],
      [4, 'subjects[3].idNumber'],
    ]);
    expect(res.body.error.message).toContain('line 2 subjects[1].uscc');
  });

  it('refuses more than 10,000 rows, unknown fields and an empty list', async () => {
    const many = await screen(
      admin,
      Array.from({ length: 10_001 }, (_, k) => ({ name: `公司${k}` })),
    );
    expect(many.status).toBe(400);
    expect(many.body.error.details.fields[0].field).toBe('body.subjects');
    const unknown = await screen(admin, [{ nmae: 'typo' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].field).toBe('body.subjects.0');
    expect((await screen(admin, [])).status).toBe(400);
  });

  it('reports CSV problems with their line numbers', async () => {
    const bad = USCC.G2.slice(0, 17) + (USCC.G2[17] === '0' ? '1' : '0');
    const csv = `name,uscc\n${NAMES.G1},${USCC.G1}\n${NAMES.G2},${bad}\n\n"line, five",\n`;
    const res = await admin({
      method: 'POST',
      url: '/api/v1/screenings',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.errors).toEqual([
      { line: 3, field: 'uscc', reason: expect.stringMatching(/check character/) },
    ]);
    const header = await admin({
      method: 'POST',
      url: '/api/v1/screenings',
      payload: 'name,colour\na,b\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(header.json().error.details.errors[0]).toMatchObject({ line: 1, field: 'colour' });
    const ragged = await admin({
      method: 'POST',
      url: '/api/v1/screenings',
      payload: 'name,uscc\na,\nb,c,d\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json().error.details.errors[0].line).toBe(3);
  });

  it('takes a CSV upload as multipart/form-data', async () => {
    const boundary = '----screening-test';
    const csv = `名称,统一社会信用代码,编号\n${NAMES.BORROWER},${USCC.BORROWER},A-1\n`;
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const res = await admin({
      method: 'POST',
      url: '/api/v1/screenings',
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0]).toMatchObject({
      line: 2,
      ref: 'A-1',
      match: { status: 'exact' },
      subject: { id: 'BORROWER' },
    });
  });
});

describe('batch screening as a job', () => {
  const csvOf = (n: number) => {
    const lines = ['ref,name,uscc,idNumber'];
    for (let k = 0; k < n; k++) {
      const r = ROWS[k % ROWS.length]! as { ref: string; name?: string; uscc?: string; idNumber?: string };
      lines.push([`${r.ref}-${k}`, r.name ?? '', r.uscc ?? '', r.idNumber ?? ''].join(','));
    }
    return `${lines.join('\n')}\n`;
  };

  it('runs a large batch in the background with progress, then serves JSON and CSV results to its owner only', async () => {
    const submitted = await bankA({
      method: 'POST',
      url: '/api/v1/screenings',
      payload: csvOf(150),
      headers: { 'content-type': 'text/csv' },
    });
    expect(submitted.statusCode, submitted.body).toBe(202);
    const { id, statusUrl, total } = submitted.json();
    expect(total).toBe(150);
    let status: {
      status: string;
      done: number;
      total: number;
      summary: { byStatus: Record<string, number> };
      results: { json: string; csv: string };
    };
    const until = Date.now() + 60_000;
    do {
      await new Promise((r) => setTimeout(r, 200));
      status = (await bankA({ method: 'GET', url: statusUrl })).json();
    } while (status.status !== 'completed' && status.status !== 'failed' && Date.now() < until);
    expect(status.status).toBe('completed');
    expect(status.done).toBe(150);
    expect(status.summary.byStatus).toEqual({ exact: 75, name: 25, ambiguous: 25, none: 25 });

    // Another bank cannot tell the job exists.
    expect((await bankB({ method: 'GET', url: statusUrl })).statusCode).toBe(404);
    expect((await bankB({ method: 'GET', url: status.results.json })).statusCode).toBe(404);

    const json = await bankA({ method: 'GET', url: status.results.json });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain(`${id}.json`);
    const results = json.json().results as Result[];
    expect(results).toHaveLength(150);
    expect(results.map((r) => r.line)).toEqual(Array.from({ length: 150 }, (_, k) => k + 2));
    // The job applies the bank's portfolio scope like the request would.
    expect(results[0]!.related.hits.map((h) => h.subject.id)).toEqual(['LR']);
    expect(json.body).not.toContain(LR_ID_NUMBER);

    const csv = await bankA({ method: 'GET', url: status.results.csv });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(151);
    const head = lines[0]!.split(',');
    const first = lines[1]!.split(',');
    expect(first[head.indexOf('matchStatus')]).toBe('exact');
    expect(first[head.indexOf('subjectId')]).toBe('BORROWER');
    expect(first[head.indexOf('relatedHitCount')]).toBe('1');
  });

  it('refuses the results of a job that has not completed', async () => {
    const id = 'scr-00000000-0000-4000-8000-000000000000';
    await saveRun(services.gateway, id, {
      org: 'BANK-A',
      accountId: 'x',
      status: 'running',
      total: 10,
      done: 3,
      hops: 2,
    });
    const res = await bankA({ method: 'GET', url: `/api/v1/screenings/${id}/results?format=csv` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SCREENING_NOT_READY');
    expect((await bankA({ method: 'GET', url: '/api/v1/screenings/not-an-id' })).statusCode).toBe(400);
  });

  it('reports progress chunk by chunk and stores every chunk in order', async () => {
    const prepared = prepareRows(
      Array.from({ length: 130 }, (_, k) => ({ row: ROWS[k % ROWS.length]!, line: k + 1 })),
      { secret: services.cfg.PII_HASH_SECRET, today: T },
    );
    const runId = 'scr-11111111-1111-4111-8111-111111111111';
    await saveRun(services.gateway, runId, {
      org: null,
      accountId: 'acc-1',
      status: 'queued',
      total: 130,
      done: 0,
      hops: 2,
    });
    const progress: Array<{ done: number; total: number }> = [];
    const job = {
      id: runId,
      data: {
        runId,
        principal: { accountId: 'acc-1', role: 'admin', org: null },
        rows: prepared.rows,
        hops: 2,
        asOf: T,
      },
      opts: { attempts: 1 },
      attemptsMade: 0,
      updateProgress: async (p: { done: number; total: number }) => void progress.push(p),
    } as unknown as Job<ScreeningJobData>;
    const processor = createScreeningProcessor({
      gateway: services.gateway,
      scopeFor: () => UNRESTRICTED,
      chunkSize: 40,
    });
    const summary = await processor(job);
    expect(summary.total).toBe(130);
    // Four chunks (40, 40, 40, 10 rows), each reported when stored, in whatever order they finish.
    const dones = progress.map((p) => p.done);
    expect(dones.every((d, k) => k === 0 || d > dones[k - 1]!)).toBe(true);
    expect(dones.map((d, k) => d - (dones[k - 1] ?? 0)).sort((a, b) => a - b)).toEqual([10, 40, 40, 40]);
    expect(progress.at(-1)).toEqual({ done: 130, total: 130 });
    expect(progress).toHaveLength(4);
    const stored: number[] = [];
    for await (const chunk of readResults(services.gateway, runId)) stored.push(...chunk.map((r) => r.line));
    expect(stored).toEqual(Array.from({ length: 130 }, (_, k) => k + 1));
    expect(await getRun(services.gateway, runId)).toMatchObject({ status: 'completed', done: 130 });
  });
});
