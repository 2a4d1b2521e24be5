import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { getSignUpSettings, replaceSignUpSettings } from '../../accounts/sign-up-settings.ts';
import type { getSignUpSettingsRoute, putSignUpSettingsRoute } from './sign-up-settings.routes.ts';

export const get: RouteHandler<typeof getSignUpSettingsRoute, AppEnv> = async (c) =>
  c.json(await getSignUpSettings(c.get('sql'), c.get('scope')), 200);

export const put: RouteHandler<typeof putSignUpSettingsRoute, AppEnv> = async (c) =>
  c.json(await replaceSignUpSettings(c.get('sql'), c.get('scope'), c.req.valid('json')), 200);
