import { WidgetConfig } from '@porttask/sdk/schemas';
import { apiRoute } from '../../openapi/operation.ts';
import { anyKeyAuth, jsonResponse } from '../../openapi/responses.ts';

export const getConfigRoute = apiRoute({
  operationId: 'getConfig',
  method: 'get',
  path: '/v1/config',
  tags: ['config'],
  summary: 'Get the tenant\'s widget configuration',
  description:
    'Everything a widget needs to render for the key\'s tenant and environment: locales, the current privacy-policy ' +
    'version, jurisdictions, enabled widgets and the consent configuration.\n\n' +
    'The loader (`porttask.js`) asks for it once per page. Cacheable for a minute (`Cache-Control`).',
  security: anyKeyAuth,
  sdk: 'const config = await client.config.get();',
  responses: {
    200: jsonResponse(WidgetConfig, 'The widget configuration.'),
  },
});
