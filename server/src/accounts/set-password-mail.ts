import type { Queryable, Sql } from '../db/connection.ts';
import { queueMail } from '../mail/mail-outbox.ts';
import type { MailLocale } from '../mail/mail-template.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import type { AccountMail } from './account-mail.ts';
import { INVITATION_LINK_DAYS, RESET_LINK_SECONDS, setPasswordLink } from './set-password-tokens.ts';
import { isUserDisabled } from './users.queries.ts';

async function organisationName(sql: Queryable, scope: DataScope): Promise<string> {
  const [tenant] = await sql<{ name: string }[]>`SELECT name FROM tenants WHERE id = ${scope.tenantId}`;
  return tenant?.name ?? 'PortTask';
}

/**
 * better-auth's `sendResetPassword`: queues the reset mail (encrypted in the outbox, sent by
 * the mail worker) with the link to the set-password page. A disabled account gets no mail
 * (its answer was the same as anyone's).
 */
export async function sendPasswordReset(sql: Sql, mail: AccountMail, scope: DataScope, input: { baseUrl: string; userId: string; email: string; token: string; locale: MailLocale }): Promise<void> {
  if (await isUserDisabled(sql, scope, input.userId)) return;
  const organisation = await organisationName(sql, scope);
  await sql.begin(async (transaction) => {
    const recipient = await mail.encryption.createSubject(transaction, scope);
    await queueMail(transaction, mail.jobs, scope, {
      recipient, to: input.email, template: 'password_reset', locale: input.locale,
      data: { organisation, link: setPasswordLink(input.baseUrl, scope, input.token, input.locale), validMinutes: RESET_LINK_SECONDS / 60 },
    });
  });
}

/** Queues an invitation's mail in the caller's transaction: it leaves only if the invitation commits. */
export async function queueInvitationMail(sql: Queryable, mail: AccountMail, scope: DataScope, input: { baseUrl: string; email: string; token: string; locale: MailLocale }): Promise<void> {
  const recipient = await mail.encryption.createSubject(sql, scope);
  await queueMail(sql, mail.jobs, scope, {
    recipient, to: input.email, template: 'account_invitation', locale: input.locale,
    data: { organisation: await organisationName(sql, scope), link: setPasswordLink(input.baseUrl, scope, input.token, input.locale), validDays: INVITATION_LINK_DAYS },
  });
}
