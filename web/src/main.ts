/**
 * Web app entry: the shell (title, navigation, language switch, service status) and the hash router that mounts
 * one page at a time. Pages exist for the APIs that exist: search, subject, network explorer, path finder.
 */
import { api } from './api/client.ts';
import { lang, onLangChange, setLang, t } from './i18n.ts';
import { createNetworkPage } from './pages/network-page.ts';
import { createPathsPage } from './pages/paths-page.ts';
import { createSearchPage } from './pages/search-page.ts';
import { createSubjectPage } from './pages/subject-page.ts';
import { href, onRoute, parseHash, type Route } from './router.ts';
import './styles.css';
import { h, type View } from './ui/dom.ts';

const root = document.getElementById('app')!;
let page: View<never> | null = null;

function shell(route: Route): HTMLElement {
  const nav = (name: Route['name'], link: string, label: string) =>
    h('a', { href: link, class: route.name === name ? 'active' : '', 'data-nav': name }, label);
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
      nav('search', href.search(), t('nav.search')),
      nav('network', '#/network', t('nav.network')),
      nav('paths', href.paths(), t('nav.paths')),
    ),
    status,
    toggle,
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
  const main = h('main', { class: 'content' });
  root.replaceChildren(shell(route), main);
  if (route.name === 'subject') {
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
  } else {
    const p = createSearchPage(route.query.get('q') ?? '');
    main.append(p.el);
    page = p as View<never>;
  }
}

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
onRoute(mount);
onLangChange(() => mount(parseHash(location.hash)));
