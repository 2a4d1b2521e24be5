import { errorFromResponse } from '../errors.ts';
import { backoff, sleep, type HttpCore, type Query } from './http.ts';

/** One Server-Sent Events message. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | undefined;
  retry: number | undefined;
}

/**
 * Parses a `text/event-stream` body (the WHATWG rules: `field: value` lines, a blank line
 * ends a message, `:` lines are comments). Uses a reader, not `for await`, so it runs in every
 * browser and in Node 20.
 */
export async function* parseServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // A lone \r at the very end may be the first half of \r\n: wait for more.
        if (buffer[newline] === '\r' && newline === buffer.length - 1 && !done) break;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0 || event) yield { event: event || 'message', data: data.join('\n'), id, retry };
          event = '';
          data = [];
          retry = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
        if (field === 'event') event = fieldValue;
        else if (field === 'data') data.push(fieldValue);
        else if (field === 'id' && !fieldValue.includes('\0')) id = fieldValue;
        else if (field === 'retry' && /^\d+$/.test(fieldValue)) retry = Number(fieldValue);
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => {});
  }
}

export type LiveConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface LiveStreamOptions {
  signal?: AbortSignal;
  /** Resume after this event id (the `sequence` of the last event you applied). */
  lastEventId?: string;
  /** Told when the connection opens, drops and is retried. */
  onStateChange?: (state: LiveConnectionState) => void;
  /**
   * Told when the stream cannot resume where it left off (the server no longer keeps events
   * that old): reload what you show; the stream goes on from now.
   */
  onReset?: () => void;
}

/**
 * A live stream that reconnects by itself and resumes where it left off (`Last-Event-ID`),
 * so a dropped connection loses no events. It stops when the signal aborts, the loop is left,
 * or the API refuses the request (a 4xx other than 408/429, e.g. a revoked key).
 * Works where `EventSource` cannot: it sends the key in a header.
 */
export class LiveStream<Event> implements AsyncIterable<Event> {
  /** Id of the last event received; what a reconnect resumes after. */
  lastEventId: string | undefined;

  constructor(
    private readonly transport: HttpCore,
    private readonly path: string,
    private readonly query: Query,
    private readonly eventName: string,
    private readonly options: LiveStreamOptions = {},
  ) {
    this.lastEventId = options.lastEventId;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Event> {
    const { signal, onStateChange } = this.options;
    let retryMs = 1_000;
    let failures = 0;
    onStateChange?.('connecting');
    while (!signal?.aborted) {
      try {
        const response = await this.transport.fetch(this.transport.url(this.path, this.query), {
          headers: { Accept: 'text/event-stream', ...(this.lastEventId ? { 'Last-Event-ID': this.lastEventId } : {}) },
          cache: 'no-store',
          ...(signal ? { signal } : {}),
        });
        if (!response.ok || !response.body) {
          const body: unknown = await response.json().catch(() => null);
          const error = errorFromResponse(response.status, body, response.headers.get('X-Request-Id'));
          if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw error;
          throw Object.assign(new Error('retryable'), { retryable: true });
        }
        failures = 0;
        onStateChange?.('open');
        for await (const message of parseServerSentEvents(response.body)) {
          if (message.retry !== undefined) retryMs = message.retry;
          if (message.id !== undefined) this.lastEventId = message.id;
          if (message.event === this.eventName) yield JSON.parse(message.data) as Event;
          else if (message.event === 'reset') this.options.onReset?.();
        }
      } catch (error) {
        if (signal?.aborted) return;
        if (!(error instanceof TypeError) && !(error as { retryable?: boolean }).retryable && !(error instanceof SyntaxError)) throw error;
        failures += 1;
      }
      if (signal?.aborted) return;
      // Said as soon as the connection is gone, not after the wait: "live" must not be claimed while away.
      onStateChange?.('reconnecting');
      try {
        await sleep(failures > 1 ? Math.max(retryMs, backoff(failures)) : retryMs, signal);
      } catch {
        return;
      }
    }
  }
}
