/** Error states for the work pages: a 404 there is a list, alert or job (not a subject), a 403 a missing right. */
import { ApiError } from '../api/client.ts';
import { t } from '../i18n.ts';
import { errorState, h } from './dom.ts';

export function workError(err: unknown, retry?: () => void): HTMLElement {
  if (err instanceof ApiError && (err.status === 404 || err.status === 403)) {
    return h(
      'div',
      { class: 'state state-error', role: 'alert' },
      t(err.status === 404 ? 'common.goneItem' : 'common.forbiddenAction'),
    );
  }
  return errorState(err, retry);
}
