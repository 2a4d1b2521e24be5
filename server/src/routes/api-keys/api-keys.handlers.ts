import type { RouteHandler } from '@hono/zod-openapi';
import { ApiKeyRoll, type ApiKey } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { findApiKeyById, listApiKeys, rollApiKey, updateApiKey } from '../../auth/api-keys.queries.ts';
import { refusalToChange } from '../../auth/key-lifecycle.ts';
import { ApiError } from '../../http/api-error.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import type { listApiKeysRoute, rollApiKeyRoute, updateApiKeyRoute } from './api-keys.routes.ts';

export const list: RouteHandler<typeof listApiKeysRoute, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid('query');
  const cursors = pageCursorsOf(c);
  const after = cursors.open('api-keys', cursor)?.[0];
  const page = await listApiKeys(c.get('sql'), { ...c.get('scope'), after: after === undefined ? undefined : BigInt(after), limit });
  return c.json({ data: page.keys, nextCursor: cursors.seal('api-keys', page.more && page.lastSequence ? [page.lastSequence] : null) }, 200);
};

export const update: RouteHandler<typeof updateApiKeyRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const change = c.req.valid('json');
  const key = usable(await findApiKeyById(c.get('sql'), c.get('scope'), id, { forUpdate: true }), 'changed');
  if (key.kind === 'secret' && change.addOrigins?.length) {
    throw ApiError.validation([{ path: ['body', 'addOrigins'], message: 'secret keys have no origins: they are never used from browsers', code: 'custom' }]);
  }
  return c.json((await updateApiKey(c.get('sql'), c.get('scope'), id, change))!, 200);
};

export const roll: RouteHandler<typeof rollApiKeyRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  // The body is optional: without one, the defaults apply.
  const { expiresInSeconds } = ApiKeyRoll.parse(c.req.valid('json') ?? {});
  const key = usable(await findApiKeyById(c.get('sql'), c.get('scope'), id, { forUpdate: true }), 'rolled');
  const rolled = await rollApiKey(c.get('sql'), c.get('scope'), key, expiresInSeconds);
  // no-store: the answer holds a key's text, which no cache (nor the idempotency store) keeps.
  c.header('Cache-Control', 'no-store');
  return c.json(rolled, 201);
};

/** The key, if it exists in the caller's tenant and environment and may be changed or rolled. */
function usable(key: ApiKey | undefined, action: 'changed' | 'rolled'): ApiKey {
  if (!key) throw ApiError.notFound('The API key');
  const refusal = refusalToChange(key, action);
  if (refusal) throw new ApiError(409, 'CONFLICT', refusal);
  return key;
}
