import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditFields, chainEntries, GENESIS_HASH, verifyChain } from '../../../domain/audit/chain.ts';

const entry = (i: number): AuditFields => ({
  at: `2026-12-01T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
  actor: `acc_${i % 3}`,
  username: `user${i % 3}`,
  role: 'regulator',
  org: null,
  method: 'GET',
  route: '/api/v1/subjects/:id',
  path: `/api/v1/subjects/S${i}`,
  subjects: [`S${i}`],
  status: 200,
  outcome: 'ok',
  action: null,
  ip: '127.0.0.1',
});

describe('audit hash chain', () => {
  it('chains from the genesis and verifies, also page by page', () => {
    const chain = chainEntries(
      { seq: 0, hash: GENESIS_HASH },
      Array.from({ length: 10 }, (_, i) => entry(i)),
    );
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(verifyChain(chain)).toMatchObject({ ok: true, checked: 10, broken: null });
    const first = verifyChain(chain.slice(0, 4));
    expect(verifyChain(chain.slice(4), first.last)).toMatchObject({ ok: true, checked: 6 });
    // continuing a stored chain gives the same hashes as chaining everything at once
    const tail = chainEntries(
      first.last,
      Array.from({ length: 6 }, (_, i) => entry(i + 4)),
    );
    expect(tail.map((e) => e.hash)).toEqual(chain.slice(4).map((e) => e.hash));
  });

  it('detects any altered field, a removed entry and a swapped order', () => {
    const chain = chainEntries(
      { seq: 0, hash: GENESIS_HASH },
      Array.from({ length: 8 }, (_, i) => entry(i)),
    );
    const fields: Array<keyof AuditFields> = [
      'at',
      'actor',
      'route',
      'path',
      'status',
      'outcome',
      'subjects',
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.constantFrom(...fields), (i, field) => {
        const altered = chain.map((e) => ({ ...e }));
        const target = altered[i] as unknown as Record<string, unknown>;
        target[field] = field === 'status' ? 500 : field === 'subjects' ? ['OTHER'] : 'changed';
        const verdict = verifyChain(altered);
        return !verdict.ok && verdict.broken?.seq === i + 1;
      }),
    );
    const removed = verifyChain([...chain.slice(0, 3), ...chain.slice(4)]);
    expect(removed.broken).toMatchObject({ seq: 4, reason: 'entry 4 is missing' });
    const swapped = [...chain];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(verifyChain(swapped).ok).toBe(false);
  });
});
