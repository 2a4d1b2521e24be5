import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';
import { nulCharacterIssue } from './nul-character.ts';

/**
 * Turns a failed contract validation into the one 422 error shape, naming where; a valid input
 * that PostgreSQL could not store (a NUL character) fails the same way.
 */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  const target = (result as { target?: string }).target;
  const where = target ? [target === 'json' ? 'body' : target] : [];
  if (result.success) {
    const issue = nulCharacterIssue(result.data);
    if (issue) throw ApiError.validation([{ ...issue, path: [...where, ...issue.path] }]);
    return;
  }
  throw ApiError.validation(
    result.error.issues.map((issue) => ({
      path: [...where, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
      message: issue.message,
      code: issue.code,
    })),
  );
};

/** Every resource's router is made here, so all of them validate and fail the same way. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
