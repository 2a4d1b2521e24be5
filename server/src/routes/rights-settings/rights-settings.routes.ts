import { RightsSettings, RightsSettingsInput } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const getRightsSettingsRoute = apiRoute({
  operationId: 'getRightsSettings',
  method: 'get',
  path: '/v1/rights-settings',
  tags: ['rights settings'],
  summary: 'Get the settings for privacy-rights requests',
  description:
    'The calendar deadlines are counted in (time zone, public holidays; the region\'s defaults until set), the DPDP response period, ' +
    'the grievance officer shown on the request form, the privacy contact who receives due-soon and overdue announcements, and the ' +
    'tenant\'s laws. Per environment, like every key.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const settings = await client.rightsSettings.get();',
  responses: {
    200: jsonResponse(RightsSettings, 'The settings in force.'),
  },
});

export const putRightsSettingsRoute = apiRoute({
  operationId: 'replaceRightsSettings',
  method: 'put',
  path: '/v1/rights-settings',
  tags: ['rights settings'],
  summary: 'Replace the settings for privacy-rights requests',
  description:
    'Replaces them as a whole (an omitted field takes its default). New requests are timed by the new calendar and DPDP period; ' +
    'requests already received keep the deadline they were given. An unknown time zone or holiday calendar answers **422**.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const settings = await client.rightsSettings.update({ timeZone: \'Asia/Kolkata\', holidayCountry: \'IN\', dpdpResponseDays: 30 });',
  request: { body: jsonBody(RightsSettingsInput) },
  responses: {
    200: jsonResponse(RightsSettings, 'The settings as stored.'),
  },
});
