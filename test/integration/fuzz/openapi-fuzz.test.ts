/**
 * Fuzzing every /api/v1 operation of the generated OpenAPI document (issue 7): requests that conform to the
 * document and requests that violate it (one part at a time), sent as an admin and as a bank, for a bounded time.
 *
 * - never a 5xx (503 AUDIT_UNAVAILABLE included);
 * - every 4xx is `{error: {code, message}}`, and a validation error names its fields;
 * - a request the document forbids is never accepted (2xx);
 * - a refused request (4xx) leaves the stored graph as it was;
 * - the fixture's subjects are all still there at the end.
 *
 * FUZZ_BUDGET_MS (default 40000) bounds the run, FUZZ_SEED (default fixed) replays it: the same seed sends the same
 * requests in the same order. The multipart import upload is left to bad-input.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, createAccount, injectAs } from '../../support/auth.ts';
import { graphCounts } from '../../support/import-helpers.ts';
import {
  conformingValue,
  conforms,
  type FuzzRequest,
  type Hints,
  type JsonSchema,
  type Operation,
  operationsOf,
  requestArbitrary,
  violatingValue,
} from '../../support/openapi-arbitraries.ts';
import { freshServices } from '../../support/services.ts';
import { fixtureRows, loadSubjectsFixture, type SubjectsFixture } from '../subjects/fixture.ts';

const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 40_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const replay = `replay with FUZZ_SEED=${SEED} FUZZ_BUDGET_MS=${BUDGET_MS} npx vitest run --project integration test/integration/fuzz/openapi-fuzz.test.ts`;

/** Operations the generated part leaves out, and why. */
const SKIPPED: Record<string, string> = {
  'POST /api/v1/imports': 'multipart file upload: covered by bad-input.test.ts',
};

/**
 * POST /api/v1/screenings reads its body itself (JSON, CSV or multipart), so the document has no body schema for
 * it; this is the JSON form's schema (server/routes/screenings.ts, jsonBody).
 */
const cell: JsonSchema = { type: 'string', maxLength: 1000, nullable: true };
const SCREENING_BODY: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subjects'],
  properties: {
    subjects: {
      type: 'array',
      minItems: 1,
      maxItems: 10_000,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { ref: cell, name: cell, uscc: cell, idNumber: cell },
      },
    },
  },
};

let services: Services;
let app: App;
let fx: SubjectsFixture;
let doc: unknown;
let ops: Operation[];
let hints: Hints;
let throwaway: { id: string; username: string };
const callers: Record<'admin' | 'bank', ReturnType<typeof injectAs>> = {} as never;
const subjectIds = fixtureRows()
  .rows.filter((r) => r.kind === 'subject')
  .map((r) => String(r.id));

beforeAll(async () => {
  // The fuzzer sends thousands of requests a minute from one account: the per-account limit is not under test.
  services = await freshServices({ RATE_LIMIT_PER_MINUTE: '10000000' });
  fx = await loadSubjectsFixture(services);
  expect(fx.summary.errorCount, JSON.stringify(fx.summary.errors)).toBe(0);
  app = await buildApp(services);
  callers.admin = injectAs(app, await authHeaders(services, 'admin'));
  callers.bank = injectAs(app, await authHeaders(services, 'bank'));
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
  ops = operationsOf(doc).map((op) =>
    op.method === 'POST' && op.path === '/api/v1/screenings'
      ? { ...op, body: SCREENING_BODY, bodyRequired: true }
      : op,
  );

  // Real ids, so conforming requests reach past "not found" into the code behind it.
  const { account } = await createAccount(services, 'analyst');
  throwaway = { id: account.id, username: account.username };
  const wl = await callers.bank({
    method: 'POST',
    url: '/api/v1/watchlists',
    payload: { name: 'fuzz portfolio', subjects: ['id:XH'] },
  });
  expect(wl.statusCode, wl.body).toBe(201);
  const watchlistId = String(wl.json().id);
  const refs = [...subjectIds, ...subjectIds.map((id) => `id:${id}`), ...Object.values(fx.usccs)];
  const records = ['PEN-XH-2024-1', 'ABN-XH-2025-1'];
  hints = (field) => {
    if (/^(id|ids|subjectId|from|to|subject|subjects)$/.test(field))
      return [...refs, ...records, watchlistId, throwaway.id];
    if (field === 'watchlistId') return [watchlistId];
    if (field === 'status') return ['open', 'open,acknowledged', 'dismissed'];
    if (field === 'q') return ['星河', '张伟', fx.usccs.XH!];
    if (field === 'username') return [throwaway.username];
    return [];
  };
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

/** Operation key as in the document: `METHOD /path/{param}`. */
const key = (op: Operation) => `${op.method} ${op.path}`;

describe('the schema-derived generators', () => {
  it('make values that conform, and values that do not, for every body and parameter of the document', () => {
    let checked = 0;
    for (const op of ops) {
      if (op.body) {
        const body = op.body;
        fc.assert(
          fc.property(conformingValue(body, 'body', hints), (v) => conforms(body, v)),
          { seed: SEED, numRuns: 25 },
        );
        const bad = violatingValue(body, 'body', hints);
        expect(bad, `${key(op)}: no violating body`).not.toBeNull();
        fc.assert(
          fc.property(bad!, (v) => !conforms(body, v)),
          { seed: SEED, numRuns: 25 },
        );
        checked++;
      }
      for (const p of op.params) {
        fc.assert(
          fc.property(conformingValue(p.schema, p.name, hints), (v) => conforms(p.schema, v)),
          { seed: SEED, numRuns: 25 },
        );
        const bad = violatingValue(p.schema, p.name, hints, { asQuery: true });
        if (bad)
          fc.assert(
            fc.property(bad, (v) => typeof v === 'string' && !conforms(p.schema, v, { coerce: true })),
            { seed: SEED, numRuns: 25 },
          );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

interface Failure {
  role: string;
  op: string;
  problem: string;
  request: string;
  status: number;
  body: string;
}

describe('fuzzing every /api/v1 operation of the OpenAPI document', () => {
  it(
    'never answers 5xx, answers every 4xx with {error:{code,message}}, refuses what the schema forbids, and changes nothing when it refuses',
    async () => {
      const fuzzed = ops.filter((op) => !(key(op) in SKIPPED));
      expect(fuzzed.length).toBeGreaterThanOrEqual(40);
      const subjectsBefore = (await graphCounts(services))['node:Subject'] ?? 0;

      // One deterministic stream of requests per operation and mode, drawn in small batches.
      const streams = new Map<
        string,
        { arb: fc.Arbitrary<FuzzRequest>; buffer: FuzzRequest[]; batch: number }
      >();
      const next = (op: Operation, mode: 'conforming' | 'violating'): FuzzRequest => {
        const k = `${key(op)} ${mode}`;
        let s = streams.get(k);
        if (!s) {
          s = { arb: requestArbitrary(op, mode, hints), buffer: [], batch: 0 };
          streams.set(k, s);
        }
        if (s.buffer.length === 0) {
          const seed = ((SEED ^ hash(k)) + s.batch++ * 7919) >>> 0;
          s.buffer = fc.sample(s.arb, { seed, numRuns: 16 });
        }
        return s.buffer.shift()!;
      };

      const failures: Failure[] = [];
      const seen = new Set<string>();
      const fail = (f: Failure) => {
        const id = `${f.role} ${f.op} ${f.problem} ${f.status}`;
        if (seen.has(id)) return;
        seen.add(id);
        failures.push(f);
      };
      const stats = { sent: 0, byStatus: new Map<number, number>(), rounds: 0 };
      const conformingRefused = { sent: 0, invalid: 0 };
      let counts = await graphCounts(services);
      const deadline = Date.now() + BUDGET_MS;

      do {
        stats.rounds++;
        for (const op of fuzzed) {
          for (const role of ['admin', 'bank'] as const) {
            for (const mode of ['conforming', 'violating'] as const) {
              const req = next(op, mode);
              let call = callers[role];
              if (key(op) === 'POST /api/v1/auth/logout') {
                // A session of its own, so logging out never ends the fuzzer's.
                const { token } = await services.access.sessions.create({
                  accountId: throwaway.id,
                  username: throwaway.username,
                  role: 'analyst',
                  org: null,
                });
                call = injectAs(app, { authorization: `Bearer ${token}` });
              }
              const res = await call({
                method: req.method,
                url: req.url,
                headers: req.headers,
                ...(req.payload !== undefined ? { payload: req.payload } : {}),
              });
              stats.sent++;
              stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
              const after = await graphCounts(services);
              const report = (problem: string) =>
                fail({
                  role,
                  op: key(op),
                  problem,
                  request: `${req.method} ${req.url.slice(0, 300)} ${req.payload?.slice(0, 300) ?? ''} [${req.violation || 'conforming'}]`,
                  status: res.statusCode,
                  body: res.body.slice(0, 400),
                });
              const status = res.statusCode;
              if (status >= 500) report('5xx');
              if (status >= 400 && status < 500) {
                const problem = errorShapeProblem(res.body);
                if (problem) report(problem);
                if (!sameCounts(counts, after))
                  report(`refused but the graph changed: ${diff(counts, after)}`);
              }
              if (status < 300 && mode === 'violating' && req.strict)
                report('accepted a request the schema forbids');
              if (role === 'admin' && mode === 'conforming') {
                conformingRefused.sent++;
                if (status === 400 && res.body.includes('"VALIDATION_FAILED"')) conformingRefused.invalid++;
              }
              counts = after;
            }
          }
        }
      } while (Date.now() < deadline && failures.length < 25);

      const summary = `${stats.sent} requests to ${fuzzed.length} operations in ${stats.rounds} rounds (seed ${SEED}); ${conformingRefused.invalid}/${conformingRefused.sent} conforming admin requests refused as invalid; statuses ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort((a, b) => a[0] - b[0])))}`;
      console.info(`[openapi fuzz] ${summary}`);
      expect(
        failures,
        `${failures.length} problem(s) — ${replay}\n${JSON.stringify(failures, null, 2)}`,
      ).toEqual([]);
      // Conforming requests can be refused by checks the document cannot express (calendar dates, subject
      // references, comma-separated enums), but most must get past validation, or the generator is off.
      expect(
        conformingRefused.invalid / conformingRefused.sent,
        `share of conforming admin requests refused as VALIDATION_FAILED — ${replay}`,
      ).toBeLessThan(0.5);

      // The fixture survived everything that was sent, Cypher-looking text included.
      const subjectsAfter = (await graphCounts(services))['node:Subject'] ?? 0;
      expect(subjectsAfter).toBeGreaterThanOrEqual(subjectsBefore);
      for (const id of subjectIds) {
        const res = await callers.admin({ method: 'GET', url: `/api/v1/subjects/${id}` });
        expect(res.statusCode, `subject ${id}: ${res.body}`).toBe(200);
      }
    },
    BUDGET_MS + 180_000,
  );
});

/** Why a 4xx body is not `{error: {code, message}}` (with fields for a validation error), or null. */
function errorShapeProblem(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'a 4xx body that is not JSON';
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '')
    return 'a 4xx body without {error:{code,message}}';
  if (error.code === 'VALIDATION_FAILED') {
    const fields = (error.details as { fields?: unknown } | undefined)?.fields;
    if (
      !Array.isArray(fields) ||
      fields.length === 0 ||
      !fields.every((f) => typeof f?.field === 'string' && f.field !== '' && typeof f?.reason === 'string')
    )
      return 'VALIDATION_FAILED without details.fields[].{field,reason}';
  }
  return null;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

function diff(a: Record<string, number>, b: Record<string, number>): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => (a[k] ?? 0) !== (b[k] ?? 0))
    .map((k) => `${k} ${a[k] ?? 0}→${b[k] ?? 0}`)
    .join(', ');
}

function hash(s: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
  return h >>> 0;
}
