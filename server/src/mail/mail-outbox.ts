import type { Queryable } from '../db/connection.ts';
import { newMailId } from '../ids.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { SubjectCipher } from '../secrets/subject-keys.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { renderMail, type MailLocale } from './mail-template.ts';
import { MAIL_TEMPLATES, type MailTemplateData, type MailTemplateName } from './templates/index.ts';

/** What the `mail` queue's jobs carry: a pointer, never an address or a body. */
export interface MailJob {
  tenantId: string;
  environment: DataScope['environment'];
  mailId: string;
  /** The recipient's key is destroyed once the mail has left (the last mail to an erased requester). */
  shredRecipientAfterSending?: boolean;
}

/** Where each encrypted column is bound (see secrets/subject-keys.ts). */
export const mailPlace = (mailId: string, column: 'recipient' | 'subject_line' | 'text_body' | 'html_body') => `mail_outbox.${column}|${mailId}`;

export interface QueueMail<Name extends MailTemplateName> {
  /** The recipient's subject key: their mail is erased with them. */
  recipient: SubjectCipher;
  to: string;
  template: Name;
  locale: MailLocale;
  data: MailTemplateData[Name];
  /** Destroy the recipient's key once sent: nothing of the address or the mail stays readable. */
  shredRecipientAfterSending?: boolean;
}

/**
 * Writes the mail (encrypted) and its job in the caller's transaction: the mail goes out
 * exactly when what caused it commits. Returns the mail's id.
 */
export async function queueMail<Name extends MailTemplateName>(sql: Queryable, jobs: JobQueue, scope: DataScope, mail: QueueMail<Name>): Promise<string> {
  const id = newMailId();
  const rendered = renderMail(mail.locale, MAIL_TEMPLATES[mail.template](mail.locale, mail.data));
  const seal = (value: string, column: Parameters<typeof mailPlace>[1]) => mail.recipient.encrypt(value, mailPlace(id, column));
  await sql`
    INSERT INTO mail_outbox (tenant_id, environment, id, subject_key_id, template, locale, recipient, subject_line, text_body, html_body)
    VALUES (${scope.tenantId}, ${scope.environment}, ${id}, ${mail.recipient.id}, ${mail.template}, ${mail.locale},
      ${seal(mail.to, 'recipient')}, ${seal(rendered.subject, 'subject_line')}, ${seal(rendered.text, 'text_body')}, ${seal(rendered.html, 'html_body')})`;
  const job: MailJob = { tenantId: scope.tenantId, environment: scope.environment, mailId: id, ...(mail.shredRecipientAfterSending ? { shredRecipientAfterSending: true } : {}) };
  await jobs.enqueue(sql, 'mail', job);
  return id;
}
