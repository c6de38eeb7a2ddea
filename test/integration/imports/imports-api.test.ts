import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import type { WorkerHandle } from '../../../jobs/workers.ts';
import { type App, buildApp } from '../../../server/app.ts';
import { startImportWorker } from '../../../server/import-worker.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { graphCounts } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

const rng = mulberry32(99);
const [A, B] = [generateUscc(rng), generateUscc(rng)];
const NDJSON = [
  { kind: 'subject', subjectKind: 'enterprise', name: '甲公司', uscc: A },
  { kind: 'subject', subjectKind: 'enterprise', name: '乙公司', uscc: B },
  { kind: 'relation', type: 'SHAREHOLDER', from: A, to: B, stakePct: 250 },
  { kind: 'relation', type: 'GUARANTEE', from: A, to: B, amount: 1000000 },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

let services: Services;
let app: App;
let call: ReturnType<typeof injectAs>;
let worker: WorkerHandle;
beforeAll(async () => {
  services = await freshServices({ IMPORT_MAX_BYTES: '4096' });
  app = await buildApp(services);
  call = injectAs(app, await authHeaders(services, 'credit_office'));
  worker = startImportWorker(services);
});
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await services?.close();
});

async function waitForEnd(id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await call({ method: 'GET', url: `/api/v1/imports/${id}` });
    const body = res.json();
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

function multipart(fileName: string, content: string) {
  const boundary = '----credit-linkage-test';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /api/v1/imports', () => {
  it('imports a multipart upload in the background and reports the bad rows with line and field', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart('batch.ndjson', NDJSON),
    });
    expect(res.statusCode).toBe(202);
    const { id, statusUrl } = res.json();
    expect(statusUrl).toBe(`/api/v1/imports/${id}`);
    const done = await waitForEnd(id);
    expect(done.status).toBe('completed');
    expect(done.fileName).toBe('batch.ndjson');
    expect(done.errors.total).toBe(1);
    expect(done.errors.items).toEqual([
      expect.objectContaining({ file: 'batch.ndjson', line: 3, field: 'stakePct' }),
    ]);
    expect(done.summary.counts.relation).toMatchObject({ created: 1, rejected: 1 });
    const counts = await graphCounts(services);
    expect(counts['node:Subject']).toBe(2);
    expect(counts['relationship:GUARANTEE']).toBe(1);
  });

  it('accepts a raw NDJSON body with its file name', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/imports?fileName=again.ndjson',
      payload: NDJSON,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(res.statusCode).toBe(202);
    const done = await waitForEnd(res.json().id);
    expect(done.summary.counts.subject).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('rejects an unknown format, a missing file name, a wrong content type and a too large upload, storing nothing', async () => {
    const before = await graphCounts(services);
    const bad = await call({ method: 'POST', url: '/api/v1/imports', ...multipart('data.xlsx', 'x') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'IMPORT_FORMAT' });
    const noName = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: NDJSON,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.message).toMatch(/fileName/);
    const wrongType = await call({ method: 'POST', url: '/api/v1/imports', payload: { a: 1 } });
    expect(wrongType.statusCode).toBe(415);
    const huge = await call({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart('big.ndjson', 'x'.repeat(10_000)),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('IMPORT_TOO_LARGE');
    expect(await graphCounts(services)).toEqual(before);
  });

  it('answers 404 for an unknown import and 400 for a malformed id', async () => {
    const missing = await call({
      method: 'GET',
      url: '/api/v1/imports/imp-00000000-0000-0000-0000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const malformed = await call({ method: 'GET', url: '/api/v1/imports/%27%20OR%201%3D1' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/params\.id/);
  });
});
