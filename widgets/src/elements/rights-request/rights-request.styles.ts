import { css } from 'lit';

export const rightsRequestStyles = css`
  :host {
    container-type: inline-size;
  }

  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-small);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  legend {
    padding: 0;
    margin-block-end: var(--_porttask-spacing-small);
  }

  .type-option {
    display: flex;
    gap: var(--_porttask-spacing-small);
    align-items: flex-start;
    padding: var(--_porttask-spacing-small);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius-small);
    font-weight: normal;
    cursor: pointer;
  }

  .type-option:has(input:checked) {
    border-color: var(--_porttask-color-primary);
    border-width: 2px;
  }

  .type-option input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    min-block-size: 0;
    margin: 0.125rem 0 0;
    flex: none;
    accent-color: var(--_porttask-color-primary);
  }

  .type-text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }

  .type-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .grievance {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-extra-small);
    padding: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
    background: var(--_porttask-color-surface);
    border-radius: var(--_porttask-radius-small);
  }

  input.code {
    max-inline-size: 12rem;
    font-size: 1.5em;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }
`;
