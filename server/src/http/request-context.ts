import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, AppVariables } from '../app-env.ts';
import type { Logger } from '../logger.ts';
import type { Sql } from '../db/connection.ts';
import { randomId } from '../ids.ts';
import { setAnswerHeader } from './answer-headers.ts';
import { clientIp } from './client-ip.ts';

/** A client's or proxy's id is kept only when it cannot forge or bloat a log line: short, plain ASCII. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9_.:-]{8,64}$/;

/**
 * First middleware after the answer headers: gives the request an id (kept from a proxy's `X-Request-Id` when it
 * looks like one), the logger, the default database handle, the process-wide helpers (login audit, page cursors), and one access log line. The line names the route pattern, never the raw URL, whose query string could
 * hold personal data.
 */
export function requestContext(logger: Logger, sql: Sql, shared: Pick<AppVariables, 'loginAudit' | 'pageCursors'>): MiddlewareHandler<AppEnv> {
  // The access line's fields are fixed and hold no secret: it skips the logger's redaction
  // pass, which was half of the line's cost (docs/benchmarks.md).
  const accessLog = logger.child({}, { redact: [] });
  return async (c, next) => {
    const incoming = c.req.header('X-Request-Id');
    const requestId = incoming && INCOMING_REQUEST_ID.test(incoming) ? incoming : `req_${randomId(20)}`;
    const ip = clientIp(c);
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.set('sql', sql);
    c.set('pool', sql);
    c.set('loginAudit', shared.loginAudit);
    c.set('pageCursors', shared.pageCursors);
    setAnswerHeader(c, 'X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const scope = c.get('scope');
    accessLog.info(
      {
        requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ip,
        tenantId: scope?.tenantId,
        environment: scope?.environment,
      },
      'request',
    );
  };
}

/**
 * A logger whose lines carry the request's id. Made on demand (errors, stream warnings): a
 * child logger for every request was a few per cent of the hottest write path.
 */
export function requestLogger(c: Context<AppEnv>): Logger {
  return c.get('logger').child({ requestId: c.get('requestId') });
}
