import type { Sql } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { mailPlace, type MailJob } from './mail-outbox.ts';
import type { MailTransport } from './mail-transport.ts';

interface MailRow {
  subject_key_id: string;
  recipient: Buffer;
  subject_line: Buffer;
  text_body: Buffer;
  html_body: Buffer;
  sent_at: Date | null;
}

/**
 * The `mail` queue's worker. A failure is recorded on the mail and thrown, so the queue
 * retries it with backoff. Delivery is at least once: a crash between the SMTP server's
 * acceptance and the record of it sends that mail again.
 */
export function mailSender(deps: { sql: Sql; encryption: FieldEncryption; transport: MailTransport; logger: Logger }) {
  return async function sendMail(job: MailJob): Promise<void> {
    const scope: DataScope = { tenantId: job.tenantId, environment: job.environment };
    const [mail] = await deps.sql<MailRow[]>`
      SELECT subject_key_id, recipient, subject_line, text_body, html_body, sent_at FROM mail_outbox
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${job.mailId}`;
    if (!mail) return;
    const shredIfAsked = async () => { if (job.shredRecipientAfterSending) await deps.encryption.shredSubject(deps.sql, scope, mail.subject_key_id); };
    if (mail.sent_at) return shredIfAsked(); // a retry after a crash between sending and shredding
    const cipher = (await deps.encryption.openSubjects(deps.sql, scope, [mail.subject_key_id])).get(mail.subject_key_id);
    if (!cipher) {
      // The recipient was erased before their mail left: it must not leave now.
      await record(deps.sql, scope, job.mailId, 'recipient erased before sending');
      return;
    }
    try {
      await deps.transport.send({
        to: cipher.decrypt(mail.recipient, mailPlace(job.mailId, 'recipient')),
        subject: cipher.decrypt(mail.subject_line, mailPlace(job.mailId, 'subject_line')),
        text: cipher.decrypt(mail.text_body, mailPlace(job.mailId, 'text_body')),
        html: cipher.decrypt(mail.html_body, mailPlace(job.mailId, 'html_body')),
      });
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      await record(deps.sql, scope, job.mailId, message);
      deps.logger.warn({ mailId: job.mailId, tenantId: scope.tenantId, error: message }, 'mail not sent; the queue retries it');
      throw error;
    }
    await deps.sql`
      UPDATE mail_outbox SET sent_at = now(), sent_via = ${deps.transport.via}, attempts = attempts + 1, last_error = NULL
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${job.mailId}`;
    await shredIfAsked();
  };
}

async function record(sql: Sql, scope: DataScope, mailId: string, error: string): Promise<void> {
  await sql`
    UPDATE mail_outbox SET attempts = attempts + 1, last_error = ${error}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${mailId}`;
}
