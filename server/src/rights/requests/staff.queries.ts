import type { Jurisdiction, RightsRequestStatus, RightsRequestType } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import type { DataScope } from '../../tenants/data-scope.ts';

/** A request as staff see it (encrypted columns still encrypted). */
export interface StaffRequestRow {
  id: string;
  type: RightsRequestType;
  status: RightsRequestStatus;
  subject_key_id: string;
  email: Buffer;
  name: Buffer | null;
  details: Buffer | null;
  locale: 'en' | 'da' | 'de' | 'hi';
  consent_subject_id: string | null;
  jurisdiction: Jurisdiction;
  clock_source: string;
  received_at: Date;
  received_on: string;
  due_on: string;
  original_due_on: string;
  confirm_receipt_by: string | null;
  extended_on: string | null;
  verified_at: Date | null;
  closed_at: Date | null;
  sequence: string;
}

/** Requests staff still have to answer. */
export const OPEN_STATUSES: RightsRequestStatus[] = ['pending', 'approved', 'in_progress'];

const columns = (sql: Queryable) => sql`
  id, type, status, subject_key_id, email, name, details, locale, consent_subject_id, jurisdiction, clock_source, received_at,
  received_on::text AS received_on, due_on::text AS due_on, original_due_on::text AS original_due_on,
  confirm_receipt_by::text AS confirm_receipt_by, extended_on::text AS extended_on, verified_at, closed_at, sequence`;

export async function findStaffRequest(sql: Queryable, scope: DataScope, id: string): Promise<StaffRequestRow | undefined> {
  const [row] = await sql<StaffRequestRow[]>`
    SELECT ${columns(sql)} FROM rights_requests
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}`;
  return row;
}

export interface StaffListFilters {
  status?: RightsRequestStatus;
  type?: RightsRequestType;
  dueBefore?: string;
  /** Today in the tenant's time zone, when only overdue requests are wanted. */
  overdueOn?: string;
  /** Only open requests with this deadline flag on `flagOn` (today in the tenant's time zone). */
  flag?: 'due_within_7_days' | 'due_within_2_days' | 'overdue';
  flagOn?: string;
  /** The sequence of the previous page's last request. */
  before?: bigint;
  limit: number;
}

/** Newest first; one more row than asked tells whether another page follows. */
export function listStaffRequests(sql: Queryable, scope: DataScope, filters: StaffListFilters): Promise<StaffRequestRow[]> {
  return sql<StaffRequestRow[]>`
    SELECT ${columns(sql)} FROM rights_requests
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ${filters.status ? sql`AND status = ${filters.status}` : sql``}
      ${filters.type ? sql`AND type = ${filters.type}` : sql``}
      ${filters.dueBefore ? sql`AND due_on < ${filters.dueBefore}` : sql``}
      ${filters.overdueOn ? sql`AND due_on < ${filters.overdueOn} AND status = ANY(${OPEN_STATUSES})` : sql``}
      ${filters.flag && filters.flagOn ? flagCondition(sql, filters.flag, filters.flagOn) : sql``}
      ${filters.before !== undefined ? sql`AND sequence < ${filters.before.toString()}` : sql``}
    ORDER BY sequence DESC
    LIMIT ${filters.limit + 1}`;
}

/** The same thresholds as clocks/legal-clock.ts clockFlag, in SQL (days left from `today`). */
function flagCondition(sql: Queryable, flag: NonNullable<StaffListFilters['flag']>, today: string) {
  const daysLeft = sql`(due_on - ${today}::date)`;
  const range = flag === 'overdue' ? sql`${daysLeft} < 0` : flag === 'due_within_2_days' ? sql`${daysLeft} BETWEEN 0 AND 2` : sql`${daysLeft} BETWEEN 3 AND 7`;
  return sql`AND status = ANY(${OPEN_STATUSES}) AND ${range}`;
}

/** Moves a request from one of `from` to `to`; false when it was in none of them. */
export async function transitionRequest(sql: Queryable, scope: DataScope, id: string, from: readonly RightsRequestStatus[], to: RightsRequestStatus): Promise<boolean> {
  const closes = ['denied', 'completed', 'cancelled'].includes(to);
  const rows = await sql`
    UPDATE rights_requests SET status = ${to}, updated_at = clock_timestamp()
      ${closes ? sql`, closed_at = clock_timestamp()` : sql``}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} AND status = ANY(${from as RightsRequestStatus[]})
    RETURNING id`;
  return rows.length === 1;
}

/** Stores an extension; the WHERE makes a concurrent second extension fail instead of stacking. */
export async function recordExtension(sql: Queryable, scope: DataScope, id: string, dueOn: string, extendedOn: string): Promise<boolean> {
  const rows = await sql`
    UPDATE rights_requests SET due_on = ${dueOn}, extended_on = ${extendedOn}, updated_at = clock_timestamp()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} AND extended_on IS NULL AND status = ANY(${OPEN_STATUSES})
    RETURNING id`;
  return rows.length === 1;
}
