import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Sql } from '../../db/connection.ts';
import { mailPlace } from '../../mail/mail-outbox.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';

interface DevelopmentMailRow {
  tenant_id: string;
  environment: 'test' | 'live';
  id: string;
  subject_key_id: string;
  recipient: Buffer;
  subject_line: Buffer;
  text_body: Buffer;
  created_at: Date;
}

const PAGE_SIZE = 50;

/** The newest mails kept by the development mailbox, decrypted, as one HTML page. */
export function listDevelopmentMail(sql: Sql, encryption: FieldEncryption) {
  return async (c: Context) => {
    const rows = await sql<DevelopmentMailRow[]>`
      SELECT tenant_id, environment, id, subject_key_id, recipient, subject_line, text_body, created_at FROM mail_outbox
      WHERE sent_via = 'development_mailbox' ORDER BY created_at DESC LIMIT ${PAGE_SIZE}`;
    const mails = [];
    for (const row of rows) {
      const scope = { tenantId: row.tenant_id, environment: row.environment };
      const cipher = (await encryption.openSubjects(sql, scope, [row.subject_key_id])).get(row.subject_key_id);
      mails.push(cipher
        ? { ...row, to: cipher.decrypt(row.recipient, mailPlace(row.id, 'recipient')), subject: cipher.decrypt(row.subject_line, mailPlace(row.id, 'subject_line')), text: cipher.decrypt(row.text_body, mailPlace(row.id, 'text_body')) }
        : { ...row, to: '(erased)', subject: '(erased)', text: '' });
    }
    c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.header('Cache-Control', 'no-store');
    return c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development mailbox</title></head><body>
<h1>Development mailbox</h1>
<p>Mail the API would have sent (SMTP_URL is not set). Newest first, at most ${PAGE_SIZE}.</p>
${mails.length === 0 ? html`<p>No mail yet.</p>` : mails.map((mail) => html`<article><h2>${mail.subject}</h2>
<p>To ${mail.to} · ${mail.created_at.toISOString()} · tenant ${mail.tenant_id} (${mail.environment})</p><pre>${mail.text}</pre></article>`)}
</body></html>`);
  };
}
