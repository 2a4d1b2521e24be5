import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorResponse } from '@porttask/sdk/schemas';
import type { AppEnv } from '../app-env.ts';
import { isRefusedValue } from '../db/refused-value.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/** What a client is told to wait during a database outage: reconnects are tried every second. */
const RETRY_AFTER_OUTAGE_SECONDS = 2;
import { ApiError } from './api-error.ts';
import { unsupportedMediaType } from './content-type.ts';
import { requestLogger } from './request-context.ts';

/** Renders any error as the one error shape; unexpected errors become a logged 500. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (isRefusedValue(error)) {
    // The contract or the handler should have caught it: log it as an error, so the gap gets
    // a rule of its own; the client still gets an answer it can act on, and nothing was written.
    if (c.get('logger')) requestLogger(c).error({ pgCode: error.code, constraint: error.constraint_name }, 'the database refused a value the API let through');
    if (error.code === '23505') return respondWithError(c, new ApiError(409, 'CONFLICT', 'This write raced with another one; send it again.'));
    return respondWithError(c, new ApiError(422, 'VALIDATION_FAILED', 'A value in the request cannot be stored (out of range or malformed).'));
  }
  if (isDatabaseUnavailable(error)) {
    if (c.get('logger')) requestLogger(c).warn({ code: (error as unknown as { code: string }).code }, 'database unavailable');
    return respondWithError(c, new ApiError(503, 'SERVICE_UNAVAILABLE', 'The service is briefly unavailable; retry shortly.', undefined, { 'Retry-After': String(RETRY_AFTER_OUTAGE_SECONDS) }));
  }
  // A validator reports any failed read as malformed JSON; the read itself knows better (413).
  const bodyReadError = c.get('bodyReadError');
  const apiError = toApiError(bodyReadError ?? error);
  if (!apiError) {
    if (c.get('logger')) requestLogger(c).error({ err: error }, 'unhandled error');
    return respondWithError(c, new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Quote the request id when you contact support.'));
  }
  return respondWithError(c, apiError);
};

export function respondWithError(c: Context<AppEnv>, error: ApiError): Response {
  const body: ErrorResponse = {
    error: {
      code: error.code,
      message: error.message.slice(0, 2000), // as documented; some quote the request's path
      requestId: c.get('requestId') ?? 'unknown',
      ...(error.issues ? { issues: error.issues } : {}),
    },
  };
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(body, error.status);
}

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    // Hono's own validators and body parser throw these.
    if (error.status === 400 && /malformed json/i.test(error.message)) {
      return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
    }
    if (error.status === 413) return payloadTooLarge();
    // Hono's JSON validator on a body sent as another type (a route that takes other types
    // lets them through requireJsonBody, and then its JSON validator sees them).
    if (error.status === 400 && /content-type/i.test(error.message)) return unsupportedMediaType();
    return new ApiError(error.status, error.status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST', error.message || 'Bad request.');
  }
  if (error instanceof SyntaxError) return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  return undefined;
}

export function payloadTooLarge(): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
}

/**
 * Unknown routes get 404, and a known path with the wrong method gets 405 with `Allow`,
 * both in the error shape. `knownRoutes` comes from the OpenAPI registry, so it cannot
 * drift from the routes that exist.
 */
export function notFoundHandler(knownRoutes: () => { method: string; pattern: RegExp }[]): NotFoundHandler<AppEnv> {
  return (c) => {
    const allowed = knownRoutes()
      .filter((route) => route.pattern.test(c.req.path))
      .map((route) => route.method.toUpperCase());
    if (allowed.length > 0) {
      return respondWithError(
        c,
        new ApiError(405, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`, undefined, { Allow: allowed.join(', ') }),
      );
    }
    return respondWithError(c, new ApiError(404, 'NOT_FOUND', `There is no route ${c.req.method} ${c.req.path}.`));
  };
}
