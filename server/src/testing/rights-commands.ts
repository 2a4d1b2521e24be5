import { createClient } from '@porttask/sdk';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { setTenantLimits } from '../limits/limit-policies.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import type { SmtpInbox } from './smtp-inbox.ts';
import type { TestServer } from './test-server.ts';

/**
 * web-test-runner server commands for the rights widgets' tests: the code a requester reads in
 * their mail (from the in-process SMTP server the API sends to), and staff's actions through
 * the SDK with the secret key, which never reaches the test page. The browser side is
 * widgets/src/testing/rights-commands.ts.
 */
export const RIGHTS_COMMANDS = {
  mailCount: 'porttask-rights-mail-count',
  code: 'porttask-rights-code',
  staff: 'porttask-rights-staff',
  limitedTenant: 'porttask-rights-limited-tenant',
} as const;

export interface CodePayload { email: string; after?: number }
export interface StaffPayload { action: 'approve' | 'complete' | 'deny' | 'extend'; id: string; reason?: string }

/** Handles the commands above; `undefined` for any other command. */
export function rightsCommands(api: () => TestServer | undefined, inbox: () => SmtpInbox | undefined) {
  let client: ReturnType<typeof createClient> | undefined;
  const staff = () => {
    const server = api();
    if (!server) throw new Error('The test API has not started.');
    return (client ??= createClient({ apiUrl: server.apiUrl, secretKey: server.secretKey })).rightsRequests;
  };
  const mailbox = () => inbox() ?? (() => { throw new Error('The test SMTP server has not started.'); })();
  return async (command: string, payload: unknown): Promise<unknown> => {
    switch (command) {
      case RIGHTS_COMMANDS.mailCount:
        return mailbox().received.length;
      case RIGHTS_COMMANDS.code: {
        const { email, after } = payload as CodePayload;
        return mailbox().waitForCode(email, { after: after ?? 0, timeoutMs: 8_000 });
      }
      case RIGHTS_COMMANDS.staff: {
        const { action, id, reason } = payload as StaffPayload;
        if (action === 'approve') return staff().approve(id);
        if (action === 'complete') return staff().complete(id);
        if (action === 'deny') return staff().deny(id, reason ?? 'No data is held about this address.');
        return staff().extend(id, reason ?? 'The request covers ten years of port calls.');
      }
      case RIGHTS_COMMANDS.limitedTenant: {
        // A tenant of its own, so its one-request-per-address limit touches no other test.
        const server = api()!;
        const tenant = await insertTenant(server.db.owner, { name: 'Limited Port Agency', region: 'eu', jurisdictions: ['gdpr'] });
        const key = await insertApiKey(server.db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'test', allowedOrigins: [] });
        await setTenantLimits(server.db.owner, { tenantId: tenant.id, environment: 'test' }, { rightsRequestsPerEmailPerDay: 1, requesterCallsPerIpPerMinute: 1_000_000, rightsRequestsPerIpPerHour: 1_000_000, rightsRequestsPerTenantPerHour: 1_000_000, writesPerIpPerMinute: 1_000_000 });
        return key.token;
      }
      default:
        return undefined;
    }
  };
}
