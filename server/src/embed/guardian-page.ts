import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { GuardianRequestView } from '../accounts/guardian/guardian-consents.ts';
import { guardianStatement } from '../accounts/guardian/guardian-statement.ts';
import type { GuardianPageTexts } from './guardian-page-texts.ts';
import type { LoginLocale } from './login-texts.ts';

type Page = Promise<HtmlEscapedString> | HtmlEscapedString;

export interface GuardianPageOptions {
  locale: LoginLocale;
  texts: GuardianPageTexts;
  request: GuardianRequestView;
  /** The link's own parameters, posted back with the form. */
  link: { tenant: string; environment: string; token: string };
  /** What the guardian typed, shown again with the refusal of a field. */
  typed?: { declared: boolean; guardianName: string };
  error?: { field: 'declared' | 'name'; message: string };
  style: string;
}

/**
 * The page a guardian mail's link opens: who asks (organisation, website, the child's masked
 * address), what the child accepted (policy and terms, linked), and one plain HTML form (no
 * script: the CSP allows none) with the declaration, the guardian's name and the two answers,
 * each beside the exact statement whose SHA-256 the record keeps.
 */
export function guardianPage(options: GuardianPageOptions): Page {
  const { texts: t, request, locale } = options;
  const facts = request.facts;
  const documents = [
    request.policyUrl && facts.policyVersion ? html`<li><a href="${request.policyUrl}" target="_blank" rel="noopener">${t['link.policy'].replace('{version}', facts.policyVersion)}</a></li>` : '',
    request.termsUrl && facts.termsVersion ? html`<li><a href="${request.termsUrl}" target="_blank" rel="noopener">${t['link.terms'].replace('{version}', facts.termsVersion)}</a></li>` : '',
  ].filter(Boolean);
  const answerBy = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(request.expiresAt);
  const declaredInvalid = options.error?.field === 'declared';
  const nameInvalid = options.error?.field === 'name';
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<link rel="stylesheet" href="${options.style}"></head>
<body><main>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<dl class="facts">
  <dt>${t['fact.organisation']}</dt><dd>${facts.organisation}</dd>
  <dt>${t['fact.service']}</dt><dd>${facts.service}</dd>
  <dt>${t['fact.account']}</dt><dd>${facts.child}</dd>
  <dt>${t['fact.answerBy']}</dt><dd>${answerBy}</dd>
</dl>
${documents.length > 0 ? html`<h2>${t['fact.documents']}</h2><ul>${documents}</ul>` : ''}
<form method="post" action="/embed/guardian-consent">
  <input type="hidden" name="tenant" value="${options.link.tenant}">
  <input type="hidden" name="environment" value="${options.link.environment}">
  <input type="hidden" name="token" value="${options.link.token}">
  <input type="hidden" name="locale" value="${locale}">
  <label class="check"><input id="guardian-declared" name="declared" type="checkbox"${options.typed?.declared ? html` checked` : ''}
    aria-describedby="guardian-error"${declaredInvalid ? html` aria-invalid="true" autofocus` : ''}> ${t['field.declared']}</label>
  <label for="guardian-name">${t['field.name']}</label>
  <input id="guardian-name" name="guardianName" type="text" autocomplete="name" maxlength="200" value="${options.typed?.guardianName ?? ''}"
    aria-describedby="guardian-name-hint guardian-error"${nameInvalid ? html` aria-invalid="true" autofocus` : ''}>
  <p id="guardian-name-hint" class="hint">${t['hint.name']}</p>
  <p id="guardian-error" class="error" role="alert">${options.error?.message ?? ''}</p>
  <fieldset>
    <legend>${t['legend.answer']}</legend>
    <p id="statement-consent">${guardianStatement(locale, 'consent', facts)}</p>
    <button type="submit" name="decision" value="consent" aria-describedby="statement-consent">${t['action.consent']}</button>
    <p id="statement-refuse">${guardianStatement(locale, 'refuse', facts)}</p>
    <button type="submit" name="decision" value="refuse" class="secondary" aria-describedby="statement-refuse">${t['action.refuse']}</button>
  </fieldset>
</form>
</main></body></html>`;
}
