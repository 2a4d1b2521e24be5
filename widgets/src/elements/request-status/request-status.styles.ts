import { css } from 'lit';

export const requestStatusStyles = css`
  :host {
    container-type: inline-size;
  }

  .status-badge {
    display: inline-block;
    padding: 0 var(--_porttask-spacing-small);
    border: 1px solid currentColor;
    border-radius: var(--_porttask-radius-small);
    font-weight: 600;
  }

  .timeline ol {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-small);
    margin: var(--_porttask-spacing-small) 0 0;
    padding: 0;
    list-style: none;
    border-inline-start: 2px solid var(--_porttask-color-border);
  }

  .timeline li {
    display: flex;
    flex-direction: column;
    padding-inline-start: var(--_porttask-spacing-medium);
  }

  .timeline time {
    font-size: 0.875em;
    color: var(--_porttask-color-text-muted);
  }

  .event {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .reason {
    overflow-wrap: anywhere;
  }

  .download {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-extra-small);
  }

  .download a {
    font-weight: 600;
  }

  .withdraw-question {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-small);
    padding: var(--_porttask-spacing-medium);
    border: 1px solid var(--_porttask-color-danger);
    border-radius: var(--_porttask-radius-small);
  }

  .withdraw-question p:focus {
    outline: none;
  }
`;
