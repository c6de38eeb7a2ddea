import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { maskIdNumbers } from '../../../server/log-safety.ts';
import { createLogger } from '../../../server/logger.ts';

const ID = '11010519491231002X';

describe('maskIdNumbers', () => {
  it('masks ID numbers in plain and URI-encoded URLs, keeping the first 6 and last 4 characters', () => {
    expect(maskIdNumbers(`/api/v1/subjects?q=${ID}`)).toBe('/api/v1/subjects?q=110105********002X');
    expect(
      maskIdNumbers(`/api/v1/check?subject=${encodeURIComponent(` ${ID.toLowerCase()}`)}&scenario=x`),
    ).toBe('/api/v1/check?subject= 110105********002x&scenario=x');
    expect(maskIdNumbers('/x?a=110105491231002')).toBe('/x?a=110105*****1002');
  });

  it('leaves other text alone, including letter-bearing USCCs and longer digit runs', () => {
    expect(maskIdNumbers('/api/v1/subjects/91440300708461136T/network?depth=2')).toBe(
      '/api/v1/subjects/91440300708461136T/network?depth=2',
    );
    expect(maskIdNumbers('/x?n=12345678901234567890')).toBe('/x?n=12345678901234567890');
  });
});

describe('request logs', () => {
  it('never contain a clear ID number from the URL', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ LOG_LEVEL: 'info', NODE_ENV: 'test' }, 'test', sink);
    log.info({ req: { method: 'GET', url: `/api/v1/subjects?q=${ID}`, id: 'req-1' } }, 'incoming request');
    expect(lines.join('')).toContain('110105********002X');
    expect(lines.join('')).not.toContain(ID);
  });
});

describe('Fastify request logging through our logger', () => {
  it('writes the masked URL, not the clear ID number', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({
      loggerInstance: createLogger(
        { LOG_LEVEL: 'info', NODE_ENV: 'test' },
        'test',
        sink,
      ) as FastifyBaseLogger,
    });
    app.get('/api/v1/subjects', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: `/api/v1/subjects?q=${ID}` });
    await app.close();
    const all = lines.join('');
    expect(all).toContain('incoming request');
    expect(all).toContain('110105********002X');
    expect(all).not.toContain(ID);
  });
});
