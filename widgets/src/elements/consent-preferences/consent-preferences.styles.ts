import { css } from 'lit';

export const consentPreferencesStyles = css`
  :host {
    display: inline-block;
  }

  button {
    padding: var(--_porttask-spacing-extra-small) var(--_porttask-spacing-small);
    font: inherit;
    color: var(--_porttask-color-primary);
    background: none;
    border: 0;
    text-decoration: underline;
    cursor: pointer;
  }

  button:focus-visible {
    outline: var(--_porttask-focus-ring-width) solid var(--_porttask-color-focus-ring);
    outline-offset: var(--_porttask-focus-ring-offset);
  }
`;
