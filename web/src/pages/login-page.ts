/** Sign-in: username and password, the server's message on failure, back to where the user was going. */
import { ApiError, api } from '../api/client.ts';
import { saveSession } from '../api/session.ts';
import { t } from '../i18n.ts';
import { h, type View } from '../ui/dom.ts';

export function createLoginPage(next: string): View<never> {
  const user = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
  });
  const pass = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('div', { class: 'login-message', id: 'login-message', role: 'alert' });
  const submit = h('button', { class: 'btn primary', type: 'submit', id: 'login-submit' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'login-form', id: 'login-form' },
    h('h1', {}, t('login.title')),
    h('label', {}, t('login.username'), user),
    h('label', {}, t('login.password'), pass),
    submit,
    message,
    h('p', { class: 'hint' }, t('login.hint')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    message.textContent = t('login.signingIn');
    api
      .login(user.value.trim(), pass.value)
      .then((res) => {
        saveSession(res);
        location.hash = `#${next.startsWith('/') ? next : '/search'}`;
      })
      .catch((err: unknown) => {
        message.textContent =
          err instanceof ApiError && err.status === 401
            ? t('login.failed')
            : err instanceof ApiError && err.status === 429
              ? t('login.tooMany')
              : t('common.error', { message: (err as Error).message });
        pass.value = '';
        pass.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  queueMicrotask(() => user.focus());
  return { el: h('section', { class: 'login-page' }, form), update() {}, destroy() {} };
}
