import * as z from 'zod';
import { ConsentListQuery, ConsentRecord, NewConsentRecord, PageQuery, ReceiptId, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, publishableKeyAuth, secretKeyAuth } from '../../openapi/responses.ts';

export const recordConsentRoute = apiRoute({
  operationId: 'recordConsent',
  method: 'post',
  path: '/v1/consents',
  tags: ['consents'],
  summary: 'Record a visitor\'s consent decision',
  description:
    'Appends a consent record and returns its receipt. Records are never changed or deleted: a new decision is a new ' +
    'record. The banner calls this; partner servers rarely need to.\n\n' +
    'Send an `Idempotency-Key` so a retried decision is recorded once. Refused with **422**:\n\n' +
    '- `UNKNOWN_PURPOSE`: a purpose the tenant does not configure;\n' +
    '- `UNKNOWN_POLICY_VERSION`: a policy version the tenant never published;\n' +
    '- `REQUIRED_PURPOSE_REFUSED`: a strictly necessary purpose refused.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: 'const receipt = await client.consents.record($body);',
  request: { body: jsonBody(NewConsentRecord) },
  responses: {
    201: jsonResponse(ConsentRecord, 'The record as stored: the receipt.'),
  },
});

export const getConsentRoute = apiRoute({
  operationId: 'getConsent',
  method: 'get',
  path: '/v1/consents/{receiptId}',
  tags: ['consents'],
  summary: 'Get the proof of one consent decision',
  description: 'The record behind a receipt: what was decided, under which policy version and banner text, when, and from where (IP address, user agent).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const record = await client.consents.get($receiptId);',
  request: { params: z.object({ receiptId: ReceiptId }) },
  responses: {
    200: jsonResponse(ConsentRecord, 'The consent record.'),
  },
});

export const listConsentsRoute = apiRoute({
  operationId: 'listConsents',
  method: 'get',
  path: '/v1/consents',
  tags: ['consents'],
  summary: 'List a subject\'s consent history',
  description: 'Every decision of one anonymous subject, oldest first, a page at a time (`nextCursor`).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: "for await (const record of client.consents.list({ subjectId: 'v_8c1f2e4a9b7d4c3e' })) console.log(record.receiptId, record.choices);",
  request: { query: ConsentListQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(ConsentRecord, 'ConsentRecordPage'), 'One page of the subject\'s records.'),
  },
});
