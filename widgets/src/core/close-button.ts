import { css } from 'lit';

/**
 * The one close button of every PortTask dialog (consent preferences, port-call details): a
 * "×" of at least 44 × 44 px with the dialog's "Close" as its accessible name. A chunk of its
 * own, so the banner's lazy dialog can use it without loading the core, and the banner's first
 * load does not carry it.
 */
export const closeButtonStyles = css`
  .close {
    flex: none;
    min-inline-size: 2.75rem;
    min-block-size: 2.75rem;
    padding: 0;
    font: inherit;
    font-size: 1.5em;
    line-height: 1;
    color: var(--_porttask-color-text);
    background: none;
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius-small);
    cursor: pointer;
  }
`;
