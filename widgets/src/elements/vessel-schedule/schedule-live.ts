import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PortCallEvent, PortTaskClient } from '@porttask/sdk';

export type LiveState = 'off' | 'connecting' | 'open' | 'reconnecting';

/**
 * Keeps a live stream open while the element is on the page and `live` is set, and hands
 * every event to `onEvent`. The SDK's stream reconnects and resumes by itself; this only
 * starts, restarts (when the filter changes) and stops it.
 */
export class ScheduleLiveController implements ReactiveController {
  state: LiveState = 'off';
  #controller: AbortController | undefined;
  #key = '';
  #opened: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onEvent: (event: PortCallEvent) => void,
    /** The stream could not resume (its events are gone): the list must be loaded again. */
    private readonly onReset: () => void,
  ) {
    host.addController(this);
  }

  /** Resolves once the stream is open (or at once when live is off), at most after `timeoutMs`. */
  opened(timeoutMs = 2_000): Promise<void> {
    return Promise.race([this.#opened, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
  }

  /** (Re)starts the stream when what it depends on changed; stops it when `client` is undefined. */
  sync(client: PortTaskClient | undefined, filter: { port?: string | undefined; terminal?: string | undefined }, key: string): void {
    if (key === this.#key && (client === undefined) === (this.#controller === undefined)) return;
    this.stop();
    this.#key = key;
    if (!client) return;
    const controller = new AbortController();
    this.#controller = controller;
    let markOpen!: () => void;
    this.#opened = new Promise((resolve) => { markOpen = resolve; });
    const stream = client.portCalls.stream(filter, {
      signal: controller.signal,
      onReset: () => this.onReset(),
      onStateChange: (state) => {
        this.#setState(state);
        if (state === 'open') markOpen();
      },
    });
    void (async () => {
      try {
        for await (const event of stream) this.onEvent(event);
      } catch {
        // Refused for good (e.g. key revoked): the list stays, without live updates.
      }
      if (this.#controller === controller) this.#setState('off');
      markOpen();
    })();
  }

  stop(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#key = '';
    this.#setState('off');
  }

  hostDisconnected(): void {
    this.stop();
  }

  #setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.host.requestUpdate();
  }
}
