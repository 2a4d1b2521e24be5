import * as z from 'zod';
import { ExportDownloadQuery, RightsRequestData, RightsRequestDataStored, RightsRequestId } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { anyKeyAuth, jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const params = z.object({ id: RightsRequestId });

export const putRightsRequestDataRoute = apiRoute({
  operationId: 'putRightsRequestData',
  method: 'put',
  path: '/v1/rights-requests/{id}/data',
  tags: ['rights requests'],
  summary: 'Add what you hold about the requester (staff)',
  description:
    'Named tables of rows (each cell a string, number, boolean or null) that go into the export bundle of an access or export request as ' +
    '`partner/<table>.json` and `.csv`. Stored encrypted under the requester\'s key; each call replaces what an earlier one stored, until the ' +
    'request is closed (**409** `REQUEST_CLOSED` after completion, refusal or cancellation).\n\n' +
    'At most 20 tables of 1,000 rows of 50 columns, strings of 5,000 characters, and 256 KB in all (**413** `PAYLOAD_TOO_LARGE`).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const stored = await client.rightsRequests.putData($id, $body);',
  request: { params, body: jsonBody(RightsRequestData) },
  responses: { 200: jsonResponse(RightsRequestDataStored, 'Stored (replacing what was there).') },
  errors: [404, 409],
});

export const downloadRightsRequestExportRoute = apiRoute({
  operationId: 'downloadRightsRequestExport',
  method: 'get',
  path: '/v1/rights-requests/{id}/export',
  tags: ['rights requests'],
  summary: 'Download the export bundle (signed link)',
  description:
    'The `downloadUrl` of the requester\'s status answer: a link signed by the API, valid for 7 days after the bundle was built. Call it with ' +
    'the publishable key (`X-PortTask-Key`, as the status widget does) or a secret key of the same tenant and environment. The answer is a ZIP: ' +
    '`README.txt` in the requester\'s language, and every table as JSON and CSV. Every download is recorded.\n\n' +
    '- **403** `INVALID_DOWNLOAD_LINK`: the signature is not ours, or the link is for an earlier build of the bundle;\n' +
    '- **404**: no bundle is ready for this request in this tenant and environment;\n' +
    '- **410** `DOWNLOAD_EXPIRED`: the link is past its 7 days (the requester asks the organisation for a new answer).',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: null,
  request: { params, query: ExportDownloadQuery },
  responses: {
    200: {
      description: 'The bundle (`Content-Disposition: attachment`).',
      content: { 'application/zip': { schema: z.string().max(64 * 1024 * 1024).meta({ format: 'binary' }), example: 'PK…' } },
    },
  },
  errors: [410],
});
