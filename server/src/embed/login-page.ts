import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { acceptanceStatement, ageStatement, underAgeStatement, type SignUpTerms } from '../accounts/sign-up-terms.ts';
import { guardianFrameTexts, type GuardianFrameTexts } from './guardian-frame-texts.ts';
import type { LoginLocale, LoginTexts } from './login-texts.ts';
import { passwordChangeTexts } from './password-change-texts.ts';
import { forgotPasswordButton, resetRequestSection } from './reset-request-section.ts';
import { secondFactorSections } from './second-factor-page.ts';
import { secondFactorTexts } from './second-factor-texts.ts';

export interface LoginPageOptions {
  locale: LoginLocale;
  texts: LoginTexts;
  /** Where the frame's script posts the tokens: the verified parent origin. */
  parentOrigin: string;
  publishableKey: string;
  /** `security`: the account-security view of a signed-in person (second-factor-page.ts). */
  mode: 'sign-in' | 'sign-up' | 'security';
  /** The tenant's policy and terms in force, and its age gate: what the sign-up form asks. */
  signUp: SignUpTerms;
  /** Where the stylesheet and script are (with their version, so they can be cached long). */
  assets: { script: string; style: string; resetScript?: string; secondFactorScript: string; securityScript?: string };
}

/**
 * The login frame: two plain HTML forms, labelled and keyboard-complete, that the frame's
 * script (no inline script: the CSP allows only our own files) submits with fetch. The words
 * the script needs for errors travel as a JSON data block, which the CSP does not run.
 */
export function loginPage(options: LoginPageOptions): Promise<HtmlEscapedString> | HtmlEscapedString {
  const t = options.texts;
  const secondFactor = { ...secondFactorTexts(options.locale), 'field.password': t['field.password'] };
  // The password change's words only where it is shown: the sign-in page stays small.
  const passwordChange = options.mode === 'security' ? passwordChangeTexts(options.locale) : undefined;
  const guardian = guardianFrameTexts(options.locale);
  // Of the guardian words, the script needs only its refusals and "sent again" (the rest is in the HTML).
  const guardianScriptTexts = options.mode === 'security' ? {} : Object.fromEntries(Object.entries(guardian).filter(([key]) => key.startsWith('error.') || key.startsWith('status.')));
  const textsJson = JSON.stringify({ ...t, ...secondFactor, ...passwordChange, ...guardianScriptTexts }).replace(/</g, '\\u003c');
  return html`<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.mode === 'sign-up' ? t['title.signUp'] : options.mode === 'security' ? secondFactor['title.security'] : t['title.signIn']}</title>
<link rel="stylesheet" href="${options.assets.style}">
<script type="module" src="${options.assets.script}"></script>
<script type="module" src="${options.assets.secondFactorScript}"></script>
${options.mode === 'security' && options.assets.securityScript ? html`<script type="module" src="${options.assets.securityScript}"></script>` : ''}
${options.assets.resetScript ? html`<script type="module" src="${options.assets.resetScript}"></script>` : ''}
</head>
<body data-parent-origin="${options.parentOrigin}" data-publishable-key="${options.publishableKey}" data-mode="${options.mode}">
<main>
<section id="sign-in" aria-labelledby="sign-in-title"${options.mode === 'sign-in' ? '' : raw(' hidden')}>
  <h1 id="sign-in-title">${t['title.signIn']}</h1>
  <form id="sign-in-form" novalidate>
    <label for="sign-in-email">${t['field.email']}</label>
    <input id="sign-in-email" name="email" type="email" autocomplete="username" required maxlength="254" aria-describedby="sign-in-error">
    <label for="sign-in-password">${t['field.password']}</label>
    <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required maxlength="128" aria-describedby="sign-in-error">
    <p id="sign-in-error" class="error" role="alert"></p>
    <button type="submit">${t['action.signIn']}</button>
  </form>
  ${forgotPasswordButton(t)}
  ${options.signUp.open ? html`<p><button type="button" class="link" data-show="sign-up">${t['switch.toSignUp']}</button></p>` : ''}
</section>
<section id="sign-up" aria-labelledby="sign-up-title"${options.mode === 'sign-up' ? '' : raw(' hidden')}>
  <h1 id="sign-up-title">${t['title.signUp']}</h1>
  <form id="sign-up-form" novalidate data-policy-version="${options.signUp.policy?.version ?? ''}" data-terms-version="${options.signUp.terms?.version ?? ''}" data-locale="${options.locale}" data-minimum-age="${options.signUp.minimumAge}">
    <label for="sign-up-name">${t['field.name']}</label>
    <input id="sign-up-name" name="name" type="text" autocomplete="name" required maxlength="200">
    <label for="sign-up-email">${t['field.email']}</label>
    <input id="sign-up-email" name="email" type="email" autocomplete="email" required maxlength="254" aria-describedby="sign-up-error">
    <label for="sign-up-password">${t['field.password']}</label>
    <input id="sign-up-password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="128" aria-describedby="sign-up-password-hint sign-up-error">
    <p id="sign-up-password-hint" class="hint">${t['hint.password']}</p>
    ${ageField(options, guardian)}
    ${acceptanceField(options)}
    <p id="sign-up-error" class="error" role="alert"></p>
    <button type="submit">${t['action.signUp']}</button>
  </form>
  <p><button type="button" class="link" data-show="sign-in">${t['switch.toSignIn']}</button></p>
</section>
${options.mode === 'security' ? '' : guardianPendingSection(guardian)}
${resetRequestSection(t, options.locale)}
${secondFactorSections(secondFactor, passwordChange)}
<p id="status" role="status"></p>
</main>
<script type="application/json" id="texts">${raw(textsJson)}</script>
</body>
</html>`;
}

/** What a frame shows when it may not show the login (wrong key or origin); its CSP forbids framing it at all. */
export function refusedPage(texts: LoginTexts, locale: LoginLocale): Promise<HtmlEscapedString> | HtmlEscapedString {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${texts['title.signIn']}</title></head>
<body><main><p>${texts.refused}</p></main></body></html>`;
}

/**
 * The age question as the tenant's gate asks it: a date of birth, or "I am at least N". With
 * guardian consent on, the self-declaration has two answers (nothing pre-selected), and either
 * gate's answer below N shows the field for a parent's or guardian's email (login-frame-guardian.js).
 */
function ageField({ signUp, locale, texts }: LoginPageOptions, guardian: GuardianFrameTexts) {
  const guardianField = signUp.guardianConsent
    ? html`<div id="guardian-field" class="field" hidden>
    <label for="sign-up-guardian">${guardian['field.guardianEmail']}</label>
    <input id="sign-up-guardian" name="guardianEmail" type="email" autocomplete="off" maxlength="254" aria-describedby="sign-up-guardian-hint sign-up-error">
    <p id="sign-up-guardian-hint" class="hint">${guardian['hint.guardianEmail']}</p></div>`
    : '';
  if (signUp.ageGate === 'date_of_birth') {
    return html`<label for="sign-up-birth">${texts['field.dateOfBirth']}</label>
    <input id="sign-up-birth" name="dateOfBirth" type="date" required autocomplete="bday" aria-describedby="sign-up-birth-hint sign-up-error">
    <p id="sign-up-birth-hint" class="hint">${texts['hint.dateOfBirth']}</p>${guardianField}`;
  }
  if (!signUp.guardianConsent) return html`<label class="check"><input name="confirmedMinimumAge" type="checkbox" required> ${ageStatement(locale, signUp.minimumAge)}</label>`;
  return html`<fieldset id="sign-up-age"><legend>${guardian['legend.age']}</legend>
    <label class="check"><input name="ageAnswer" type="radio" value="at-least"> ${ageStatement(locale, signUp.minimumAge)}</label>
    <label class="check"><input name="ageAnswer" type="radio" value="under"> ${underAgeStatement(locale, signUp.minimumAge)}</label>
  </fieldset>${guardianField}`;
}

/** After a sign-up below the age (or a pending account's sign-in): the account waits for the guardian. */
function guardianPendingSection(texts: GuardianFrameTexts) {
  return html`<section id="guardian-pending" aria-labelledby="guardian-pending-title" hidden>
  <h1 id="guardian-pending-title" tabindex="-1">${texts['title.guardianPending']}</h1>
  <p>${texts['text.guardianPending']}</p>
  <p><button type="button" class="link" id="guardian-resend">${texts['action.guardianResend']}</button></p>
  <p id="guardian-resend-error" class="error" role="alert"></p>
</section>`;
}

/** The sentence whose hash the acceptance record keeps, with links to the texts it names. */
function acceptanceField({ signUp, locale, texts }: LoginPageOptions) {
  const statement = acceptanceStatement(locale, signUp);
  if (!statement) return html``;
  const links = [
    signUp.policy ? html`<a href="${signUp.policy.url}" target="_blank" rel="noopener">${texts['link.policy']}</a>` : '',
    signUp.terms ? html`<a href="${signUp.terms.url}" target="_blank" rel="noopener">${texts['link.terms']}</a>` : '',
  ].filter(Boolean);
  return html`<label class="check"><input name="accepted" type="checkbox" required> ${statement}</label>
    <p class="hint">${links.map((link, index) => html`${index > 0 ? ' · ' : ''}${link}`)}</p>`;
}

/** A page of one sentence (the result of a mail's link), in the frame's style. */
export function messagePage(texts: LoginTexts, locale: LoginLocale, message: string, style: string): Promise<HtmlEscapedString> | HtmlEscapedString {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${texts['title.verify']}</title>
<link rel="stylesheet" href="${style}"></head>
<body><main><h1>${texts['title.verify']}</h1><p role="status">${message}</p></main></body></html>`;
}
