import type { ConsentSource, WidgetConfig } from '@porttask/sdk';
import { activateScripts, clearCookies } from '../../consent/effects.ts';
import type { ConsentLocalize, TextKey } from '../../consent/localize.ts';
import { grantedSignals, textHash } from '../../consent/decision-rules.ts';
import { writeDecision, type StoredDecision } from '../../consent/storage.ts';
import { randomToken, subjectId } from '../../consent/subject.ts';
import { deepActiveElement } from './deep-active-element.ts';

/*
 * What the banner does once there is something to decide or to apply: a decision made and kept
 * on the device, its effects on the page (held-back scripts, cookies), and where
 * focus goes after it. A chunk of its own, out of the banner's first load: the banner fetches
 * it right after its first frame, or at once for a returning visitor whose decision applies now.
 */

export { clearCookies };
export { acceptAllChoices, choicesUnderGpc, grantedSignals, refusedCookiePatterns, rejectAllChoices } from '../../consent/decision-rules.ts';

const DAY_MS = 86_400_000;

/** Everything the two layers say, hashed into the record as proof of what was shown. */
export function shownText(localize: ConsentLocalize, config: WidgetConfig, gpc: boolean): string {
  const keys: TextKey[] = ['title', 'description', 'policyLink', 'acceptAll', 'rejectAll', 'customise', 'preferencesTitle', 'close', 'alwaysOn', 'save'];
  return JSON.stringify([
    localize.locale,
    config.policy,
    ...keys.map((key) => localize.text(key)),
    localize.gpcNotice(gpc),
    ...config.consent.purposes.map((purpose) => localize.purposeText(purpose)),
  ]);
}

/** Applies choices to the page besides Consent Mode (the banner sets that at once): the scripts they allow, and cookies they refuse. */
export function applyToPage(choices: Record<string, boolean>, refusedCookies: string[]): void {
  activateScripts(new Set(Object.keys(choices).filter((key) => choices[key])));
  clearCookies(refusedCookies);
}

export interface Decided {
  decision: StoredDecision;
  /** SHA-256 of what the visitor was shown; undefined when it could not be computed (no proof to send). */
  bannerTextHash: string | undefined;
}

/**
 * A decision under the configuration's published policy, kept on the device (the banner then
 * applies it to the page). `shown` is what the two layers said (shownText), hashed into the record as proof.
 */
export async function decide(config: WidgetConfig & { policy: NonNullable<WidgetConfig['policy']> }, tenantId: string, choices: Record<string, boolean>, source: ConsentSource, gpc: boolean, shown: string): Promise<Decided> {
  const consent = config.consent;
  const now = new Date();
  // Plain-http pages hash with a chunk of their own; if it cannot load, the decision still
  // holds on this device, but cannot be proven to the server.
  const bannerTextHash = await textHash(shown).catch((error: unknown) => {
    console.warn('PortTask: the consent decision applies on this device but could not be sent.', error);
    return undefined;
  });
  const decision: StoredDecision = {
    subjectId: subjectId(tenantId),
    choices,
    policyVersion: config.policy.version,
    decidedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + consent.expiryDays * DAY_MS).toISOString(),
    source,
    gpc,
    signals: grantedSignals(consent, choices),
    key: randomToken(),
  };
  writeDecision(tenantId, decision); // on the device first
  return { decision, bannerTextHash };
}

/**
 * Focus fell to the page's body (the element that had it was removed with the banner): back to
 * where the visitor came from, else to the page's preferences control.
 */
export function keepFocusOnPage(focusBefore: HTMLElement | null): void {
  const active = deepActiveElement();
  if (active && active !== document.body) return;
  const target = [focusBefore, document.querySelector('porttask-consent-preferences')].find((element) => element instanceof HTMLElement && element.isConnected);
  (target as HTMLElement | undefined)?.focus();
}

export interface FocusWatch {
  /** Where focus was before the visitor moved into the banner (e.g. by Tab from the page). */
  before(): HTMLElement | null;
  stop(): void;
}

/**
 * While the banner is on the page: notes where focus came from as it moves into the banner (to
 * give it back after a decision), and scrolls what takes focus on the page out from under the
 * open first layer (WCAG 2.4.11: focus must not sit hidden under it).
 */
export function watchFocus(host: HTMLElement, openBanner: () => Element | null | undefined): FocusWatch {
  let before: HTMLElement | null = null;
  const note = (event: FocusEvent) => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && from !== host && !host.contains(from)) before = from;
  };
  const reveal = (event: FocusEvent) => {
    const banner = openBanner()?.getBoundingClientRect();
    const target = event.target;
    if (!banner || !(target instanceof Element) || target === host) return;
    const focused = target.getBoundingClientRect();
    if (focused.bottom > banner.top && focused.top < banner.bottom) scrollBy(0, focused.bottom - banner.top + 16);
  };
  host.addEventListener('focusin', note);
  document.addEventListener('focusin', reveal);
  return {
    before: () => before,
    stop() {
      host.removeEventListener('focusin', note);
      document.removeEventListener('focusin', reveal);
    },
  };
}
