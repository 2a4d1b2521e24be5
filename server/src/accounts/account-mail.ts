import type { Sql } from '../db/connection.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { queueMail } from '../mail/mail-outbox.ts';
import { mailLocale } from '../mail/mail-template.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import type { DataScope } from '../tenants/data-scope.ts';

export interface AccountMail {
  encryption: FieldEncryption;
  jobs: JobQueue;
}

/** How long the link in a verification mail works (better-auth's token carries the expiry). */
export const VERIFICATION_LINK_HOURS = 24;

/**
 * Queues the "confirm your email" mail of a new account through the mail outbox (encrypted
 * under a key of its own, sent by the job queue's mail worker). The link names the tenant
 * environment in clear: the token in it is signed with that scope's secret, so naming another
 * one only makes it fail.
 */
export async function sendAccountVerification(sql: Sql, mail: AccountMail, scope: DataScope, input: { baseUrl: string; email: string; token: string; acceptLanguage: string | undefined }): Promise<void> {
  const [tenant] = await sql<{ name: string }[]>`SELECT name FROM tenants WHERE id = ${scope.tenantId}`;
  const link = `${input.baseUrl}/embed/verify-email?${new URLSearchParams({ tenant: scope.tenantId, environment: scope.environment, token: input.token })}`;
  const locale = mailLocale(input.acceptLanguage?.split(',')[0]?.trim());
  await sql.begin(async (transaction) => {
    const recipient = await mail.encryption.createSubject(transaction, scope);
    await queueMail(transaction, mail.jobs, scope, {
      recipient, to: input.email, template: 'account_verification', locale,
      data: { organisation: tenant?.name ?? 'PortTask', link, validHours: VERIFICATION_LINK_HOURS },
    });
  });
}
