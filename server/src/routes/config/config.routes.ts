import { createRoute } from '@hono/zod-openapi';
import { WidgetConfig } from '@porttask/sdk/schemas';
import { anyKeyAuth, errorResponses, jsonResponse } from '../../openapi/responses.ts';

export const getConfigRoute = createRoute({
  method: 'get',
  path: '/v1/config',
  tags: ['config'],
  summary: 'Get the tenant\'s widget configuration',
  description: 'Everything a widget needs to render for the key\'s tenant: locales, policy version, jurisdictions and enabled widgets. Cacheable for a minute.',
  security: anyKeyAuth,
  responses: {
    200: jsonResponse(WidgetConfig, 'The widget configuration.'),
    ...errorResponses(401, 403),
  },
});
