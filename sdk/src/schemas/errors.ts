import * as z from 'zod';

/**
 * Every error code the API answers with. Clients switch on `code`, never on `message`
 * (messages are for humans and may change).
 */
export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'INVALID_CURSOR',
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'MISSING_API_KEY',
  'INVALID_API_KEY',
  'API_KEY_REVOKED',
  'API_KEY_EXPIRED',
  'ORIGIN_NOT_ALLOWED',
  'WRONG_KEY_TYPE',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  'RATE_LIMITED',
  'UNKNOWN_PURPOSE',
  'UNKNOWN_POLICY_VERSION',
  'REQUIRED_PURPOSE_REFUSED',
  'REQUEST_TYPE_NOT_OFFERED',
  'INVALID_REQUESTER_TOKEN',
  'VERIFICATION_CODE_INCORRECT',
  'VERIFICATION_CODE_EXPIRED',
  'REQUEST_LOCKED',
  'REQUEST_ALREADY_VERIFIED',
  'REQUEST_CLOSED',
  'INVALID_STATUS_TRANSITION',
  'EXTENSION_REFUSED',
  'CODE_RESEND_LIMIT_REACHED',
  'WEBHOOK_ENDPOINT_LIMIT',
  'INVALID_REFRESH_TOKEN',
  'ACCEPTANCE_REQUIRED',
  'UNDER_AGE',
  'GUARDIAN_EMAIL_REQUIRED',
  'GUARDIAN_CONSENT_PENDING',
  'INVALID_ACCESS_TOKEN',
  'ACCESS_TOKEN_EXPIRED',
  'FORBIDDEN_ROLE',
  'SIGN_UP_CLOSED',
  'STATUS_PAGE_NOT_ALLOWED',
  'INVALID_DOWNLOAD_LINK',
  'DOWNLOAD_EXPIRED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ValidationIssue = z
  .object({
    path: z.array(z.union([z.string().max(200), z.number()])).meta({ description: 'Where the problem is, e.g. ["body","origins",0].' }),
    message: z.string().max(1000),
    code: z.string().max(50).meta({ description: 'Machine-readable kind of problem (zod issue code).' }),
  })
  .meta({ id: 'ValidationIssue' });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/** The one shape of every non-2xx answer. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string().max(2000),
      requestId: z.string().max(128).meta({ description: 'Quote this when you contact support; it is on every log line of the request.' }),
      issues: z.array(ValidationIssue).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse', description: 'The one shape of every non-2xx answer.' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
