import type { Queryable } from '../db/connection.ts';
import { normaliseEmail, type FieldEncryption } from '../secrets/field-encryption.ts';
import type { SubjectCipher } from '../secrets/subject-keys.ts';
import type { ChainScope } from './chain-format.ts';
import type { EmailSealer } from './email-sealer.ts';

const PREFIX = 'subj1';
/** Bound into every sealed address: a value moved to another table or column does not open. */
const PLACE = 'login_audit_events.email_sealed';

/**
 * The login audit's sealer for a tenant environment's people: each address is encrypted under
 * a key of its own person (a field-encryption subject key, found by the address's blind index
 * in `login_audit_email_subjects`), so erasing one person shreds their address in every row of
 * the trail and nobody else's. The trail hashes the sealed text, which does not change: the
 * chain still verifies after a shredding. Text: `subj1.<subject key id>.<base64url>`.
 *
 * Rows sealed earlier under the interim per-tenant key open through `earlier`.
 */
export function subjectEmailSealer(sql: Queryable, encryption: FieldEncryption, earlier?: EmailSealer): EmailSealer {
  return {
    async seal(scope, email) {
      const cipher = await loginAuditSubject(sql, encryption, scope, email, { create: true });
      return `${PREFIX}.${cipher!.id}.${cipher!.encrypt(normaliseEmail(email), PLACE).toString('base64url')}`;
    },
    async open(scope, sealed) {
      if (!sealed.startsWith(`${PREFIX}.`)) return earlier ? await earlier.open(scope, sealed) : null;
      const [, subjectKeyId, body] = sealed.split('.');
      if (!subjectKeyId || !body) return null;
      const cipher = (await encryption.openSubjects(sql, scope, [subjectKeyId])).get(subjectKeyId);
      return cipher ? openWith(cipher, sealed) : null;
    },
  };
}

/** The address in a sealed text, when it was sealed under this subject's key (null otherwise). */
export function openWith(cipher: SubjectCipher, sealed: string): string | null {
  const [prefix, subjectKeyId, body] = sealed.split('.');
  if (prefix !== PREFIX || subjectKeyId !== cipher.id || !body) return null;
  try {
    return cipher.decrypt(Buffer.from(body, 'base64url'), PLACE);
  } catch {
    return null;
  }
}

/**
 * The subject key the trail seals this address under in the scope: made on first use (two
 * sign-ins at once agree on one), undefined when there is none and `create` is not asked.
 */
export async function loginAuditSubject(sql: Queryable, encryption: FieldEncryption, scope: ChainScope, email: string, options: { create: boolean }): Promise<SubjectCipher | undefined> {
  const index = await encryption.emailIndex(sql, scope, email);
  const find = async () => {
    const [row] = await sql<{ subject_key_id: string }[]>`
      SELECT subject_key_id FROM login_audit_email_subjects
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND email_index = ${index}`;
    return row && (await encryption.openSubjects(sql, scope, [row.subject_key_id])).get(row.subject_key_id);
  };
  const found = await find();
  if (found || !options.create) return found ?? undefined;
  const made = await encryption.createSubject(sql, scope);
  const [inserted] = await sql`
    INSERT INTO login_audit_email_subjects (tenant_id, environment, email_index, subject_key_id)
    VALUES (${scope.tenantId}, ${scope.environment}, ${index}, ${made.id})
    ON CONFLICT (tenant_id, environment, email_index) DO NOTHING
    RETURNING subject_key_id`;
  if (inserted) return made;
  // Another sign-in made one first: use theirs (ours is never used; an unused key holds nothing).
  const theirs = await find();
  if (!theirs) throw new Error('The login audit subject key of this address was shredded while it was being made; try again.');
  return theirs;
}

/**
 * Crypto-shreds one address in the scope's login audit trail: its subject key is destroyed
 * (every row that holds the address keeps its sealed text, which no key opens any more) and
 * the link from the address to the key is deleted, so a later sign-in with it starts afresh.
 * Returns whether there was a key to shred.
 */
export async function shredLoginAuditEmail(sql: Queryable, encryption: FieldEncryption, scope: ChainScope, email: string): Promise<boolean> {
  const index = await encryption.emailIndex(sql, scope, email);
  const rows = await sql<{ subject_key_id: string }[]>`
    DELETE FROM login_audit_email_subjects
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND email_index = ${index}
    RETURNING subject_key_id`;
  let shredded = false;
  for (const row of rows) shredded = (await encryption.shredSubject(sql, scope, row.subject_key_id)) || shredded;
  return shredded;
}
