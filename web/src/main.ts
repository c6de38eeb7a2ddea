/**
 * Web app entry: the shell (title, navigation, language switch, service status) and the hash router that mounts
 * one page at a time. Pages exist for the APIs that exist: search, subject, network explorer, path finder, and
 * (issue 8) the dashboard, alert inbox, watchlists, batch screening and the credit office's objection and repair
 * queues; the top bar shows only what the role may use.
 */
import { api } from './api/client.ts';
import { can, clearSession, currentSession, requireSignIn } from './api/session.ts';
import { lang, type MessageKey, onLangChange, setLang, t } from './i18n.ts';
import { createAlertsPage } from './pages/alerts-page.ts';
import { createDashboardPage } from './pages/dashboard-page.ts';
import { createLoginPage } from './pages/login-page.ts';
import { createNetworkPage } from './pages/network-page.ts';
import { createPathsPage } from './pages/paths-page.ts';
import { createQueuesPage } from './pages/queues-page.ts';
import { createScreeningPage } from './pages/screening-page.ts';
import { createSearchPage } from './pages/search-page.ts';
import { createSubjectPage } from './pages/subject-page.ts';
import { createWatchlistsPage } from './pages/watchlists-page.ts';
import { href, onRoute, parseHash, type Route } from './router.ts';
import './styles.css';
import { h, type View } from './ui/dom.ts';

const root = document.getElementById('app')!;
let page: View<never> | null = null;

/** The permission each page needs (domain/access/roles.ts); the top bar shows only the pages the role may use. */
const NEEDS: Record<Route['name'], string | null> = {
  login: null,
  search: 'subjects:read',
  subject: 'subjects:read',
  network: 'analytics:read',
  paths: 'analytics:read',
  alerts: 'alerts:read',
  watchlists: 'watchlists:manage',
  screening: 'screening:run',
  dashboard: 'alerts:read',
  queues: 'punishment:read',
};
const allowed = (name: Route['name']): boolean => {
  const p = NEEDS[name];
  return p === null || can(p);
};

function shell(route: Route): HTMLElement {
  const nav = (name: Route['name'], link: string, label: string) =>
    allowed(name)
      ? h('a', { href: link, class: route.name === name ? 'active' : '', 'data-nav': name }, label)
      : null;
  const toggle = h(
    'button',
    { class: 'btn lang-toggle', id: 'lang-toggle', type: 'button' },
    t('app.switchLang'),
  );
  toggle.addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  const status = h('span', { class: 'svc-status', id: 'svc-status' });
  void fetch('/health/ready')
    .then((r) => status.classList.add(r.ok ? 'ok' : 'down'))
    .catch(() => status.classList.add('down'));
  return h(
    'header',
    { class: 'topbar' },
    h(
      'a',
      { class: 'brand', href: href.search() },
      h('strong', {}, t('app.title')),
      h('span', {}, t('app.subtitle')),
    ),
    h(
      'nav',
      {},
      nav('dashboard', href.dashboard(), t('nav.dashboard')),
      nav('search', href.search(), t('nav.search')),
      nav('network', '#/network', t('nav.network')),
      nav('paths', href.paths(), t('nav.paths')),
      nav('alerts', href.alerts(), t('nav.alerts')),
      nav('watchlists', href.watchlists(), t('nav.watchlists')),
      nav('screening', href.screening(), t('nav.screening')),
      nav('queues', href.queues(), t('nav.queues')),
    ),
    status,
    account(),
    toggle,
  );
}

/** Who is signed in, in which role, and the way out. */
function account(): HTMLElement | null {
  const s = currentSession();
  if (!s) return null;
  const out = h('button', { class: 'btn', id: 'sign-out', type: 'button' }, t('login.signOut'));
  out.addEventListener('click', () => {
    void api.logout().finally(() => {
      clearSession();
      location.hash = '#/login';
    });
  });
  return h(
    'span',
    { class: 'account', id: 'account', 'data-role': s.account.role },
    h('span', { class: 'account-name' }, s.account.username),
    h('span', { class: 'account-role' }, t(`role.${s.account.role}` as MessageKey)),
    out,
  );
}

async function pickedOf(id: string | null): Promise<{ id: string; label: string } | null> {
  if (!id) return null;
  try {
    const p = await api.profile(id);
    return { id, label: p.identity.name ?? p.identity.idMasked ?? id };
  } catch {
    return { id, label: id };
  }
}

function mount(route: Route): void {
  page?.destroy();
  document.title = `${t('app.title')} · credit-linkage`;
  if (route.name !== 'login' && !currentSession()) {
    requireSignIn();
    return;
  }
  const main = h('main', { class: 'content' });
  root.replaceChildren(shell(route), main);
  // The landing page after sign-in: roles that cannot read the dashboard start at search.
  if (route.name === 'dashboard' && !allowed('dashboard')) {
    location.hash = href.search();
    return;
  }
  if (!allowed(route.name)) {
    const role = currentSession()?.account.role ?? '';
    main.append(
      h(
        'div',
        { class: 'state state-error', id: 'forbidden', role: 'alert' },
        t('common.forbidden', { role: t(`role.${role}` as MessageKey) }),
      ),
    );
    page = null;
  } else if (route.name === 'login') {
    const p = createLoginPage(route.query.get('next') ?? '/dashboard');
    main.append(p.el);
    page = p;
  } else if (route.name === 'subject') {
    const p = createSubjectPage();
    main.append(p.el);
    p.update({ id: route.params.id! });
    page = p as View<never>;
  } else if (route.name === 'network') {
    const p = createNetworkPage();
    main.append(p.el);
    p.update({ id: route.params.id ?? null, asOf: route.query.get('asOf') });
    page = p as View<never>;
  } else if (route.name === 'paths') {
    const p = createPathsPage();
    main.append(p.el);
    void Promise.all([pickedOf(route.query.get('from')), pickedOf(route.query.get('to'))]).then(
      ([from, to]) => p.update({ from, to }),
    );
    page = p as View<never>;
  } else if (route.name === 'alerts') {
    const p = createAlertsPage();
    main.append(p.el);
    p.update({ id: route.params.id ?? null, query: route.query });
    page = p as View<never>;
  } else if (route.name === 'watchlists') {
    const p = createWatchlistsPage();
    main.append(p.el);
    p.update({ id: route.params.id ?? null });
    page = p as View<never>;
  } else if (route.name === 'dashboard') {
    const p = createDashboardPage(route.query);
    main.append(p.el);
    page = p;
  } else if (route.name === 'queues') {
    const p = createQueuesPage();
    main.append(p.el);
    p.update({ query: route.query });
    page = p as View<never>;
  } else if (route.name === 'screening') {
    const p = createScreeningPage();
    main.append(p.el);
    p.update({ id: route.params.id ?? null });
    page = p as View<never>;
  } else {
    const p = createSearchPage(route.query.get('q') ?? '');
    main.append(p.el);
    page = p as View<never>;
  }
}

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
onRoute(mount);
onLangChange(() => mount(parseHash(location.hash)));
