import type { Queryable, Sql } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { LoginAuditTrail } from '../../login-audit/login-audit-trail.ts';
import { loginAuditSubject } from '../../login-audit/subject-email-sealer.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import { mailLocale } from '../../mail/mail-template.ts';
import { eraseAccountOf } from '../../rights/fulfilment/account-erasure.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { SubjectCipher } from '../../secrets/subject-keys.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import type { SignUpTerms, StatementLocale } from '../sign-up-terms.ts';
import { statementLocale } from '../sign-up-terms.ts';
import { guardianConsentLink, GuardianLinks, maskEmail } from './guardian-link.ts';
import { guardianStatement, statementHash, type StatementFacts } from './guardian-statement.ts';

/**
 * How long a minor's account waits for a parent's or guardian's answer. Unanswered after
 * this, it is erased by the daily `guardian-expiry` job (guardian-jobs.ts).
 */
export const GUARDIAN_CONSENT_DAYS = 14;
/** The guardian mail is sent again at most this often per account and day (the frame's "send again"). */
export const GUARDIAN_MAILS_PER_DAY = 3;

/** Where each sealed value is bound (secrets/subject-keys.ts): moved elsewhere, it does not open. */
export const guardianSealPlace = (table: 'guardian_consent_requests' | 'guardian_consents', column: string, userId: string) => `${table}.${column}|${userId}`;

export interface GuardianDependencies {
  sql: Sql;
  encryption: FieldEncryption;
  jobs: JobQueue;
  loginAudit: LoginAuditTrail;
  masterKey: Buffer;
  /** The API's public URL: where the mail's link points. */
  baseUrl: string;
}

/** What the guardian page shows for a link that works. */
export interface GuardianRequestView {
  userId: string;
  locale: StatementLocale;
  facts: StatementFacts;
  policyUrl: string | null;
  termsUrl: string | null;
  expiresAt: Date;
}

export interface GuardianDecision {
  decision: 'consent' | 'refuse';
  guardianName: string;
  ipAddress: string | undefined;
  userAgent: string | undefined;
  /** The page's language: the statement's hash is of the words shown in it. */
  locale: StatementLocale;
}

interface RequestRow {
  user_id: string;
  email: string;
  subject_key_id: string;
  guardian_email_sealed: Buffer;
  locale: string;
  service_origin: string;
  privacy_policy_version: string | null;
  privacy_policy_url: string | null;
  terms_version: string | null;
  terms_url: string | null;
  expires_at: Date;
}

/**
 * Guardian consent for accounts made below the age of digital consent (docs/accounts.md,
 * "Accounts of minors"). The account is made `pending` by better-auth's user hook
 * (auth-instances.ts), which also refuses it any session; this opens the request and mails the
 * guardian, and applies the answer: consent makes the account usable, refusal (or no answer
 * in 14 days) erases it. Each answer is an append-only record whose personal parts are sealed
 * under the child's per-person key (the login audit's key of their address), so the account's
 * erasure shreds them and the rest stays as proof.
 */
export class GuardianConsents {
  readonly links: GuardianLinks;

  constructor(private readonly deps: GuardianDependencies) {
    this.links = new GuardianLinks(deps.masterKey);
  }

  /** After the pending account was made: its request and the guardian's mail, in one transaction. */
  async open(scope: DataScope, input: { userId: string; childEmail: string; guardianEmail: string; locale: string; serviceOrigin: string; terms: Pick<SignUpTerms, 'policy' | 'terms'> }): Promise<void> {
    const locale = statementLocale(input.locale);
    await this.deps.sql.begin(async (sql) => {
      const child = await this.#childKey(sql, scope, input.childEmail);
      const link = this.links.issue(scope);
      await sql`
        INSERT INTO guardian_consent_requests (tenant_id, environment, user_id, subject_key_id, guardian_email_sealed, token_hash, locale, service_origin,
          privacy_policy_version, privacy_policy_url, terms_version, terms_url, expires_at)
        SELECT ${scope.tenantId}, ${scope.environment}, ${input.userId}, ${child.id},
          ${child.encrypt(input.guardianEmail, guardianSealPlace('guardian_consent_requests', 'guardian_email', input.userId))}, ${link.tokenHash}, ${locale}, ${input.serviceOrigin.slice(0, 300)},
          ${input.terms.policy?.version ?? null}, ${input.terms.policy?.url ?? null}, ${input.terms.terms?.version ?? null}, ${input.terms.terms?.url ?? null},
          u.created_at + make_interval(days => ${GUARDIAN_CONSENT_DAYS})
        FROM auth_users u WHERE u.tenant_id = ${scope.tenantId} AND u.environment = ${scope.environment} AND u.id = ${input.userId}`;
      await this.#mail(sql, scope, child, { guardianEmail: input.guardianEmail, childEmail: input.childEmail, serviceOrigin: input.serviceOrigin, locale, token: link.token, userId: input.userId });
    });
  }

  /**
   * A new link to the same guardian (the old one stops working). The caller proved the account
   * (its password) and counted the resend against its limit. False when nothing is pending.
   */
  async resend(scope: DataScope, userId: string): Promise<boolean> {
    return await this.deps.sql.begin(async (sql) => {
      const [row] = await this.#requestRows(sql, scope, sql`r.user_id = ${userId}`, true);
      if (!row) return false;
      const child = await this.#openChildKey(sql, scope, row.subject_key_id);
      if (!child) return false;
      const link = this.links.issue(scope);
      await sql`
        UPDATE guardian_consent_requests SET token_hash = ${link.tokenHash}, mails_sent = mails_sent + 1, last_sent_at = now()
        WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${userId}`;
      const guardianEmail = child.decrypt(row.guardian_email_sealed, guardianSealPlace('guardian_consent_requests', 'guardian_email', userId));
      await this.#mail(sql, scope, child, { guardianEmail, childEmail: row.email, serviceOrigin: row.service_origin, locale: statementLocale(row.locale), token: link.token, userId });
      return true;
    });
  }

  /** The request a link opens, if it still works (signed for this scope, unused, unexpired). */
  async find(scope: DataScope, token: string): Promise<GuardianRequestView | undefined> {
    const tokenHash = this.links.check(scope, token);
    if (!tokenHash) return undefined;
    const [row] = await this.#requestRows(this.deps.sql, scope, this.deps.sql`r.token_hash = ${tokenHash}`, false);
    return row ? await this.#view(scope, row) : undefined;
  }

  /**
   * The guardian's answer, once: the request is consumed in the same transaction that records
   * the answer (a second use, or a race, finds nothing). Consent makes the account usable;
   * refusal erases it. Undefined when the link does not work.
   */
  async decide(scope: DataScope, token: string, answer: GuardianDecision): Promise<'consent' | 'refuse' | undefined> {
    const tokenHash = this.links.check(scope, token);
    if (!tokenHash) return undefined;
    const outcome = await this.deps.sql.begin(async (sql) => {
      const [row] = await this.#requestRows(sql, scope, sql`r.token_hash = ${tokenHash}`, true);
      if (!row) return undefined;
      const child = await this.#openChildKey(sql, scope, row.subject_key_id);
      if (!child) return undefined;
      await sql`DELETE FROM guardian_consent_requests WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${row.user_id}`;
      const view = await this.#view(scope, row);
      const seal = (value: string, column: string) => child.encrypt(value, guardianSealPlace('guardian_consents', column, row.user_id));
      const guardianEmail = child.decrypt(row.guardian_email_sealed, guardianSealPlace('guardian_consent_requests', 'guardian_email', row.user_id));
      await sql`
        INSERT INTO guardian_consents (tenant_id, environment, user_id, decision, privacy_policy_version, terms_version, statement_hash, locale,
          subject_key_id, guardian_name_sealed, guardian_email_sealed, ip_address_sealed, user_agent_sealed)
        VALUES (${scope.tenantId}, ${scope.environment}, ${row.user_id}, ${answer.decision === 'consent' ? 'given' : 'refused'},
          ${row.privacy_policy_version}, ${row.terms_version}, ${statementHash(guardianStatement(answer.locale, answer.decision, view.facts))}, ${answer.locale},
          ${child.id}, ${seal(answer.guardianName, 'guardian_name')}, ${seal(guardianEmail, 'guardian_email')},
          ${answer.ipAddress ? seal(answer.ipAddress, 'ip_address') : null}, ${answer.userAgent ? seal(answer.userAgent.slice(0, 1000), 'user_agent') : null})`;
      if (answer.decision === 'consent') {
        await sql`
          UPDATE auth_users SET guardian_consent = 'given', updated_at = now()
          WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${row.user_id}`;
      } else {
        await eraseAccountOf(sql, this.deps.encryption, scope, row.email);
      }
      return { decision: answer.decision, userId: row.user_id, email: row.email };
    });
    if (!outcome) return undefined;
    // The trail keeps no address of an erased account (its key is gone): the id alone then.
    await this.deps.loginAudit.append(scope, {
      outcome: outcome.decision === 'consent' ? 'guardian_consent_given' : 'guardian_consent_refused',
      accountId: outcome.userId, email: outcome.decision === 'consent' ? outcome.email : undefined,
      ipAddress: answer.ipAddress, userAgent: answer.userAgent,
    });
    return outcome.decision;
  }

  async #requestRows(sql: Queryable, scope: DataScope, condition: ReturnType<Sql>, lock: boolean): Promise<RequestRow[]> {
    return await sql<RequestRow[]>`
      SELECT r.user_id, u.email, r.subject_key_id, r.guardian_email_sealed, r.locale, r.service_origin,
        r.privacy_policy_version, r.privacy_policy_url, r.terms_version, r.terms_url, r.expires_at
      FROM guardian_consent_requests r
      JOIN auth_users u ON u.tenant_id = r.tenant_id AND u.environment = r.environment AND u.id = r.user_id AND u.guardian_consent = 'pending'
      WHERE r.tenant_id = ${scope.tenantId} AND r.environment = ${scope.environment} AND ${condition} AND r.expires_at > now()
      ${lock ? sql`FOR UPDATE OF r` : sql``}`;
  }

  async #view(scope: DataScope, row: RequestRow): Promise<GuardianRequestView> {
    return {
      userId: row.user_id,
      locale: statementLocale(row.locale),
      facts: {
        organisation: await organisationName(this.deps.sql, scope), service: row.service_origin, child: maskEmail(row.email),
        policyVersion: row.privacy_policy_version, termsVersion: row.terms_version,
      },
      policyUrl: row.privacy_policy_url,
      termsUrl: row.terms_url,
      expiresAt: row.expires_at,
    };
  }

  async #childKey(sql: Queryable, scope: DataScope, childEmail: string): Promise<SubjectCipher> {
    const cipher = await loginAuditSubject(sql, this.deps.encryption, scope, childEmail, { create: true });
    if (!cipher) throw new Error('no per-person key for the account');
    return cipher;
  }

  async #openChildKey(sql: Queryable, scope: DataScope, id: string): Promise<SubjectCipher | null> {
    return (await this.deps.encryption.openSubjects(sql, scope, [id])).get(id) ?? null;
  }

  async #mail(sql: Queryable, scope: DataScope, child: SubjectCipher, input: { guardianEmail: string; childEmail: string; serviceOrigin: string; locale: StatementLocale; token: string; userId: string }): Promise<void> {
    const locale = mailLocale(input.locale);
    // Sealed under the child's key: the account's erasure shreds the mail to the guardian too.
    await queueMail(sql, this.deps.jobs, scope, {
      recipient: child, to: input.guardianEmail, template: 'guardian_consent_request', locale,
      data: {
        organisation: await organisationName(sql, scope), service: input.serviceOrigin, child: maskEmail(input.childEmail),
        link: guardianConsentLink(this.deps.baseUrl, scope, input.token, locale), validDays: GUARDIAN_CONSENT_DAYS,
      },
    });
  }
}

async function organisationName(sql: Queryable, scope: DataScope): Promise<string> {
  const [tenant] = await sql<{ name: string }[]>`SELECT name FROM tenants WHERE id = ${scope.tenantId}`;
  return tenant?.name ?? 'PortTask';
}

/** Whether an account waits for a guardian's consent (no session, no token until then). */
export async function awaitsGuardian(sql: Queryable, scope: DataScope, userId: string): Promise<boolean> {
  const [row] = await sql<{ pending: boolean }[]>`
    SELECT guardian_consent = 'pending' AS pending FROM auth_users
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}`;
  return row?.pending ?? false;
}
