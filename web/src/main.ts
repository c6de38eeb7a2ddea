/**
 * Web app entry. For now: the product shell with the service status, in Simplified Chinese by
 * default with English one click away. Pages for search, subjects, the network explorer and
 * alerts mount here as their APIs land.
 */
type Lang = 'zh' | 'en';
const TEXT = {
  zh: {
    title: '信用关联分析',
    subtitle: '关联主体信用联动监测',
    status: '服务状态',
    ready: '就绪',
    down: '不可用',
    switch: 'English',
  },
  en: {
    title: 'Credit linkage',
    subtitle: 'Related-party credit linkage monitoring',
    status: 'Service status',
    ready: 'ready',
    down: 'unavailable',
    switch: '中文',
  },
} as const;

let lang: Lang = (localStorage.getItem('lang') as Lang | null) ?? 'zh';

async function render(root: HTMLElement): Promise<void> {
  const t = TEXT[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  root.innerHTML = '';
  const header = document.createElement('header');
  const h1 = document.createElement('h1');
  h1.textContent = t.title;
  const sub = document.createElement('p');
  sub.textContent = t.subtitle;
  const toggle = document.createElement('button');
  toggle.textContent = t.switch;
  toggle.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('lang', lang);
    void render(root);
  });
  header.append(h1, sub, toggle);
  const status = document.createElement('p');
  status.id = 'status';
  status.textContent = `${t.status}: …`;
  root.append(header, status);
  try {
    const res = await fetch('/health/ready');
    const body = (await res.json()) as { status: string; down: string[] };
    status.textContent = `${t.status}: ${res.ok ? t.ready : `${t.down} (${body.down.join(', ')})`}`;
  } catch {
    status.textContent = `${t.status}: ${t.down}`;
  }
}

const root = document.getElementById('app');
if (root) void render(root);
