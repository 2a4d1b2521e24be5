import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Sql } from '../../db/connection.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import { listDevelopmentMail } from './dev-mail.handlers.ts';

/**
 * `/dev/mail`: the development mailbox. Mounted only outside production when SMTP_URL is not
 * set (see app.ts); it shows every tenant's mail, so it must never be reachable elsewhere.
 */
export function developmentMailRouter(sql: Sql, encryption: FieldEncryption) {
  return new Hono<AppEnv>().get('/dev/mail', listDevelopmentMail(sql, encryption));
}
