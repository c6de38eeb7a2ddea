/** Hash routing (`#/subject/XH`): works from any static host and needs no server fallback. */
export interface Route {
  name:
    | 'login'
    | 'search'
    | 'subject'
    | 'network'
    | 'paths'
    | 'alerts'
    | 'watchlists'
    | 'screening'
    | 'dashboard'
    | 'queues';
  params: Record<string, string>;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart);
  if (parts[0] === 'login') return { name: 'login', params: {}, query };
  // The bare address opens search (as the brand link does); signing in lands on the dashboard (`#/dashboard`).
  if (parts[0] === 'dashboard') return { name: 'dashboard', params: {}, query };
  if (parts[0] === 'subject' && parts[1]) return { name: 'subject', params: { id: parts[1] }, query };
  if (parts[0] === 'network') return { name: 'network', params: parts[1] ? { id: parts[1] } : {}, query };
  if (parts[0] === 'paths') return { name: 'paths', params: {}, query };
  if (parts[0] === 'queues') return { name: 'queues', params: {}, query };
  if (parts[0] === 'alerts' || parts[0] === 'watchlists' || parts[0] === 'screening')
    return { name: parts[0], params: parts[1] ? { id: parts[1] } : {}, query };
  return { name: 'search', params: {}, query };
}

export const href = {
  dashboard: () => '#/dashboard',
  search: (q?: string) => (q ? `#/search?q=${encodeURIComponent(q)}` : '#/search'),
  subject: (id: string) => `#/subject/${encodeURIComponent(id)}`,
  network: (id: string) => `#/network/${encodeURIComponent(id)}`,
  paths: (from?: string, to?: string) => {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    const s = q.toString();
    return s ? `#/paths?${s}` : '#/paths';
  },
  /** The inbox, optionally with one alert open and the list's filters kept in the query. */
  alerts: (id?: string | null, query?: URLSearchParams) => {
    const q = query?.toString();
    return `#/alerts${id ? `/${encodeURIComponent(id)}` : ''}${q ? `?${q}` : ''}`;
  },
  watchlists: (id?: string | null) => `#/watchlists${id ? `/${encodeURIComponent(id)}` : ''}`,
  screening: (id?: string | null) => `#/screening${id ? `/${encodeURIComponent(id)}` : ''}`,
  /** The credit office's queues, with the tab and status filter kept in the query. */
  queues: (query?: URLSearchParams) => {
    const q = query?.toString();
    return `#/queues${q ? `?${q}` : ''}`;
  },
};

export function onRoute(fn: (route: Route) => void): () => void {
  const handler = () => fn(parseHash(location.hash));
  window.addEventListener('hashchange', handler);
  handler();
  return () => window.removeEventListener('hashchange', handler);
}
