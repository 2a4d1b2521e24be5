import { html } from 'hono/html';
import type { LoginTexts } from './login-texts.ts';
import { passwordChangeSection } from './password-change-section.ts';
import type { PasswordChangeTexts } from './password-change-texts.ts';
import type { SecondFactorTexts } from './second-factor-texts.ts';

/**
 * The frame's second-factor sections: the code step of a sign-in, and the account-security
 * view (mode `security`), where a signed-in person turns TOTP on (secret as text and as an
 * otpauth:// link, backup codes, a first code to confirm) or off, and changes the password
 * (with `passwordChange`'s words). login-frame-second-factor.js drives both; every field is
 * labelled and errors are announced (role="alert").
 */
export function secondFactorSections(t: SecondFactorTexts & Pick<LoginTexts, 'field.password'>, passwordChange: PasswordChangeTexts | undefined) {
  // Each mode carries only its own part: the frame's first load stays small.
  return passwordChange ? securityView(t, passwordChange) : codeStep(t);
}

function codeStep(t: SecondFactorTexts) {
  return html`<section id="second-factor" aria-labelledby="second-factor-title" hidden>
  <h1 id="second-factor-title">${t['title.secondFactor']}</h1>
  <form id="second-factor-form" novalidate data-method="totp">
    <label for="second-factor-code" id="second-factor-label">${t['field.totpCode']}</label>
    <input id="second-factor-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" aria-describedby="second-factor-hint second-factor-error">
    <p id="second-factor-hint" class="hint">${t['hint.totpCode']}</p>
    <p id="second-factor-error" class="error" role="alert"></p>
    <button type="submit">${t['action.verify']}</button>
  </form>
  <p><button type="button" class="link" id="second-factor-switch">${t['switch.toBackupCode']}</button></p>
</section>`;
}

function securityView(t: SecondFactorTexts & Pick<LoginTexts, 'field.password'>, passwordChange: PasswordChangeTexts) {
  return html`<section id="security" aria-labelledby="security-title">
  <h1 id="security-title">${t['title.security']}</h1>
  <p id="security-state"></p>
  <form id="security-enable-form" novalidate hidden>
    <label for="security-enable-password">${t['field.password']}</label>
    <input id="security-enable-password" name="password" type="password" autocomplete="current-password" required maxlength="128" aria-describedby="security-enable-error">
    <p id="security-enable-error" class="error" role="alert"></p>
    <button type="submit">${t['action.enable']}</button>
  </form>
  <div id="security-enrol" hidden>
    <p>${t['enrol.intro']}</p>
    <p><a id="security-uri" href="#">${t['enrol.link']}</a></p>
    <p>${t['enrol.key']}: <code id="security-secret"></code></p>
    <h2>${t['enrol.backupTitle']}</h2>
    <p class="hint">${t['enrol.backupHint']}</p>
    <ul id="security-backup-codes" class="codes"></ul>
    <p class="hint">${t['enrol.confirmHint']}</p>
    <form id="security-confirm-form" novalidate>
      <label for="security-confirm-code">${t['field.totpCode']}</label>
      <input id="security-confirm-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" aria-describedby="security-confirm-error">
      <p id="security-confirm-error" class="error" role="alert"></p>
      <button type="submit">${t['action.confirm']}</button>
    </form>
  </div>
  <form id="security-disable-form" novalidate hidden>
    <label for="security-disable-password">${t['field.password']}</label>
    <input id="security-disable-password" name="password" type="password" autocomplete="current-password" required maxlength="128" aria-describedby="security-disable-error">
    <p id="security-disable-error" class="error" role="alert"></p>
    <button type="submit">${t['action.disable']}</button>
  </form>
  ${passwordChangeSection(passwordChange)}
  <p><button type="button" class="link" id="security-done">${t['action.done']}</button></p>
</section>`;
}
