import { css } from 'lit';

export const loginStyles = css`
  :host {
    display: block;
    font-family: var(--_porttask-font-family);
    font-size: var(--_porttask-font-size);
    line-height: var(--_porttask-line-height);
    color: var(--_porttask-color-text);
  }
  :host([hidden]) {
    display: none;
  }
  iframe {
    display: block;
    width: 100%;
    min-height: 22rem;
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius);
    background: var(--_porttask-color-background);
  }
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_porttask-spacing-small);
    margin: 0;
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    padding: var(--_porttask-spacing-extra-small) var(--_porttask-spacing-medium);
    border: 1px solid var(--_porttask-color-primary);
    border-radius: var(--_porttask-radius-small);
    background: var(--_porttask-color-background);
    color: var(--_porttask-color-primary);
    cursor: pointer;
  }
  button:focus-visible {
    outline: var(--_porttask-focus-ring-width) solid var(--_porttask-color-focus-ring);
    outline-offset: var(--_porttask-focus-ring-offset);
  }
  .muted {
    color: var(--_porttask-color-text-muted);
  }
`;
