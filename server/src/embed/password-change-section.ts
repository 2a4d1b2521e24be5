import { html } from 'hono/html';
import type { PasswordChangeTexts } from './password-change-texts.ts';

/**
 * The account-security view's password change: the current password and a new one, checked
 * by the sign-up's policy. Shown (by login-frame-security.js) once the view knows who is
 * signed in; every field is labelled and its error announced (role="alert"). The hidden
 * username (the account's email, which the status call answers) tells a password manager
 * which saved password the new one replaces.
 */
export function passwordChangeSection(t: PasswordChangeTexts) {
  return html`<div id="security-password" hidden>
    <h2 id="security-password-title">${t['title.password']}</h2>
    <form id="security-password-form" novalidate aria-labelledby="security-password-title">
      <input id="security-username" name="username" type="email" autocomplete="username" hidden>
      <label for="security-current-password">${t['field.currentPassword']}</label>
      <input id="security-current-password" name="currentPassword" type="password" autocomplete="current-password" required maxlength="128" aria-describedby="security-password-error">
      <label for="security-new-password">${t['field.newPassword']}</label>
      <input id="security-new-password" name="newPassword" type="password" autocomplete="new-password" required minlength="8" maxlength="128" aria-describedby="security-password-hint security-password-error">
      <p id="security-password-hint" class="hint">${t['hint.passwordChange']}</p>
      <p id="security-password-error" class="error" role="alert"></p>
      <button type="submit">${t['action.changePassword']}</button>
    </form>
  </div>`;
}
