import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';
import { payloadTooLarge } from './error-handler.ts';
import { nodeRequestOf } from './node-exchange.ts';
import type { KeyKind } from '../auth/api-keys.ts';

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const utf8 = new TextDecoder();

/** A larger limit for one route, granted only to the kinds of key that route serves. */
export interface LargerBodyLimit {
  bytes: number;
  keyKinds: readonly KeyKind[];
}

/**
 * Body size limits: one default, and larger ones for the few routes that take files (a
 * day's vessel line-up is more than a JSON request), matched by exact path and granted only
 * to an authenticated key of the right kind. Runs after `authenticate`, which decides from
 * headers alone: a request without a valid key is refused before any body byte is read, and
 * an anonymous visitor can never make the server hold more than the default.
 *
 * From the network the body is read lazily, once, straight from Node's request stream into
 * Hono's body cache, on the first `c.req.text()` / `c.req.json()` / validator: a route guard
 * that refuses the key type (`requireKey`) runs before the validator, so it too answers before
 * the body is read. The Node adapter never builds a web `Request` (with its stream and abort
 * signal, that cost more than a fifth of a consent write; docs/benchmarks.md). Requests made
 * in-process (tests, `app.request`) have no Node stream and go through Hono's own limit.
 */
export function bodyLimits(defaultBytes: number, largerByPath: Record<string, LargerBodyLimit> = {}): MiddlewareHandler<AppEnv> {
  const limitOf = (c: Context<AppEnv>) => {
    const larger = largerByPath[c.req.path];
    const kind = c.get('apiKey')?.kind;
    return larger && kind && larger.keyKinds.includes(kind) ? larger.bytes : defaultBytes;
  };
  const onError = () => {
    throw payloadTooLarge();
  };
  const inProcess = new Map<number, MiddlewareHandler>();
  return async (c, next) => {
    if (BODYLESS_METHODS.has(c.req.method)) return next();
    const maxBytes = limitOf(c);
    const incoming = nodeRequestOf(c);
    if (!incoming) {
      let limit = inProcess.get(maxBytes);
      if (!limit) inProcess.set(maxBytes, (limit = bodyLimit({ maxSize: maxBytes, onError })));
      return limit(c, next);
    }
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && Number(declared) > maxBytes) throw payloadTooLarge();
    // Hono keeps promises in its body cache (its type says values); tests over HTTP cover this.
    let text: Promise<string> | undefined;
    Object.defineProperty(c.req.bodyCache, 'text', {
      enumerable: true,
      configurable: true,
      get: () => (text ??= readText(incoming, maxBytes).catch((error: Error) => {
        c.set('bodyReadError', error);
        throw error;
      })),
    });
    return next();
  };
}

/** The whole body as UTF-8 text, or a 413 as soon as it passes `maxBytes` (a chunked body has no Content-Length to check first). */
function readText(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.off('data', onData).off('end', onEnd);
        incoming.resume(); // discard the rest; the 413 goes out meanwhile
        reject(payloadTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    let ended = false;
    const onEnd = () => {
      ended = true;
      resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    };
    // A client that goes away mid-body (ECONNRESET) sent an incomplete request, not a server fault.
    // The body is read lazily, so the client may have gone before anyone listened: check first.
    const cutOff = () => reject(new ApiError(400, 'BAD_REQUEST', 'The request body ended before its end: the connection was closed.'));
    if (incoming.destroyed || incoming.errored) return cutOff();
    incoming.on('data', onData).on('end', onEnd).once('error', cutOff).once('close', () => { if (!ended) cutOff(); });
  });
}
