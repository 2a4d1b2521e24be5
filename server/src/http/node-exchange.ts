import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * The Node request and response behind `c` when @hono/node-server serves it (it passes them as
 * `c.env`), for the few hot paths that read the body or write headers the Node way; undefined
 * for in-process requests (tests, `app.request`), which take Hono's portable path.
 */
export function nodeRequestOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

export function nodeResponseOf(c: Context): ServerResponse | undefined {
  return (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
}
