/** Typed fetch wrappers for /api/v1; errors become ApiError with the server's code and message. */
import type {
  Controllers,
  Detector,
  DetectorResult,
  Network,
  Ownership,
  Paths,
  Profile,
  Risk,
  SearchResult,
  SubjectSummary,
} from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null>;

async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      signal: signal ?? null,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok)
    throw new ApiError(res.status, json?.error?.code ?? 'HTTP', json?.error?.message ?? res.statusText);
  return json as T;
}

async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  let res: Response;
  try {
    res = await fetch(qs ? `${path}?${qs}` : path, {
      signal: signal ?? null,
      headers: { accept: 'application/json' },
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) {
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? res.statusText);
  }
  return body as T;
}

const enc = encodeURIComponent;

export const api = {
  search: (q: string, opts: { cursor?: string | null; limit?: number } = {}, signal?: AbortSignal) =>
    getJson<SearchResult>('/api/v1/subjects', { q, cursor: opts.cursor, limit: opts.limit ?? 20 }, signal),
  summaries: (ids: string[], signal?: AbortSignal) =>
    postJson<{ items: SubjectSummary[] }>('/api/v1/subjects/summaries', { ids }, signal),
  profile: (id: string, signal?: AbortSignal) => getJson<Profile>(`/api/v1/subjects/${enc(id)}`, {}, signal),
  risk: (id: string, signal?: AbortSignal) => getJson<Risk>(`/api/v1/subjects/${enc(id)}/risk`, {}, signal),
  ownership: (id: string, direction: 'up' | 'down', signal?: AbortSignal) =>
    getJson<Ownership>(`/api/v1/subjects/${enc(id)}/ownership`, { direction }, signal),
  controllers: (id: string, signal?: AbortSignal) =>
    getJson<Controllers>(`/api/v1/subjects/${enc(id)}/controllers`, {}, signal),
  network: (
    id: string,
    opts: { depth: number; asOf?: string | null; types?: string; limit?: number },
    signal?: AbortSignal,
  ) =>
    getJson<Network>(
      `/api/v1/subjects/${enc(id)}/network`,
      { depth: opts.depth, asOf: opts.asOf, types: opts.types, limit: opts.limit ?? 500 },
      signal,
    ),
  paths: (from: string, to: string, maxHops: number, signal?: AbortSignal) =>
    getJson<Paths>('/api/v1/paths', { from, to, maxHops, limit: 10 }, signal),
  detector: (detector: Detector, asOf: string | null, signal?: AbortSignal) =>
    getJson<DetectorResult>(`/api/v1/analytics/${detector}`, { asOf, limit: 500 }, signal),
};
