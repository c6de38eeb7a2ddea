/** Typed fetch wrappers for /api/v1; errors become ApiError with the server's code and message. */

import { authHeader, requireSignIn, type SessionAccount } from './session.ts';
import type {
  AlertDetail,
  AlertFilters,
  AlertList,
  AlertStatus,
  Controllers,
  CorrectionFields,
  Detector,
  DetectorResult,
  Network,
  ObjectionDecided,
  ObjectionItem,
  ObjectionOutcome,
  Overview,
  OverviewBucket,
  Ownership,
  Paths,
  Profile,
  QueuePage,
  RecordHistory,
  RepairAction,
  RepairDecided,
  RepairItem,
  Risk,
  ScreeningQueued,
  ScreeningResult,
  ScreeningStatus,
  ScreeningSync,
  SearchResult,
  SubjectSummary,
  Watchlist,
  WatchlistAddResult,
  WatchlistDetail,
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

/** An ApiError that carries the server's `error.details` (per-row problems of a bulk add or an upload). */
export class ApiDetailError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(status, code, message);
  }
}

type Query = Record<string, string | number | undefined | null>;

async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      signal: signal ?? null,
      headers: { accept: 'application/json', 'content-type': 'application/json', ...authHeader() },
      body: JSON.stringify(body),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (res.status === 401 && path !== '/api/v1/auth/login') requireSignIn();
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
      headers: { accept: 'application/json', ...authHeader() },
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (res.status === 401) requireSignIn();
  if (!res.ok) {
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? res.statusText);
  }
  return body as T;
}

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) =>
    postJson<{ token: string; expiresAt: string; account: SessionAccount }>('/api/v1/auth/login', {
      username,
      password,
    }),
  logout: () => postJson<null>('/api/v1/auth/logout', {}).catch(() => null),
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

type Body = { json: unknown } | { text: string; type: string } | { form: FormData } | null;

/** Any method, JSON / text / multipart body; 204 → null; errors keep their details. */
async function send<T>(method: string, path: string, body: Body, query: Query = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  const headers: Record<string, string> = { accept: 'application/json', ...authHeader() };
  let payload: BodyInit | null = null;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body && 'text' in body) {
    headers['content-type'] = body.type;
    payload = body.text;
  } else if (body && 'form' in body) payload = body.form;
  let res: Response;
  try {
    res = await fetch(qs ? `${path}?${qs}` : path, { method, headers, body: payload });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (res.status === 204) return null as T;
  const json = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (res.status === 401) requireSignIn();
  if (!res.ok)
    throw new ApiDetailError(
      res.status,
      json?.error?.code ?? 'HTTP',
      json?.error?.message ?? res.statusText,
      json?.error?.details ?? null,
    );
  return json as T;
}

/** A file the server streams (screening results): fetched with the session's token, handed back as a Blob. */
async function fetchBlob(path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeader() });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (res.status === 401) requireSignIn();
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, json?.error?.code ?? 'HTTP', json?.error?.message ?? res.statusText);
  }
  return res.blob();
}

/** Issue 8: the alert inbox, watchlists and batch screening. */
export const workApi = {
  alerts: (filters: AlertFilters, cursor: string | null, signal?: AbortSignal) =>
    getJson<AlertList>('/api/v1/alerts', { ...filters, cursor, limit: 20 }, signal),
  alert: (id: string, signal?: AbortSignal) => getJson<AlertDetail>(`/api/v1/alerts/${enc(id)}`, {}, signal),
  patchAlert: (id: string, change: { status?: AlertStatus; assignee?: string | null; note?: string }) =>
    send<AlertDetail>('PATCH', `/api/v1/alerts/${enc(id)}`, { json: change }),
  commentAlert: (id: string, text: string) =>
    send<{ id: string; author: string; text: string; at: string }>(
      'POST',
      `/api/v1/alerts/${enc(id)}/comments`,
      { json: { text } },
    ),
  watchlists: (signal?: AbortSignal) => getJson<{ items: Watchlist[] }>('/api/v1/watchlists', {}, signal),
  watchlist: (id: string, cursor: string | null, signal?: AbortSignal) =>
    getJson<WatchlistDetail>(`/api/v1/watchlists/${enc(id)}`, { cursor, limit: 50 }, signal),
  createWatchlist: (name: string, depth: number) =>
    send<Watchlist>('POST', '/api/v1/watchlists', { json: { name, depth } }),
  deleteWatchlist: (id: string) => send<null>('DELETE', `/api/v1/watchlists/${enc(id)}`, null),
  addToWatchlist: (id: string, subjects: string[]) =>
    send<WatchlistAddResult>('POST', `/api/v1/watchlists/${enc(id)}/subjects`, { json: { subjects } }),
  addCsvToWatchlist: (id: string, csv: string) =>
    send<WatchlistAddResult>('POST', `/api/v1/watchlists/${enc(id)}/subjects/csv`, {
      text: csv,
      type: 'text/csv',
    }),
  removeFromWatchlist: (id: string, subjectId: string) =>
    send<null>('DELETE', `/api/v1/watchlists/${enc(id)}/subjects/${enc(subjectId)}`, null),
  screen: (csv: string, opts: { hops: number; mode: 'auto' | 'async' }) =>
    send<ScreeningSync | ScreeningQueued>(
      'POST',
      '/api/v1/screenings',
      { text: csv, type: 'text/csv' },
      opts,
    ),
  screening: (id: string, signal?: AbortSignal) =>
    getJson<ScreeningStatus>(`/api/v1/screenings/${enc(id)}`, {}, signal),
  screeningResults: async (id: string): Promise<ScreeningResult[]> => {
    const blob = await fetchBlob(`/api/v1/screenings/${enc(id)}/results?format=json`);
    return (JSON.parse(await blob.text()) as { results: ScreeningResult[] }).results;
  },
  screeningFile: (id: string, format: 'json' | 'csv') =>
    fetchBlob(`/api/v1/screenings/${enc(id)}/results?format=${format}`),
};

/** Issue 8: the dashboard overview. */
export const dashboardApi = {
  overview: (q: { from: string; to: string; bucket: OverviewBucket }, signal?: AbortSignal) =>
    getJson<Overview>('/api/v1/stats/overview', q, signal),
};

/** Issue 8: the credit office's objection and repair queues and their decisions. */
export const queuesApi = {
  objections: (status: string, cursor: string | null, signal?: AbortSignal) =>
    getJson<QueuePage<ObjectionItem>>('/api/v1/objections', { status, cursor, limit: 20 }, signal),
  repairs: (status: string, cursor: string | null, signal?: AbortSignal) =>
    getJson<QueuePage<RepairItem>>('/api/v1/repairs', { status, cursor, limit: 20 }, signal),
  decideObjection: (
    id: string,
    decision: { outcome: ObjectionOutcome; decidedBy: string; reason: string; fields?: CorrectionFields },
  ) => send<ObjectionDecided>('PATCH', `/api/v1/objections/${enc(id)}`, { json: decision }),
  decideRepair: (id: string, decision: { action: RepairAction; decidedBy: string; reason: string }) =>
    send<RepairDecided>('PATCH', `/api/v1/repairs/${enc(id)}`, { json: decision }),
};

/** Subject page: a record's objection and repair history. */
export const subjectApi = {
  recordHistory: (id: string, signal?: AbortSignal) =>
    getJson<RecordHistory>(`/api/v1/records/${enc(id)}/history`, {}, signal),
};
