import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Logger } from '../logger.ts';

export interface Listening {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** What a request that arrives on a kept-alive connection after shutdown began is told. */
const SHUTTING_DOWN_BODY = JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'This server is shutting down; send the request again (a new connection reaches another one).', requestId: 'shutdown' } });

/** The app's fetch: @hono/node-server passes the Node request and response as the second argument (`c.env`). */
type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

export function listen(fetch: Fetch, options: { port: number; host: string; logger?: Logger; name?: string }): Promise<Listening> {
  let closing = false;
  /**
   * Once shutdown begins, every answer says `Connection: close`, so a keep-alive connection
   * ends after its request in flight, and a request that still arrives on one is not served
   * (503, nothing done): the client sends it again on a new connection, to a server that runs.
   */
  const drainingFetch = async (request: Request, env?: unknown): Promise<Response> => {
    if (closing) return new Response(SHUTTING_DOWN_BODY, { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '1', Connection: 'close' } });
    const response = await fetch(request, env);
    if (closing) markClose(response);
    return response;
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: drainingFetch, port: options.port, hostname: options.host }, (info) => {
      const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${info.port}`;
      options.logger?.info({ url, name: options.name }, 'listening');
      resolve({
        url,
        port: info.port,
        close: (graceMs) => {
          closing = true;
          return closeGracefully(server as Server, graceMs);
        },
      });
    }) as Server;
    server.once('error', reject);
  });
}

function markClose(response: Response): void {
  try {
    response.headers.set('Connection', 'close');
  } catch {
    // Immutable headers (a fetched response passed through): the socket is closed after it anyway.
  }
}

function closeGracefully(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // Keep-alive sockets with no request in flight would hold close() open.
    server.closeIdleConnections();
    // A request in flight now: its socket ends once its answer is sent (with Connection: close).
    // Node marks a connection idle again after each answer, so close the idle ones as they appear.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.once('close', () => clearInterval(sweep));
  });
}
