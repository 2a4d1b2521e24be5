import { ErrorResponse, type ErrorCode } from '@porttask/sdk/schemas';
import * as z from 'zod';

/** A JSON response entry for a route definition; its example is the schema's own (`.meta({ examples })`). */
export function jsonResponse<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { description, content: { 'application/json': { schema, ...withExample(schema) } } } as const;
}

/** A required JSON request body; its example is the schema's own. */
export function jsonBody<Schema extends z.ZodType>(schema: Schema, description?: string) {
  return { ...(description ? { description } : {}), content: { 'application/json': { schema, ...withExample(schema) } }, required: true } as const;
}

/** The first of a schema's `.meta({ examples })`. */
export function exampleOf(schema: z.ZodType): unknown {
  return (z.globalRegistry.get(schema)?.examples as unknown[] | undefined)?.[0];
}

function withExample(schema: z.ZodType): { example?: unknown } {
  const example = exampleOf(schema);
  return example === undefined ? {} : { example };
}

/** Every error status an operation may declare. 405 is answered for any known path and documented once, in the API description. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

// Descriptions in plain text: the reference shows response descriptions unrendered in places.
const ERRORS: Record<ErrorStatus, { description: string; code: ErrorCode; message: string; headers?: string[] }> = {
  400: { description: 'Malformed request: the body is not valid JSON (INVALID_JSON), a cursor was not handed out for this list, tenant and environment (INVALID_CURSOR), or a header is malformed.', code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
  401: { description: 'No API key, or an unknown, revoked or expired one.', code: 'MISSING_API_KEY', message: 'Send your key in X-PortTask-Key (publishable) or Authorization: Bearer (secret).' },
  403: { description: 'The key may not do this (wrong kind of key), or the request\'s origin is not one of the key\'s allowed origins.', code: 'WRONG_KEY_TYPE', message: 'This operation needs a secret key.' },
  404: { description: 'Not found (or it belongs to another tenant or environment, which is the same to you).', code: 'NOT_FOUND', message: 'The port call was not found.' },
  409: { description: 'Conflict: an Idempotency-Key reused with a different body, or a write that raced with another one (send it again).', code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was used with a different request.' },
  410: { description: 'Gone: what the link pointed to has expired (a download link after its 7 days).', code: 'DOWNLOAD_EXPIRED', message: 'This download link expired on 2026-12-09T10:00:00.000Z.' },
  413: { description: 'The request body is larger than this operation accepts.', code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  415: { description: 'The body is not in a media type this operation accepts (send Content-Type: application/json).', code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as JSON with Content-Type: application/json.' },
  422: { description: 'The input failed validation; issues says where and why.', code: 'VALIDATION_FAILED', message: 'The request is invalid (query.limit: Too big: expected number to be <=500).' },
  429: { description: 'Too many requests: wait Retry-After seconds. RateLimit and RateLimit-Policy say how much is left.', code: 'RATE_LIMITED', message: 'Too many requests; retry after 2 seconds.', headers: ['Retry-After', 'RateLimit', 'RateLimit-Policy'] },
  500: { description: 'Something failed on our side. Quote requestId when you contact support.', code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Quote the request id when you contact support.' },
  503: { description: 'The database is unreachable for now: retry after Retry-After seconds (the SDK does).', code: 'SERVICE_UNAVAILABLE', message: 'The service is unavailable for a moment; retry after 5 seconds.', headers: ['Retry-After'] },
};

/** References to the response headers registered once in the document's components (see document.ts). */
export function headerReferences(names: string[]) {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/**
 * The error answers an operation can give, each in the one error shape with an example.
 * `apiRoute()` declares them for you; call this only for a status it cannot derive.
 */
export function errorResponses(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    [...new Set(statuses)].sort().map((status) => {
      const error = ERRORS[status];
      const example: ErrorResponse = { error: { code: error.code, message: error.message, requestId: 'req_7f3c9a1e2b4d6f80' } };
      if (status === 422) example.error.issues = [{ path: ['query', 'limit'], message: 'Too big: expected number to be <=500', code: 'too_big' }];
      return [status, { description: error.description, ...(error.headers ? { headers: headerReferences(error.headers) } : {}), content: { 'application/json': { schema: ErrorResponse, example } } }];
    }),
  );
}

/** Security requirement objects, named as in the document's securitySchemes. */
type SecurityRequirement = Record<string, string[]>;
export const publishableKeyAuth: SecurityRequirement[] = [{ publishableKey: [] }];
export const secretKeyAuth: SecurityRequirement[] = [{ secretKey: [] }];
export const anyKeyAuth: SecurityRequirement[] = [{ publishableKey: [] }, { secretKey: [] }];
/** `GET /v1/config` also takes the publishable key as `?key=` (no preflight: server/src/auth/authenticate.ts). */
export const configAuth: SecurityRequirement[] = [{ publishableKey: [] }, { publishableKeyQuery: [] }, { secretKey: [] }];
