import { createRoute } from '@hono/zod-openapi';
import { AuditVerification, LoginAuditEvent, LoginAuditEventQuery, PageQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { errorResponses, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const listLoginEventsRoute = createRoute({
  method: 'get',
  path: '/v1/audit/login-events',
  operationId: 'listLoginEvents',
  tags: ['audit'],
  summary: 'List login audit events',
  description:
    'Sign-in attempts and account events of the key\'s environment, newest first: time to the microsecond, outcome, IP, ' +
    'user agent, the email that was tried (stored encrypted, decrypted here) and the row hash of the audit chain.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { query: LoginAuditEventQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(LoginAuditEvent).meta({ id: 'LoginAuditEventPage' }), 'One page of events, newest first.'),
    ...errorResponses(401, 403, 422),
  },
});

export const verifyLoginAuditRoute = createRoute({
  method: 'get',
  path: '/v1/audit/verify',
  operationId: 'verifyLoginAudit',
  tags: ['audit'],
  summary: 'Verify the login audit trail',
  description:
    'Recomputes the key\'s environment\'s whole chain: every checkpoint\'s hash, link and Ed25519 signature, every event\'s hash, ' +
    'link and MAC, and the events each checkpoint signed. Answers 200 either way; `intact` says which, and `fault` names the first ' +
    'bad record and the kind of fault. `signingKey` is the key to pin when verifying an export offline.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: jsonResponse(AuditVerification, 'The result of the verification.'),
    ...errorResponses(401, 403),
  },
});
