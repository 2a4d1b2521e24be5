import { css } from 'lit';

export const scheduleStyles = css`
  :host {
    --_schedule-height: var(--porttask-schedule-height, 32rem);
    --_schedule-flash: var(--porttask-schedule-flash, #fff3b0);
    --_columns: minmax(11rem, 2fr) 5rem minmax(7rem, 1fr) 7rem repeat(3, minmax(9.5rem, 1.2fr)) 7rem minmax(11rem, 1fr);
    /* The sum of the columns' minimums, gaps and padding: rows and the scrolled area share it. */
    --_row-min-inline-size: 82rem;
    /* The toolbar and summary above the table. The element's height is fixed from the first
       paint (table + this), so nothing on the page moves when the calls arrive (CLS 0); the
       table gives or takes the few pixels a wrapped toolbar needs. */
    --_schedule-chrome: 7.5rem;
    block-size: calc(var(--_schedule-height) + var(--_schedule-chrome));
    container-type: inline-size;
  }

  /* Phones: the toolbar's fields stack. */
  @media (max-width: 40rem) {
    :host {
      --_schedule-chrome: 15.5rem;
    }
  }

  .base {
    display: flex;
    flex-direction: column;
    block-size: 100%;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_schedule-flash: var(--porttask-schedule-flash, #4a3f00);
    }
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_porttask-spacing-small) var(--_porttask-spacing-medium);
    padding: var(--_porttask-spacing-small) 0;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-extra-small);
    font-size: 0.875em;
  }

  input,
  select {
    font: inherit;
    font-size: 1rem;
    min-height: 2.75rem;
    padding: 0 var(--_porttask-spacing-small);
    color: var(--_porttask-color-text);
    background: var(--_porttask-color-background);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius-small);
  }

  .actions {
    display: flex;
    gap: var(--_porttask-spacing-small);
    margin-inline-start: auto;
  }

  button.secondary,
  button.sort {
    background: transparent;
    color: var(--_porttask-color-primary);
  }

  button.sort {
    border: 0;
    padding: 0;
    min-height: 2.75rem;
    font-weight: 600;
    text-align: start;
    color: inherit;
  }

  .summary {
    display: flex;
    gap: var(--_porttask-spacing-medium);
    margin: 0 0 var(--_porttask-spacing-small);
    color: var(--_porttask-color-text-muted);
  }

  .live::before {
    content: '';
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    margin-inline-end: 0.3em;
    border-radius: 50%;
    background: #1a7f37;
  }

  .live--reconnecting::before,
  .live--connecting::before {
    background: var(--_porttask-color-text-muted);
  }

  .viewport {
    position: relative;
    flex: 1 1 0;
    min-block-size: 8rem;
    overflow: auto;
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius);
    overscroll-behavior: contain;
  }

  .header {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    background: var(--_porttask-color-surface);
    min-inline-size: var(--_row-min-inline-size);
  }

  .sizer {
    position: relative;
    contain: strict;
    /* Paint containment clips at the box: it must be as wide as the rows, or the last column
       is cut off when the viewport is narrower than a row. */
    min-inline-size: var(--_row-min-inline-size);
  }

  .window {
    will-change: transform;
  }

  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    gap: var(--_porttask-spacing-small);
    block-size: 3.5rem;
    padding: 0 var(--_porttask-spacing-small);
    border-block-end: 1px solid var(--_porttask-color-surface);
    /* The sum of the columns' minimums: a fixed width spares the browser measuring every
       row's content (max-content) on each scroll frame. */
    min-inline-size: var(--_row-min-inline-size);
    contain: layout paint;
  }

  .row--header {
    block-size: 3rem;
  }

  .row[tabindex] {
    cursor: pointer;
  }

  .row:focus-visible {
    outline-offset: calc(-1 * var(--_porttask-focus-ring-width));
  }

  .row--active {
    background: var(--_porttask-color-surface);
  }

  .row--flash {
    animation: porttask-flash 1.6s ease-out;
  }

  @keyframes porttask-flash {
    from {
      background: var(--_schedule-flash);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .row--flash {
      animation: none;
      background: var(--_schedule-flash);
    }
  }

  .cell {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  /* What does not fit ends in an ellipsis; the full text is in the title (hover) and in the
     details (Enter or tap). Flex items need their own overflow rules. */
  .cell > strong,
  .cell > small,
  .cell > .time,
  .cell > .status,
  .sort {
    max-inline-size: 100%;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  .time-meta {
    display: flex;
    align-items: center;
    gap: var(--_porttask-spacing-extra-small);
  }

  small,
  .zone {
    font-size: 0.8em;
    color: var(--_porttask-color-text-muted);
  }

  .badge {
    display: inline-block;
    padding: 0 0.35em;
    border-radius: var(--_porttask-radius-small);
    border: 1px solid currentColor;
    font-size: 0.75em;
    font-weight: 600;
    text-decoration: none;
  }

  .badge--act {
    color: #1a7f37;
  }

  .badge--est {
    color: #8a5a00;
  }

  .badge--pln,
  .badge--req {
    color: var(--_porttask-color-text-muted);
  }

  @media (prefers-color-scheme: dark) {
    .badge--act {
      color: #6fdd8b;
    }

    .badge--est {
      color: #f2c14e;
    }
  }

  .late {
    color: var(--_porttask-color-danger);
    font-weight: 600;
  }

  .status {
    font-weight: 600;
  }

  .detail {
    max-inline-size: min(40rem, 100vw - 2rem);
    color: var(--_porttask-color-text);
    background: var(--_porttask-color-background);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius);
  }

  .detail__header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_porttask-spacing-medium);
  }

  .detail h2,
  .detail h3 {
    margin: 0;
  }

  .timeline {
    display: flex;
    flex-direction: column;
    gap: var(--_porttask-spacing-small);
    padding-inline-start: 1.25rem;
  }

  .timeline__item {
    display: flex;
    flex-direction: column;
  }

  /* Narrower than all nine columns (a laptop's content column, a tablet): the voyage and the
     last change move to the details, then the berth and berthing, so nothing scrolls sideways
     until the phone layout takes over. Each step sets the columns and their summed minimum. */
  @container (max-width: 82rem) {
    .viewport {
      --_columns: minmax(11rem, 2fr) minmax(7rem, 1fr) 7rem repeat(3, minmax(9.5rem, 1.2fr)) 7rem;
      --_row-min-inline-size: 65rem;
    }

    .cell--voyage,
    .cell--updated {
      display: none;
    }
  }

  @container (max-width: 65rem) {
    .viewport {
      --_columns: minmax(11rem, 2fr) 7rem repeat(2, minmax(9.5rem, 1.2fr));
      --_row-min-inline-size: 40rem;
    }

    .cell--berth,
    .cell--berthing,
    .cell--delay {
      display: none;
    }
  }

  /* Phones: the columns that matter most; the rest is one Enter or tap away (details). */
  @container (max-width: 40rem) {
    /* A container query styles the container's descendants, never :host itself. */
    .viewport {
      /* Arrival keeps room for a whole time ("25. Nov., 07:11"); vessel and status share the rest. */
      --_columns: minmax(0, 1.4fr) minmax(0, 1fr) minmax(8.5rem, 1.2fr);
    }

    .cell--voyage,
    .cell--berth,
    .cell--berthing,
    .cell--departure,
    .cell--delay,
    .cell--updated {
      display: none;
    }

    .viewport {
      --_row-min-inline-size: 0;
    }

    .actions {
      margin-inline-start: 0;
    }
  }
`;
