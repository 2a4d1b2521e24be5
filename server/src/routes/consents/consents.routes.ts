import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { ConsentListQuery, ConsentRecord, NewConsentRecord, PageQuery, ReceiptId, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { errorResponses, jsonResponse, publishableKeyAuth, secretKeyAuth } from '../../openapi/responses.ts';

export const recordConsentRoute = createRoute({
  method: 'post',
  path: '/v1/consents',
  tags: ['consents'],
  summary: 'Record a visitor\'s consent decision',
  description:
    'Appends a consent record and returns its receipt. Records are never changed or deleted; a new decision is a new record. ' +
    'Send an `Idempotency-Key` so a retried decision is recorded once. Refuses unknown purposes (UNKNOWN_PURPOSE), a policy ' +
    'version the tenant never published (UNKNOWN_POLICY_VERSION) and refusing a strictly necessary purpose (REQUIRED_PURPOSE_REFUSED).',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  request: { body: { content: { 'application/json': { schema: NewConsentRecord } }, required: true } },
  responses: {
    201: jsonResponse(ConsentRecord, 'The record as stored: the receipt.'),
    ...errorResponses(400, 401, 403, 409, 413, 422),
  },
});

export const getConsentRoute = createRoute({
  method: 'get',
  path: '/v1/consents/{receiptId}',
  tags: ['consents'],
  summary: 'Get the proof of one consent decision',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { params: z.object({ receiptId: ReceiptId }) },
  responses: {
    200: jsonResponse(ConsentRecord, 'The consent record.'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const listConsentsRoute = createRoute({
  method: 'get',
  path: '/v1/consents',
  tags: ['consents'],
  summary: 'List a subject\'s consent history',
  description: 'Every decision of one anonymous subject, oldest first.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { query: ConsentListQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(ConsentRecord).meta({ id: 'ConsentRecordPage' }), 'One page of the subject\'s records.'),
    ...errorResponses(400, 401, 403, 422),
  },
});
