import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows rendered above and below the visible ones, so fast scrolling never shows a gap. */
const OVERSCAN = 4;

type ListHost = ReactiveControllerHost & HTMLElement;

/**
 * Keeps only the rows in view in the DOM. The table renders `range()` and the sizes it reports
 * as `data-height` / `data-offset`; this applies them through the CSSOM (style attributes are
 * blocked by a strict CSP without 'unsafe-inline'), follows scrolling, and scrolls a row into
 * view for the keyboard. Row and viewport heights are read when they change (ResizeObserver),
 * never during an update: reading layout there would force a layout mid-frame on every scroll.
 */
export class VirtualList implements ReactiveController {
  rowHeight = 56;
  viewportHeight = 512;
  firstVisible = 0;
  #resizeObserver: ResizeObserver | undefined;
  #observed: HTMLElement | undefined;

  constructor(
    private readonly host: ListHost,
    private readonly viewport: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  /** The rows to render (with overscan) for `count` rows. */
  range(count: number): { first: number; last: number } {
    const first = Math.max(0, this.firstVisible - OVERSCAN);
    const last = Math.min(count, this.firstVisible + Math.ceil(this.viewportHeight / this.rowHeight) + OVERSCAN);
    return { first, last };
  }

  /** Rows that fit on one screen, for Page Up / Page Down. */
  get rowsPerPage(): number {
    return Math.floor(this.viewportHeight / this.rowHeight);
  }

  readonly onScroll = (event: Event): void => {
    const first = Math.floor((event.currentTarget as HTMLElement).scrollTop / this.rowHeight);
    if (first === this.firstVisible) return;
    this.firstVisible = first;
    this.host.requestUpdate();
  };

  hostUpdated(): void {
    const viewport = this.viewport();
    if (!viewport) return;
    this.#applyGeometry(viewport);
    this.#observeSize(viewport);
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
    this.#observed = undefined;
  }

  /** Scrolls just enough to show row `index` below the sticky header. */
  scrollIntoView(index: number): void {
    const viewport = this.viewport();
    if (!viewport) return;
    this.#applyGeometry(viewport);
    const header = viewport.querySelector<HTMLElement>('.header')?.offsetHeight ?? 0;
    const top = index * this.rowHeight;
    const visibleHeight = viewport.clientHeight - header;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + this.rowHeight > viewport.scrollTop + visibleHeight) viewport.scrollTop = top + this.rowHeight - visibleHeight;
    this.firstVisible = Math.floor(viewport.scrollTop / this.rowHeight);
  }

  #applyGeometry(viewport: HTMLElement): void {
    const sizer = viewport.querySelector<HTMLElement>('.sizer');
    const window = viewport.querySelector<HTMLElement>('.window');
    if (!sizer || !window) return;
    sizer.style.height = `${sizer.dataset['height']}px`;
    window.style.transform = `translateY(${window.dataset['offset']}px)`;
  }

  #observeSize(viewport: HTMLElement): void {
    if (this.#observed === viewport) return;
    this.#resizeObserver?.disconnect();
    this.#observed = viewport;
    this.#resizeObserver = new ResizeObserver(() => {
      const row = viewport.querySelector<HTMLElement>('[part~="row"]');
      const rowHeight = row?.offsetHeight || this.rowHeight;
      if (rowHeight !== this.rowHeight || viewport.clientHeight !== this.viewportHeight) {
        this.rowHeight = rowHeight;
        this.viewportHeight = viewport.clientHeight;
        this.host.requestUpdate();
      }
    });
    this.#resizeObserver.observe(viewport);
    const firstRow = viewport.querySelector<HTMLElement>('[part~="row"]');
    if (firstRow) this.#resizeObserver.observe(firstRow);
  }
}
