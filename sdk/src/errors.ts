import type { ErrorCode, ValidationIssue } from './schemas/index.ts';

/** Base of every error the SDK throws. `status` is 0 when no HTTP answer arrived. */
export class PortTaskError extends Error {
  override name = 'PortTaskError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: ErrorCode | 'CONNECTION_ERROR',
    readonly requestId: string | undefined,
    readonly issues: ValidationIssue[] = [],
    /** Seconds the API asked to wait before trying again (`Retry-After` of a 429 or 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The API could not be reached (offline, DNS, CORS refusal, timeout). */
export class ConnectionError extends PortTaskError {
  override name = 'ConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 0, 'CONNECTION_ERROR', undefined);
    if (options?.cause) this.cause = options.cause;
  }
}
export class BadRequestError extends PortTaskError { override name = 'BadRequestError'; }
export class AuthenticationError extends PortTaskError { override name = 'AuthenticationError'; }
export class PermissionDeniedError extends PortTaskError { override name = 'PermissionDeniedError'; }
export class NotFoundError extends PortTaskError { override name = 'NotFoundError'; }
export class ConflictError extends PortTaskError { override name = 'ConflictError'; }
export class PayloadTooLargeError extends PortTaskError { override name = 'PayloadTooLargeError'; }
export class ValidationError extends PortTaskError { override name = 'ValidationError'; }
export class RateLimitError extends PortTaskError { override name = 'RateLimitError'; }
export class ServerError extends PortTaskError { override name = 'ServerError'; }

const classByStatus: Record<number, typeof PortTaskError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  405: BadRequestError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: ValidationError,
  429: RateLimitError,
};

/** Turns an error answer of the API (the one error shape) into the matching typed error. */
export function errorFromResponse(status: number, body: unknown, requestIdHeader: string | null, retryAfterHeader: string | null = null): PortTaskError {
  const error = (body as { error?: { code?: ErrorCode; message?: string; requestId?: string; issues?: ValidationIssue[] } } | null)?.error;
  const ErrorClass = classByStatus[status] ?? (status >= 500 ? ServerError : PortTaskError);
  return new ErrorClass(
    error?.message ?? `The API answered ${status}.`,
    status,
    error?.code ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
    error?.requestId ?? requestIdHeader ?? undefined,
    error?.issues ?? [],
    retryAfterSeconds(retryAfterHeader),
  );
}

/** `Retry-After` as seconds from now: a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
