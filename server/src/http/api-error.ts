import type { ErrorCode, ValidationIssue } from '@porttask/sdk/schemas';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one way handlers and middleware report a client error: throw it, and the app's
 * `onError` renders it in the one error shape.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  static validation(issues: ValidationIssue[]): ApiError {
    const first = issues[0];
    const where = first ? `${first.path.join('.')}: ${first.message}` : 'invalid input';
    return new ApiError(422, 'VALIDATION_FAILED', `The request is invalid (${where}).`, issues);
  }

  /** A zod verdict on a request part checked outside the route validator (better-auth's and the login frame's bodies). */
  static fromZodIssues(issues: readonly { path: PropertyKey[]; message: string; code: string }[], target = 'body'): ApiError {
    return ApiError.validation(issues.map((issue) => ({
      path: [target, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part).slice(0, 200)))],
      message: issue.message.slice(0, 1000),
      code: issue.code,
    })));
  }

  static notFound(what = 'The resource'): ApiError {
    return new ApiError(404, 'NOT_FOUND', `${what} was not found.`);
  }
}
