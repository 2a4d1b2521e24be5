import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WidgetConfig } from '@porttask/sdk';
import { describeError, MissingSettingError, type DescribedError } from './describe-error.ts';
import { dispatchPortTaskEvent } from './events.ts';
import { fetchWidgetConfig } from './widget-config-cache.ts';
import type { ConnectionSettings } from './porttask-base.ts';

export type { ConnectionSettings };


type ConfigHost = ReactiveControllerHost & HTMLElement;

/**
 * Loads the tenant's widget configuration for an element, through the page-wide shared
 * request, whenever the element's API URL or key changes. Announces the outcome with
 * `porttask-ready` / `porttask-error` on the element. A request still running when the element
 * leaves the page is aborted (its AbortSignal goes down to the SDK's fetch) and re-run if the
 * element comes back.
 */
export class WidgetConfigController implements ReactiveController {
  readonly #host: ConfigHost;
  readonly #task: Task<readonly [string | undefined, string | undefined], WidgetConfig>;
  #abortedOnDisconnect = false;

  constructor(host: ConfigHost, settings: () => ConnectionSettings) {
    this.#host = host;
    this.#task = new Task(host, {
      args: () => {
        const { apiUrl, publishableKey } = settings();
        return [apiUrl, publishableKey] as const;
      },
      task: ([apiUrl, publishableKey], { signal }) => {
        if (!publishableKey) throw new MissingSettingError('publishable-key');
        if (!apiUrl) throw new MissingSettingError('api-url');
        return fetchWidgetConfig(apiUrl, publishableKey, signal);
      },
      onComplete: (config) => dispatchPortTaskEvent(host, 'porttask-ready', { config }),
      onError: (error) => {
        if (isAbort(error)) return;
        const { kind: _kind, setting: _setting, ...detail } = describeError(error);
        dispatchPortTaskEvent(host, 'porttask-error', detail);
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#abortedOnDisconnect) return;
    this.#abortedOnDisconnect = false;
    void this.#task.run();
  }

  hostDisconnected(): void {
    // Wait a microtask: an element moved within the page is disconnected and reconnected at
    // once, and its request should simply carry on.
    queueMicrotask(() => {
      if (this.#host.isConnected || this.#task.status !== TaskStatus.PENDING) return;
      this.#abortedOnDisconnect = true;
      this.#task.abort();
    });
  }

  /** The configuration, once it has arrived. */
  get value(): WidgetConfig | undefined {
    return this.#task.value;
  }

  get pending(): boolean {
    return this.#task.status === TaskStatus.PENDING || this.#task.status === TaskStatus.INITIAL;
  }

  /** What went wrong, ready for the error state; undefined unless the last attempt failed. */
  get error(): DescribedError | undefined {
    return this.#task.status === TaskStatus.ERROR ? describeError(this.#task.error) : undefined;
  }

  /** Asks again (the Retry button). Never rejects: failures land in `error`. */
  retry(): Promise<void> {
    return this.#task.run();
  }

  /** Resolves when the current attempt has settled, whatever its outcome. */
  async settled(): Promise<void> {
    await this.#task.taskComplete.catch(() => undefined);
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
