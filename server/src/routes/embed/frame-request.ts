import type { Context } from 'hono';
import type * as z from 'zod';
import type { AppEnv } from '../../app-env.ts';
import type { Sql } from '../../db/connection.ts';
import { resolveEmbedTarget, type EmbedTarget } from '../../embed/embed-key.ts';
import { ApiError } from '../../http/api-error.ts';
import type { DataScope } from '../../tenants/data-scope.ts';

// Shared by the login frame's routes: who may post, for which key and page, and its body.

export const scopeOf = (target: EmbedTarget): DataScope => ({ tenantId: target.key.tenantId, environment: target.key.environment });

export function parsed<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (!result.success) throw ApiError.fromZodIssues(result.error.issues);
  return result.data;
}

/**
 * Only the frame itself may post here: the request must come from the API's own origin (a
 * page elsewhere cannot forge its Origin header), naming a key and a parent origin it allows.
 */
export async function frameTarget(c: Context<AppEnv>, pool: Sql): Promise<EmbedTarget> {
  if (c.req.header('Origin') !== new URL(c.req.url).origin) {
    throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'Sign in through the login frame (/embed/login).');
  }
  const target = await resolveEmbedTarget(pool, c.req.header('X-PortTask-Key'), c.req.header('X-PortTask-Parent-Origin'));
  if (!target) throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'This publishable key does not allow that site.');
  return target;
}
