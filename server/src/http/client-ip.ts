import type { Context } from 'hono';
import { nodeRequestOf } from './node-exchange.ts';

/**
 * The address of the peer that sent the request, or undefined for in-process requests
 * (`app.request` in tests has no socket). Proxy headers are not trusted here: a deployment
 * behind a proxy must put the client's address on the socket (e.g. PROXY protocol) first.
 */
export function clientIp(c: Context): string | undefined {
  return nodeRequestOf(c)?.socket.remoteAddress;
}
