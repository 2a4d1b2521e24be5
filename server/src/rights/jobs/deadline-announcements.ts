import type { Sql } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import { mailLocale } from '../../mail/mail-template.ts';
import type { DeadlineReminderData } from '../../mail/templates/deadline-reminder.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import { announceToWebhooks, type AnnounceRightsEvent } from '../announcements.ts';
import { addDays, calendarDateIn, clockFlag } from '../clocks/index.ts';
import { appendRequestEvent } from '../requests/rights-requests.queries.ts';
import { OPEN_STATUSES, type StaffRequestRow } from '../requests/staff.queries.ts';
import { clockSettingsOf, privacyContactOf } from '../settings/rights-settings.ts';
import { findRightsSettings } from '../settings/rights-settings.queries.ts';

type Candidate = Pick<StaffRequestRow, 'id' | 'type' | 'status' | 'jurisdiction' | 'due_on'> & { tenant_id: string; environment: 'test' | 'live' };

export interface DeadlineRunResult {
  /** Flags newly set (each request, flag and due date once). */
  announced: number;
  /** Mails queued to privacy contacts (one per tenant environment with new flags and a contact). */
  mailed: number;
}

/**
 * Runs over every tenant (the `rights-deadlines` job): open requests that are due within 7
 * days, within 2 days, or overdue in the tenant's own calendar are flagged once per flag and
 * due date (an extension gets its own announcements), which is recorded in the request's
 * history, announced (webhooks), and mailed to the tenant's privacy contact in one digest.
 * One transaction per tenant environment: a flag exists exactly when its mail is queued.
 */
export async function announceDeadlines(sql: Sql, deps: { encryption: FieldEncryption; jobs: JobQueue; announce?: AnnounceRightsEvent }, now = new Date()): Promise<DeadlineRunResult> {
  const announce = deps.announce ?? announceToWebhooks;
  // Any time zone's today is within a day of UTC's: 8 days ahead covers every 7-day flag.
  const horizon = addDays(calendarDateIn(now, 'UTC'), 8);
  const candidates = await sql<Candidate[]>`
    SELECT tenant_id, environment, id, type, status, jurisdiction, due_on::text AS due_on FROM rights_requests
    WHERE status = ANY(${OPEN_STATUSES}) AND due_on <= ${horizon}
    ORDER BY tenant_id, environment, rights_requests.due_on, id`;
  const byScope = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = `${candidate.tenant_id}/${candidate.environment}`;
    byScope.set(key, [...(byScope.get(key) ?? []), candidate]);
  }
  let announced = 0;
  let mailed = 0;
  for (const requests of byScope.values()) {
    const scope: DataScope = { tenantId: requests[0]!.tenant_id, environment: requests[0]!.environment };
    await sql.begin(async (transaction) => {
      const tenant = await findTenant(transaction, scope.tenantId);
      if (!tenant) return;
      const settings = await findRightsSettings(transaction, scope);
      const today = calendarDateIn(now, clockSettingsOf(tenant, settings).timeZone);
      const fresh: DeadlineReminderData['requests'] = [];
      for (const request of requests) {
        const flag = clockFlag({ dueOn: request.due_on }, today);
        if (!flag) continue;
        const [inserted] = await transaction`
          INSERT INTO rights_request_announcements (tenant_id, environment, request_id, flag, due_on)
          VALUES (${scope.tenantId}, ${scope.environment}, ${request.id}, ${flag}, ${request.due_on})
          ON CONFLICT DO NOTHING RETURNING request_id`;
        if (!inserted) continue;
        fresh.push({ reference: request.id, type: request.type, dueOn: request.due_on, flag });
        await appendRequestEvent(transaction, scope, request.id, { event: flag === 'overdue' ? 'overdue' : 'due_soon', actor: 'system', visibleToRequester: false });
        await announce(transaction, scope, {
          event: flag === 'overdue' ? 'rights_request.overdue' : 'rights_request.due_soon', flag,
          request: { id: request.id, type: request.type, status: request.status, dueOn: request.due_on, jurisdiction: request.jurisdiction },
        });
      }
      announced += fresh.length;
      const contact = fresh.length > 0 ? await privacyContactOf(transaction, deps.encryption, scope, settings) : null;
      if (contact) {
        await queueMail(transaction, deps.jobs, scope, {
          recipient: contact.cipher, to: contact.email, template: 'deadline_reminder', locale: mailLocale(tenant.defaultLocale),
          data: { organisation: tenant.name, requests: fresh },
        });
        mailed += 1;
      }
    });
  }
  return { announced, mailed };
}
