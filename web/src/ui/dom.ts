/** A tiny element builder and the shared empty / loading / error states. */
import { ApiError } from '../api/client.ts';
import { type MessageKey, t } from '../i18n.ts';

type Attrs = Record<string, string | number | boolean | undefined | null | ((ev: Event) => void)>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const loadingState = (key: MessageKey = 'common.loading', params: Record<string, string> = {}) =>
  h('div', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner' }), t(key, params));

export const emptyState = (text: string) => h('div', { class: 'state state-empty' }, text);

export function errorState(err: unknown, retry?: () => void): HTMLElement {
  let text: string;
  if (err instanceof ApiError && err.status === 404) text = t('common.notFound');
  else if (err instanceof ApiError && err.code === 'NETWORK') text = t('common.errorNetwork');
  else text = t('common.error', { message: (err as Error).message });
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    text,
    retry ? h('button', { class: 'btn', onclick: () => retry() }, t('common.retry')) : null,
  );
}

export function classBadge(cls: string | null | undefined): HTMLElement {
  const c = cls && /^[ABCD]$/.test(cls) ? cls : '?';
  return h(
    'span',
    { class: `badge badge-${c}`, 'data-class': c, title: c === '?' ? '' : t(`class.${c}` as MessageKey) },
    c,
  );
}

export const isAbort = (err: unknown): boolean => (err as Error)?.name === 'AbortError';

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** What a page or chart gives back to whoever mounted it. */
export interface View<D> {
  readonly el: HTMLElement;
  update(data: D): void;
  destroy(): void;
}

export const subjectLabel = (s: { id: string; name?: string | null; idMasked?: string | null }): string =>
  s.name ?? s.idMasked ?? s.id;
