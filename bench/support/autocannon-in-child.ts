/**
 * Throughput with autocannon, from a process of its own: in the server's process autocannon's request and
 * response work shared the event loop under test (the API bench ran it there until 2026-12-03).
 */
import autocannon from 'autocannon';
import { runInChild, serveChild } from './child-run.ts';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadSpec {
  /** `http://host:port` */
  base: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Sent in turn, round and round. */
  requests: LoadRequest[];
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p97_5: number;
  /** 2xx answers. */
  ok: number;
  /** Other answers, errors and timeouts. */
  bad: number;
  ms: number;
  /** CPU time autocannon used, ms (user + system). */
  cpuMs: number;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  let k = 0;
  const cpu0 = process.cpuUsage();
  const result = await autocannon({
    url: spec.base,
    connections: spec.connections,
    duration: spec.seconds,
    headers: { ...spec.headers, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (r) => {
          const next = spec.requests[k++ % spec.requests.length]!;
          return { ...r, method: next.method, path: next.path, ...(next.body ? { body: next.body } : {}) };
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    ok: result['2xx'],
    bad: result.non2xx + result.errors + result.timeouts,
    ms: result.duration * 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const CHILD_FLAG = '--autocannon-child';

export const loadInChild = (spec: LoadSpec): Promise<LoadResult> =>
  runInChild(import.meta.url, CHILD_FLAG, spec);

serveChild(CHILD_FLAG, load);
