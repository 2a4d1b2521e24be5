import { WidgetConfig } from '@porttask/sdk/schemas';
import { apiRoute } from '../../openapi/operation.ts';
import { configAuth, jsonResponse } from '../../openapi/responses.ts';

export const getConfigRoute = apiRoute({
  operationId: 'getConfig',
  method: 'get',
  path: '/v1/config',
  tags: ['config'],
  summary: 'Get the tenant\'s widget configuration',
  description:
    'Everything a widget needs to render for the key\'s tenant and environment: locales, the current privacy-policy ' +
    'version, jurisdictions, enabled widgets and the consent configuration.\n\n' +
    'The loader (`porttask.js`) asks for it once per page. Cacheable for a minute (`Cache-Control`).\n\n' +
    'A browser may send the publishable key either in `X-PortTask-Key` or as the `key` query parameter ' +
    '(`GET /v1/config?key=pk_live_…`). The query form is a CORS simple request, so the browser sends it without a ' +
    'preflight: the loader uses it, since the consent banner waits for this answer. The allowed-origin check is the ' +
    'same in both forms.',
  security: configAuth,
  sdk: 'const config = await client.config.get();',
  responses: {
    200: jsonResponse(WidgetConfig, 'The widget configuration.'),
  },
});
