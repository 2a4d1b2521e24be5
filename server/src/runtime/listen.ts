import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Logger } from '../logger.ts';

export interface Listening {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export function listen(fetch: (request: Request) => Response | Promise<Response>, options: { port: number; host: string; logger?: Logger; name?: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port, hostname: options.host }, (info) => {
      const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${info.port}`;
      options.logger?.info({ url, name: options.name }, 'listening');
      resolve({ url, port: info.port, close: (graceMs) => closeGracefully(server as Server, graceMs) });
    }) as Server;
    server.once('error', reject);
  });
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
  });
}
