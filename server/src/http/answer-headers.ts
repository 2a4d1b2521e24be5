import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { nodeResponseOf } from './node-exchange.ts';

/**
 * The headers the API adds to answers of its own accord: the request id, the rate-limit
 * fields, CORS, `Vary` and the security defaults. Middleware adds them with `setAnswerHeader`
 * and `appendAnswerHeader`; they are collected in a plain map and applied once, when the
 * answer is made, and never override a header the answer sets itself (a route's own CSP, an
 * error's `RateLimit` for the limit it refused).
 *
 * Served by Node, they go onto Node's response, which merges them with the answer's headers as
 * it writes them (the answer's taking precedence). The answer itself then keeps the plain header
 * object Hono gives it, and the Node adapter writes it without a fetch `Headers`: each
 * `Headers` operation validates, lower-cases and re-sorts, and the ~20 of them an answer took
 * were a tenth of a consent write's CPU (docs/benchmarks.md). In-process requests (tests,
 * `app.request`) have no Node response: the same headers are set on the answer there.
 */
export function answerHeaders(defaults: { entries: readonly (readonly [string, string])[]; skipWhen?: (c: Context<AppEnv>) => string | undefined }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const collected = new Map<string, string>();
    c.set('answerHeaders', collected);
    await next();
    const skipped = defaults.skipWhen?.(c);
    const outgoing = nodeResponseOf(c);
    if (outgoing && !outgoing.headersSent) {
      mergeVary(c, collected);
      for (const [name, value] of collected) outgoing.setHeader(name, value);
      for (const [name, value] of defaults.entries) if (name !== skipped) outgoing.setHeader(name, value);
      return;
    }
    mergeVary(c, collected);
    const headers = c.res.headers;
    for (const [name, value] of collected) if (!headers.has(name)) headers.set(name, value);
    for (const [name, value] of defaults.entries) if (name !== skipped && !headers.has(name)) headers.set(name, value);
  };
}

/** Sets one of the API's own headers for this request's answer (replacing an earlier value). */
export function setAnswerHeader(c: Context<AppEnv>, name: string, value: string): void {
  const collected = c.get('answerHeaders');
  if (collected) collected.set(name, value);
  else c.header(name, value);
}

/** Adds a member to one of the API's own list headers (`RateLimit: "ip";r=…, "key";r=…`). */
export function appendAnswerHeader(c: Context<AppEnv>, name: string, value: string): void {
  const collected = c.get('answerHeaders');
  if (!collected) return c.header(name, value, { append: true });
  const earlier = collected.get(name);
  collected.set(name, earlier === undefined ? value : `${earlier}, ${value}`);
}

/**
 * `Vary` is the one header both sides add to: compression adds `Accept-Encoding` to the
 * answer (GET and HEAD only, the methods it compresses). The answer's value then names both.
 */
function mergeVary(c: Context<AppEnv>, collected: Map<string, string>): void {
  const ours = collected.get('Vary');
  if (ours === undefined || (c.req.method !== 'GET' && c.req.method !== 'HEAD' && nodeResponseOf(c))) return;
  const theirs = c.res.headers.get('Vary');
  if (theirs === null) return;
  c.res.headers.set('Vary', `${ours}, ${theirs}`);
  collected.delete('Vary');
}
