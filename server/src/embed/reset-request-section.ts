import { html } from 'hono/html';
import type { LoginTexts } from './login-texts.ts';

/**
 * The login frame's "Forgot your password?" part: the link under the sign-in form and the
 * email form it opens (hidden until then). Its own script (assets/login-reset.js) posts it.
 */
export function forgotPasswordButton(texts: LoginTexts) {
  return html`<p><button type="button" class="link" data-reset-show="reset">${texts['action.forgotPassword']}</button></p>`;
}

export function resetRequestSection(texts: LoginTexts, locale: string) {
  return html`<section id="reset" aria-labelledby="reset-title" hidden>
  <h1 id="reset-title">${texts['title.reset']}</h1>
  <p id="reset-hint" class="hint">${texts['hint.reset']}</p>
  <form id="reset-form" novalidate data-locale="${locale}">
    <label for="reset-email">${texts['field.email']}</label>
    <input id="reset-email" name="email" type="email" autocomplete="username" required maxlength="254" aria-describedby="reset-hint reset-error">
    <p id="reset-error" class="error" role="alert"></p>
    <button type="submit">${texts['action.sendResetLink']}</button>
  </form>
  <p><button type="button" class="link" data-reset-show="sign-in">${texts['switch.backToSignIn']}</button></p>
</section>`;
}
