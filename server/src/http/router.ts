import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';
import { nulCharacterIssue } from './nul-character.ts';

/** Turns a failed contract validation into the one 422 error shape, naming where. */
function refuseInvalid(result: Parameters<Hook<unknown, AppEnv, string, unknown>>[0]): void {
  if (result.success) return;
  const target = (result as { target?: string }).target;
  throw ApiError.validation(
    result.error.issues.map((issue) => ({
      // A map's key is part of the path and comes from the client: cut it to the documented 200.
      path: [...whereIn(target), ...issue.path.map((part) => (typeof part === 'number' ? part : String(part).slice(0, 200)))],
      message: issue.message.slice(0, 1000),
      code: issue.code,
    })),
  );
}

const whereIn = (target: string | undefined) => (target ? [target === 'json' ? 'body' : target] : []);

/**
 * Every route's: the contract's verdict, then no NUL character anywhere in the valid input
 * (PostgreSQL cannot store one), both as the one 422 error shape naming where.
 */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  refuseInvalid(result);
  const issue = result.success ? nulCharacterIssue(result.data) : undefined;
  if (issue) throw ApiError.validation([{ ...issue, path: [...whereIn((result as { target?: string }).target), ...issue.path] }]);
};

/**
 * For a route whose handler checks the parts of its input one by one (the line-up import
 * names each bad row, NUL characters included, and may write the good ones): the contract's
 * verdict on the whole only.
 */
// `any`: one hook that fits every route's input type, as a route's own hook must.
export const contractOnlyHook: Hook<any, AppEnv, any, undefined> = (result) => {
  refuseInvalid(result);
  return undefined;
};

/** Every resource's router is made here, so all of them validate and fail the same way. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
