import { css } from 'lit';

/*
 * The first layer's styles; the dialog's are in consent-dialog.ts, loaded with it.
 * The banner floats over the page (fixed, in its own layer), so showing or hiding it never
 * moves the host page's content. All styling is in constructable stylesheets: nothing here
 * needs `style-src 'unsafe-inline'`.
 */
export const consentBannerStyles = css`
  :host {
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    z-index: 2147483000;
    pointer-events: none;
  }

  .banner {
    pointer-events: auto;
    max-inline-size: 60rem;
    margin: var(--_porttask-spacing-medium) auto;
    margin-inline: max(var(--_porttask-spacing-medium), calc((100vw - 60rem) / 2));
    padding: var(--_porttask-spacing-large);
    background: var(--_porttask-color-background);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.25);
  }

  ::slotted([slot='logo']) {
    display: block;
    max-block-size: 2rem;
    margin-block-end: var(--_porttask-spacing-small);
  }

  h2 {
    margin: 0 0 var(--_porttask-spacing-small);
    font-size: 1.25em;
    line-height: 1.3;
  }

  p {
    margin: 0 0 var(--_porttask-spacing-medium);
  }

  a {
    color: var(--_porttask-color-primary);
  }

  .notice {
    padding: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
    border-inline-start: 4px solid var(--_porttask-color-primary);
    background: var(--_porttask-color-surface);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_porttask-spacing-small);
  }

  /* Accept, Reject and Customise look exactly alike: no choice is nudged. */
  .button {
    flex: 1 1 10rem;
    min-block-size: 2.75rem;
    padding: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
    font: inherit;
    font-weight: 600;
    color: var(--_porttask-color-on-primary);
    background: var(--_porttask-color-primary);
    border: 2px solid var(--_porttask-color-primary);
    border-radius: var(--_porttask-radius-small);
    cursor: pointer;
  }

  /* Phones: at most a third of the screen, so the page stays usable around it. Smaller type and
     spacing, and the three choices side by side (still of equal size; long labels wrap). */
  @media (max-width: 40rem) {
    .banner {
      margin: var(--_porttask-spacing-small);
      padding: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
      font-size: 0.875em;
      line-height: 1.4;
    }

    h2 {
      margin-block-end: var(--_porttask-spacing-extra-small);
      font-size: 1.125em;
    }

    p {
      margin-block-end: var(--_porttask-spacing-small);
    }

    /* Equal widths on one row, but never narrower than a label's longest word (never cut);
       longer labels wrap inside their button. */
    .button {
      flex: 1 1 0;
      min-inline-size: min-content;
      padding-inline: var(--_porttask-spacing-small);
    }
  }

  button:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: var(--_porttask-focus-ring-width) solid var(--_porttask-color-focus-ring);
    outline-offset: var(--_porttask-focus-ring-offset);
  }
`;
