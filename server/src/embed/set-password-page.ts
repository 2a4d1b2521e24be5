import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { SetPasswordTarget } from '../accounts/set-password-tokens.ts';
import type { LoginLocale } from './login-texts.ts';
import type { SetPasswordTexts } from './set-password-texts.ts';

type Page = Promise<HtmlEscapedString> | HtmlEscapedString;

export interface SetPasswordForm {
  locale: LoginLocale;
  texts: SetPasswordTexts;
  target: SetPasswordTarget;
  /** The link's own parameters, posted back with the form. */
  link: { tenant: string; environment: string; token: string };
  /** A refusal of the password policy, shown beside the field. */
  error?: string;
  style: string;
}

/**
 * The set-password page of a reset or invitation mail's link: one plain HTML form that posts
 * to its own URL, so the page needs no script at all (its CSP allows none). The email sits in
 * a read-only username field so password managers file the new password under it.
 */
export function setPasswordPage(form: SetPasswordForm): Page {
  const t = form.texts;
  const invitation = form.target.invitation;
  const title = invitation ? t['title.invitation'] : t['title.reset'];
  const intro = (invitation ? t['intro.invitation'] : t['intro.reset'])
    .replace('{email}', form.target.email)
    .replace('{role}', invitation ? t[`role.${invitation.role}` as keyof SetPasswordTexts] ?? invitation.role : '');
  return html`<!doctype html>
<html lang="${form.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="${form.style}"></head>
<body><main>
<h1>${title}</h1>
<p>${intro}</p>
<form method="post" action="/embed/reset-password">
  <input type="hidden" name="tenant" value="${form.link.tenant}">
  <input type="hidden" name="environment" value="${form.link.environment}">
  <input type="hidden" name="token" value="${form.link.token}">
  <input type="hidden" name="locale" value="${form.locale}">
  <input type="email" name="username" value="${form.target.email}" autocomplete="username" readonly hidden>
  <label for="new-password">${t['field.password']}</label>
  <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="128"
    aria-describedby="new-password-hint new-password-error"${form.error ? html` aria-invalid="true" autofocus` : ''}>
  <p id="new-password-hint" class="hint">${t['hint.password']}</p>
  <p id="new-password-error" class="error" role="alert">${form.error ?? ''}</p>
  <button type="submit">${t['action.save']}</button>
</form>
</main></body></html>`;
}

/** The outcome: saved, or the link no longer works. */
export function setPasswordResult(locale: LoginLocale, title: string, message: string, style: string): Page {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="${style}"></head>
<body><main><h1>${title}</h1><p role="status">${message}</p></main></body></html>`;
}
