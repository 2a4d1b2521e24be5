import type { PortCallListItem } from '@porttask/sdk';

const FLASH_MS = 1_600;

/**
 * Live changes that arrive together (a partner's import of a thousand calls comes in a few
 * network reads) are applied together, after the task that read them: one re-sort each time,
 * not one per event (which froze the page for seconds). Rows that changed flash for a moment.
 */
export class LiveQueue {
  readonly #queue: PortCallListItem[] = [];
  readonly #flashUntil = new Map<string, number>();

  /** `apply` takes a batch and returns the calls that changed what is shown. */
  constructor(
    private readonly apply: (calls: PortCallListItem[]) => readonly PortCallListItem[],
    private readonly requestUpdate: () => void,
  ) {}

  push(call: PortCallListItem): void {
    this.#queue.push(call);
    if (this.#queue.length === 1) setTimeout(() => this.#applyQueued());
  }

  isFlashing(callId: string): boolean {
    return (this.#flashUntil.get(callId) ?? 0) > performance.now();
  }

  #applyQueued(): void {
    const changed = this.apply(this.#queue.splice(0));
    if (changed.length === 0) return;
    const until = performance.now() + FLASH_MS;
    for (const call of changed) this.#flashUntil.set(call.id, until);
    setTimeout(() => {
      for (const call of changed) if (this.#flashUntil.get(call.id) === until) this.#flashUntil.delete(call.id);
      this.requestUpdate();
    }, FLASH_MS);
    this.requestUpdate();
  }
}
