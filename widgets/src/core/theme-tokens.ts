import { css } from 'lit';

/**
 * Design tokens shared by every element, and the few host rules every element needs. Kept
 * apart from theme.ts (controls, focus, states) so the lightest element, the consent banner,
 * can take the tokens alone: the build puts this module in the small `base` chunk.
 *
 * Pages theme PortTask with the public `--porttask-*` custom properties, set anywhere above
 * the element (`:root { --porttask-color-primary: #7a1f5c; }`). Inside, elements read the
 * private `--_porttask-*` copies declared on `:host`, each falling back to our default. The
 * indirection matters: declaring `--porttask-*` itself on `:host` would hide the page's value
 * inherited from an ancestor.
 *
 * Defaults meet WCAG 2.2 AA in both schemes: text on background ≥ 4.5:1 (muted text too),
 * borders and the focus ring ≥ 3:1 against the background.
 */
export const themeTokens = css`
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
    --_porttask-color-danger: var(--porttask-color-danger, #b3261e);
    --_porttask-color-danger-surface: var(--porttask-color-danger-surface, #fdecea);
    --_porttask-color-focus-ring: var(--porttask-color-focus-ring, #0b5cad);

    --_porttask-radius: var(--porttask-radius, 0.5rem);
    --_porttask-radius-small: var(--porttask-radius-small, 0.25rem);
    --_porttask-spacing-extra-small: var(--porttask-spacing-extra-small, 0.25rem);
    --_porttask-spacing-small: var(--porttask-spacing-small, 0.5rem);
    --_porttask-spacing-medium: var(--porttask-spacing-medium, 1rem);
    --_porttask-spacing-large: var(--porttask-spacing-large, 1.5rem);
    --_porttask-focus-ring-width: var(--porttask-focus-ring-width, 3px);
    --_porttask-focus-ring-offset: var(--porttask-focus-ring-offset, 2px);
    --_porttask-transition-duration: var(--porttask-transition-duration, 150ms);

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
      --_porttask-color-danger: var(--porttask-color-danger, #ffb4ab);
      --_porttask-color-danger-surface: var(--porttask-color-danger-surface, #3c1512);
      --_porttask-color-focus-ring: var(--porttask-color-focus-ring, #8cc2ff);
      color-scheme: dark;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_porttask-transition-duration: 0ms;
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
