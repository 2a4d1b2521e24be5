import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';

/** Turns a failed contract validation into the one 422 error shape, naming where. */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const target = (result as { target?: string }).target;
  throw ApiError.validation(
    result.error.issues.map((issue) => ({
      path: [...(target ? [target === 'json' ? 'body' : target] : []), ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
      message: issue.message,
      code: issue.code,
    })),
  );
};

/** Every resource's router is made here, so all of them validate and fail the same way. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
