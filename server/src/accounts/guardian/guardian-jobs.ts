import type { Sql } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { Logger } from '../../logger.ts';
import { eraseAccountOf } from '../../rights/fulfilment/account-erasure.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { GUARDIAN_CONSENT_DAYS } from './guardian-consents.ts';

/** Once a day (UTC cron): an account is erased at most a day after its 14 days ran out. */
export const GUARDIAN_EXPIRY_SCHEDULE = '20 3 * * *';

/**
 * Erases the accounts still waiting for a guardian `GUARDIAN_CONSENT_DAYS` after they were
 * made, in every tenant environment, each in its own transaction with an `expired` record (a
 * run cut short leaves every account whole). Counted from the account, so one whose request
 * was never stored expires too. The erasure is a deletion request's (erase_account and the
 * shredding of the person's key, which seals what the guardian's mail and request held).
 */
export async function expireGuardianRequests(sql: Sql, encryption: FieldEncryption, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - GUARDIAN_CONSENT_DAYS * 86_400_000);
  const due = await sql<{ tenant_id: string; environment: 'test' | 'live'; id: string }[]>`
    SELECT tenant_id, environment, id FROM auth_users
    WHERE guardian_consent = 'pending' AND created_at < ${cutoff}
    ORDER BY created_at LIMIT 1000`;
  let erased = 0;
  for (const account of due) {
    const scope: DataScope = { tenantId: account.tenant_id, environment: account.environment };
    await sql.begin(async (transaction) => {
      const [user] = await transaction<{ email: string }[]>`
        SELECT email FROM auth_users
        WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${account.id} AND guardian_consent = 'pending'
        FOR UPDATE`;
      if (!user) return;
      await transaction`INSERT INTO guardian_consents (tenant_id, environment, user_id, decision) VALUES (${scope.tenantId}, ${scope.environment}, ${account.id}, 'expired')`;
      await eraseAccountOf(transaction, encryption, scope, user.email);
      erased += 1;
    });
  }
  return erased;
}

/**
 * Works the `guardian-expiry` queue in this process and (re)stores its daily schedule: every
 * API process does; pg-boss makes one job per tick and the queue is a singleton.
 */
export async function startGuardianExpiry(deps: { sql: Sql; encryption: FieldEncryption; jobs: JobQueue; logger: Logger; pollingIntervalSeconds?: number }): Promise<void> {
  await deps.jobs.work('guardian-expiry', async () => {
    const erased = await expireGuardianRequests(deps.sql, deps.encryption);
    if (erased > 0) deps.logger.info({ erased }, 'accounts without a guardian\'s consent erased');
  }, { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 10 });
  await deps.jobs.schedule('guardian-expiry', GUARDIAN_EXPIRY_SCHEDULE);
}
