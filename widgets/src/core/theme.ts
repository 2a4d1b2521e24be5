import { css, type CSSResultGroup } from 'lit';
import { themeTokens } from './theme-tokens.ts';

/** The tokens (theme-tokens.ts) plus the shared styles of focus, buttons and the element's box. */
export const theme: CSSResultGroup = [
  themeTokens,
  css`
  /* Paint our own background: in dark mode on a light page, light text must not sit on white. */
  .base {
    background: var(--_porttask-color-background);
  }


  :focus-visible {
    outline: var(--_porttask-focus-ring-width) solid var(--_porttask-color-focus-ring);
    outline-offset: var(--_porttask-focus-ring-offset);
  }

  button {
    font: inherit;
    cursor: pointer;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
    border-radius: var(--_porttask-radius-small);
    border: 1px solid var(--_porttask-color-primary);
    background: var(--_porttask-color-primary);
    color: var(--_porttask-color-on-primary);
    transition: filter var(--_porttask-transition-duration) ease-in-out;
  }

  button:hover {
    filter: brightness(1.1);
  }
`,
];
