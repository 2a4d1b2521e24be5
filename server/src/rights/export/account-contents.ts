import type { Queryable } from '../../db/connection.ts';
import { loginAuditSubject, openWith } from '../../login-audit/subject-email-sealer.ts';
import { normaliseEmail, type FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import type { BundleTable, Row } from './bundle-contents.ts';
import { guardianSealPlace } from '../../accounts/guardian/guardian-consents.ts';

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The account part of an access or export bundle: the account of the requester's verified
 * address in this tenant environment (profile, role, when it was made and whether its address
 * is verified), what it accepted at sign-up, and its entries in the login audit trail: the
 * attempts on the account and those made with its address. Another person's data is not in
 * it: an attempt's address is shown only when it opens under the requester's own key. No
 * tables when the address has no account and no attempts.
 */
export async function gatherAccountTables(sql: Queryable, encryption: FieldEncryption, scope: DataScope, email: string): Promise<BundleTable[]> {
  const inScope = sql`tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  const accounts = await sql<Row[]>`
    SELECT id, email, name, role, email_verified AS "emailVerified", disabled_at IS NOT NULL AS disabled,
      ${sql.unsafe(utc('created_at'))} AS "createdAt", ${sql.unsafe(utc('updated_at'))} AS "updatedAt"
    FROM auth_users WHERE ${inScope} AND email = ${normaliseEmail(email)}`;
  const accountIds = accounts.map((account) => String(account.id));
  const signInMethods = await sql<Row[]>`
    SELECT user_id AS "accountId", provider_id AS "method", ${sql.unsafe(utc('created_at'))} AS "createdAt"
    FROM auth_accounts WHERE ${inScope} AND user_id = ANY(${accountIds}) ORDER BY auth_accounts.created_at`;
  const acceptances = await sql<Row[]>`
    SELECT user_id AS "accountId", privacy_policy_version AS "privacyPolicyVersion", terms_version AS "termsVersion",
      encode(statement_hash, 'hex') AS "statementHash", locale, age_check AS "ageCheck", minimum_age AS "minimumAge",
      ip_address AS "ipAddress", user_agent AS "userAgent", ${sql.unsafe(utc('accepted_at'))} AS "acceptedAt"
    FROM account_acceptances WHERE ${inScope} AND user_id = ANY(${accountIds}) ORDER BY account_acceptances.accepted_at`;

  const guardianConsents = await guardianConsentRows(sql, encryption, scope, accountIds);

  // The address's own key in the trail (none if it never signed in): finds the attempts made
  // with the address, including those that matched no account.
  const subject = await loginAuditSubject(sql, encryption, scope, email, { create: false });
  const events = await sql<{ occurred_at: string; outcome: string; ip_address: string | null; user_agent: string | null; email_sealed: string | null; account_id: string | null }[]>`
    SELECT ${sql.unsafe(utc('occurred_at'))} AS occurred_at, outcome, host(ip_address) AS ip_address, user_agent, email_sealed, account_id
    FROM login_audit_events
    WHERE ${inScope} AND (account_id = ANY(${accountIds}) ${subject ? sql`OR email_sealed LIKE ${`subj1.${subject.id}.%`}` : sql``})
    ORDER BY login_audit_events.sequence`;
  if (accounts.length === 0 && events.length === 0) return [];

  return [
    {
      folder: 'porttask',
      name: 'account',
      columns: ['id', 'email', 'name', 'role', 'emailVerified', 'disabled', 'createdAt', 'updatedAt'],
      rows: accounts,
    },
    { folder: 'porttask', name: 'account-sign-in-methods', columns: ['accountId', 'method', 'createdAt'], rows: signInMethods },
    {
      folder: 'porttask',
      name: 'account-sign-up-acceptances',
      columns: ['accountId', 'privacyPolicyVersion', 'termsVersion', 'statementHash', 'locale', 'ageCheck', 'minimumAge', 'ipAddress', 'userAgent', 'acceptedAt'],
      rows: acceptances,
    },
    {
      folder: 'porttask',
      name: 'account-guardian-consents',
      columns: ['accountId', 'decision', 'privacyPolicyVersion', 'termsVersion', 'statementHash', 'locale', 'guardianName', 'guardianEmail', 'decidedAt'],
      rows: guardianConsents,
    },
    {
      folder: 'porttask',
      name: 'login-events',
      columns: ['at', 'outcome', 'ipAddress', 'userAgent', 'email', 'accountId'],
      rows: events.map((event) => ({
        at: event.occurred_at,
        outcome: event.outcome,
        ipAddress: event.ip_address,
        userAgent: event.user_agent,
        email: subject && event.email_sealed ? openWith(subject, event.email_sealed) : null,
        accountId: event.account_id,
      })),
    },
  ];
}

/**
 * What a parent or guardian answered for a minor's account (accounts/guardian/): the decision,
 * the versions and the statement's hash, and the guardian's name and address, which open under
 * the account's own key. The guardian's IP address and browser stay out: they are the
 * guardian's, not the account holder's.
 */
async function guardianConsentRows(sql: Queryable, encryption: FieldEncryption, scope: DataScope, accountIds: string[]): Promise<Row[]> {
  const records = await sql<{ user_id: string; decision: string; privacy_policy_version: string | null; terms_version: string | null; statement_hash: string | null; locale: string | null; subject_key_id: string | null; guardian_name_sealed: Buffer | null; guardian_email_sealed: Buffer | null; decided_at: string }[]>`
    SELECT user_id, decision, privacy_policy_version, terms_version, encode(statement_hash, 'hex') AS statement_hash, locale, subject_key_id,
      guardian_name_sealed, guardian_email_sealed, ${sql.unsafe(utc('decided_at'))} AS decided_at
    FROM guardian_consents WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ANY(${accountIds})
    ORDER BY guardian_consents.decided_at`;
  const keys = await encryption.openSubjects(sql, scope, records.flatMap((record) => (record.subject_key_id ? [record.subject_key_id] : [])));
  const opened = (record: (typeof records)[number], column: 'guardian_name' | 'guardian_email') => {
    const sealed = column === 'guardian_name' ? record.guardian_name_sealed : record.guardian_email_sealed;
    const key = record.subject_key_id ? keys.get(record.subject_key_id) : null;
    return sealed && key ? key.decrypt(sealed, guardianSealPlace('guardian_consents', column, record.user_id)) : null;
  };
  return records.map((record) => ({
    accountId: record.user_id, decision: record.decision, privacyPolicyVersion: record.privacy_policy_version, termsVersion: record.terms_version,
    statementHash: record.statement_hash, locale: record.locale, guardianName: opened(record, 'guardian_name'), guardianEmail: opened(record, 'guardian_email'), decidedAt: record.decided_at,
  }));
}
