import { ErrorResponse } from '@porttask/sdk/schemas';
import type * as z from 'zod';

/** A JSON response entry for a route definition. */
export function jsonResponse<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const ERROR_DESCRIPTIONS = {
  400: 'Malformed request (e.g. invalid JSON), or `INVALID_CURSOR`: a cursor not handed out for this list, tenant and environment.',
  401: 'Missing, unknown or revoked API key.',
  403: 'The key may not do this, or the origin is not allowed for it.',
  404: 'Not found (or not this tenant\'s).',
  409: 'Conflict, e.g. an Idempotency-Key reused with a different body.',
  413: 'The request body is too large.',
  422: 'The input failed validation; `issues` says where.',
  429: 'Too many requests; retry after `Retry-After` seconds.',
} as const;

/** The error answers a route can give, all in the one error shape. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(statuses.map((status) => [status, jsonResponse(ErrorResponse, ERROR_DESCRIPTIONS[status])])) as {
    [Status in (typeof statuses)[number]]: ReturnType<typeof jsonResponse<typeof ErrorResponse>>;
  };
}

/** Security requirement objects, named as in the document's securitySchemes. */
type SecurityRequirement = Record<string, string[]>;
export const publishableKeyAuth: SecurityRequirement[] = [{ publishableKey: [] }];
export const secretKeyAuth: SecurityRequirement[] = [{ secretKey: [] }];
export const anyKeyAuth: SecurityRequirement[] = [{ publishableKey: [] }, { secretKey: [] }];
