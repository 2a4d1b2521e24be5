import { css } from 'lit';
import type { PortTaskPageSettings } from '../../core/page-settings.ts';

/*
 * What the consent elements need from the core, without importing the core. The build puts
 * all of widgets/src/core (with the SDK and its ky transport) into one shared `core` chunk, so
 * importing even one small module from there would add ~8 KB gzip to the banner's first
 * load, whose budget is 15 KB with Lit and the loader (DESIGN §7b). Type imports are free.
 * Keep these in step with core/define.ts, core/events.ts, core/page-settings.ts and
 * core/theme.ts; consent-banner.test.ts checks that the theme tokens match.
 */

/** As core/define.ts: the first definition of a tag wins; never throws into the page. */
export function defineConsentElement(tagName: string, elementClass: CustomElementConstructor): void {
  const existing = customElements.get(tagName);
  if (!existing) customElements.define(tagName, elementClass);
  else if (existing !== elementClass) console.warn(`PortTask: <${tagName}> is already defined by another copy of the PortTask widgets; keeping the first one.`);
}

/** As core/events.ts: PortTask events bubble and cross shadow roots. */
export function dispatchConsentEvent<Detail>(target: EventTarget, name: string, detail: Detail): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** The loader's settings (core/page-settings.ts). */
export const loaderSettings = (): PortTaskPageSettings | undefined => globalThis.PortTask;

/** The design tokens of core/theme.ts that the consent elements use, with the same defaults. */
export const consentTheme = css`
  :host {
    --_porttask-font-family: var(
      --porttask-font-family,
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Devanagari', sans-serif
    );
    --_porttask-font-size: var(--porttask-font-size, 1rem);
    --_porttask-line-height: var(--porttask-line-height, 1.5);
    --_porttask-color-background: var(--porttask-color-background, #ffffff);
    --_porttask-color-surface: var(--porttask-color-surface, #f3f5f7);
    --_porttask-color-text: var(--porttask-color-text, #1b1f24);
    --_porttask-color-text-muted: var(--porttask-color-text-muted, #4b5563);
    --_porttask-color-border: var(--porttask-color-border, #767f8c);
    --_porttask-color-primary: var(--porttask-color-primary, #0b5cad);
    --_porttask-color-on-primary: var(--porttask-color-on-primary, #ffffff);
    --_porttask-color-focus-ring: var(--porttask-color-focus-ring, #0b5cad);
    --_porttask-radius: var(--porttask-radius, 0.5rem);
    --_porttask-radius-small: var(--porttask-radius-small, 0.25rem);
    --_porttask-spacing-extra-small: var(--porttask-spacing-extra-small, 0.25rem);
    --_porttask-spacing-small: var(--porttask-spacing-small, 0.5rem);
    --_porttask-spacing-medium: var(--porttask-spacing-medium, 1rem);
    --_porttask-spacing-large: var(--porttask-spacing-large, 1.5rem);
    --_porttask-focus-ring-width: var(--porttask-focus-ring-width, 3px);
    --_porttask-focus-ring-offset: var(--porttask-focus-ring-offset, 2px);

    display: block;
    box-sizing: border-box;
    color: var(--_porttask-color-text);
    font-family: var(--_porttask-font-family);
    font-size: var(--_porttask-font-size);
    line-height: var(--_porttask-line-height);
    color-scheme: light;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_porttask-color-background: var(--porttask-color-background, #16191d);
      --_porttask-color-surface: var(--porttask-color-surface, #20252b);
      --_porttask-color-text: var(--porttask-color-text, #e8eaed);
      --_porttask-color-text-muted: var(--porttask-color-text-muted, #b3bac4);
      --_porttask-color-border: var(--porttask-color-border, #7f8995);
      --_porttask-color-primary: var(--porttask-color-primary, #8cc2ff);
      --_porttask-color-on-primary: var(--porttask-color-on-primary, #0a1a2c);
      --_porttask-color-focus-ring: var(--porttask-color-focus-ring, #8cc2ff);
      color-scheme: dark;
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/** Token names the theme test compares with core/theme.ts. */
export const CONSENT_THEME_TOKENS = [
  'font-family', 'font-size', 'line-height', 'color-background', 'color-surface', 'color-text', 'color-text-muted',
  'color-border', 'color-primary', 'color-on-primary', 'color-focus-ring', 'radius', 'radius-small',
  'spacing-extra-small', 'spacing-small', 'spacing-medium', 'spacing-large', 'focus-ring-width', 'focus-ring-offset',
] as const;
