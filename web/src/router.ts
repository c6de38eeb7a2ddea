/** Hash routing (`#/subject/XH`): works from any static host and needs no server fallback. */
export interface Route {
  name: 'search' | 'subject' | 'network' | 'paths';
  params: Record<string, string>;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart);
  if (parts[0] === 'subject' && parts[1]) return { name: 'subject', params: { id: parts[1] }, query };
  if (parts[0] === 'network') return { name: 'network', params: parts[1] ? { id: parts[1] } : {}, query };
  if (parts[0] === 'paths') return { name: 'paths', params: {}, query };
  return { name: 'search', params: {}, query };
}

export const href = {
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
};

export function onRoute(fn: (route: Route) => void): () => void {
  const handler = () => fn(parseHash(location.hash));
  window.addEventListener('hashchange', handler);
  handler();
  return () => window.removeEventListener('hashchange', handler);
}
