import assert from 'node:assert/strict';
import type { TestTenant } from './app-fixture.ts';

export interface EnvironmentHeaders {
  /** A visitor's browser: the publishable key from an origin it allows. */
  publishable: Record<string, string>;
  /** A partner's server: the secret key, no Origin. */
  secret: Record<string, string>;
}

/** Request headers for each environment of a fixture tenant (test keys from localhost). */
export function environmentKeys(tenant: TestTenant): { test: EnvironmentHeaders; live: EnvironmentHeaders } {
  return {
    test: {
      publishable: { 'X-PortTask-Key': tenant.testPublishableKey, Origin: 'http://localhost:5173' },
      secret: { Authorization: `Bearer ${tenant.testSecretKey}` },
    },
    live: {
      publishable: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin },
      secret: { Authorization: `Bearer ${tenant.secretKey}` },
    },
  };
}

export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/**
 * Opens a Server-Sent Events stream through `request` (in-process or over HTTP) and collects
 * its events; resolves once the stream's `ready` event has arrived.
 */
export async function readSse(
  target: { request(path: string, init?: RequestInit): Promise<Response> },
  path: string,
  headers: Record<string, string>,
) {
  const response = await target.request(path, { headers });
  if (response.status !== 200) assert.fail(`${path}: ${response.status} ${await response.text()}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  let closed = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
          const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
          if (field('event') !== undefined || data) events.push({ event: field('event') ?? 'message', id: field('id'), data });
          for (const listener of listeners) listener();
        }
      }
    } catch {
      // cancelled
    } finally {
      closed = true;
      for (const listener of listeners) listener();
    }
  })();
  const until = (predicate: (seen: SseEvent[]) => boolean, timeoutMs = 5_000) =>
    new Promise<SseEvent[]>((resolve, reject) => {
      const check = () => {
        if (predicate(events)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve([...events]);
        } else if (closed) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`the stream ended first; events: ${JSON.stringify(events)}`));
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out; events: ${JSON.stringify(events)}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  await until((seen) => seen.some((event) => event.event === 'ready'));
  return {
    events,
    until,
    close: () => void reader.cancel().catch(() => {}),
  };
}
