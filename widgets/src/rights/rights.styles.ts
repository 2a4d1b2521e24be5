import { css } from 'lit';

/** What both rights widgets share: headings, fields, messages, secondary buttons, the hidden live region. */
export const rightsStyles = css`
  :host {
    max-inline-size: var(--porttask-rights-max-width, 40rem);
  }

  .panel {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-medium);
    padding: var(--_porttask-spacing-medium);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius);
  }

  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }

  h2 {
    font-size: 1.25em;
  }

  h3 {
    font-size: 1em;
  }

  h2:focus {
    outline: none;
  }

  p {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .muted,
  .hint {
    color: var(--_porttask-color-text-muted);
  }

  .hint {
    font-size: 0.875em;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-extra-small);
  }

  label,
  legend {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  input,
  textarea {
    font: inherit;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: var(--_porttask-spacing-small);
    color: var(--_porttask-color-text);
    background: var(--_porttask-color-background);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius-small);
  }

  textarea {
    min-block-size: 6rem;
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_porttask-color-danger);
    border-width: 2px;
  }

  .field-error,
  .problem {
    color: var(--_porttask-color-danger);
    font-weight: 600;
  }

  .problem {
    padding: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
    border: 1px solid var(--_porttask-color-danger);
    border-radius: var(--_porttask-radius-small);
    background: var(--_porttask-color-danger-surface);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_porttask-spacing-small);
    align-items: center;
  }

  button.secondary {
    background: transparent;
    color: var(--_porttask-color-primary);
  }

  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
    filter: none;
  }

  a {
    color: var(--_porttask-color-primary);
    overflow-wrap: anywhere;
  }

  .facts {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: var(--_porttask-spacing-extra-small) var(--_porttask-spacing-medium);
    margin: 0;
  }

  .facts dt {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .reference {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
  }

  /* Read by screen readers, invisible on screen. (The ellipsis tells the clipped-text test
     that cutting this text is meant: nobody sees it.) */
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    text-overflow: ellipsis;
    border: 0;
  }

  @container (max-width: 24rem) {
    .facts {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
