import { AuditVerification, LoginAuditEvent, LoginAuditEventQuery, PageQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const listLoginEventsRoute = apiRoute({
  operationId: 'listLoginEvents',
  method: 'get',
  path: '/v1/audit/login-events',
  tags: ['audit'],
  summary: 'List login audit events',
  description:
    'Sign-in attempts and account events of the key\'s environment, newest first: time to the microsecond, outcome, IP, ' +
    'user agent, the email that was tried (stored encrypted, decrypted here) and the row hash of the audit chain.\n\n' +
    '`?outcome=` filters, e.g. `wrong_password` to watch for password guessing.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const event of client.audit.loginEvents({ outcome: \'wrong_password\' })) console.log(event.occurredAt, event.email);',
  request: { query: LoginAuditEventQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(LoginAuditEvent, 'LoginAuditEventPage'), 'One page of events, newest first.'),
  },
});

export const verifyLoginAuditRoute = apiRoute({
  operationId: 'verifyLoginAudit',
  method: 'get',
  path: '/v1/audit/verify',
  tags: ['audit'],
  summary: 'Verify the login audit trail',
  description:
    'Recomputes the key\'s environment\'s whole chain: every checkpoint\'s hash, link and Ed25519 signature, every event\'s hash, ' +
    'link and MAC, and the events each checkpoint signed.\n\nAnswers **200** either way: `intact` says which, and `fault` names the first ' +
    'bad record and the kind of fault. `signingKey` is the key to pin when verifying an export offline.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const { intact, fault } = await client.audit.verify();',
  responses: {
    200: jsonResponse(AuditVerification, 'The result of the verification.'),
  },
});
