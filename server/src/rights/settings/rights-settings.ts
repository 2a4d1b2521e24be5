import type { RightsSettings, RightsSettingsInput } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { SubjectCipher } from '../../secrets/subject-keys.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import type { TenantRow } from '../../tenants/tenants.queries.ts';
import { clockSettingsFor } from '../clock-settings.ts';
import { DPDP_DEFAULT_RESPONSE_DAYS, isSupportedHolidayRegion, type ClockSettings } from '../clocks/index.ts';
import { findRightsSettings, privacyContactPlace, saveRightsSettings, type RightsSettingsRow } from './rights-settings.queries.ts';

type Tenant = Pick<TenantRow, 'id' | 'region' | 'jurisdictions'>;

/** The calendar and period a request's clock is computed with: the tenant's own where set, else its region's. */
export function clockSettingsOf(tenant: Pick<Tenant, 'region'>, row: RightsSettingsRow | undefined): ClockSettings {
  const region = clockSettingsFor(tenant.region);
  return {
    timeZone: row?.time_zone ?? region.timeZone,
    holidayRegion: row?.holiday_country ? { country: row.holiday_country, ...(row.holiday_state ? { state: row.holiday_state } : {}) } : region.holidayRegion,
    dpdpResponseDays: row?.dpdp_response_days ?? DPDP_DEFAULT_RESPONSE_DAYS,
  };
}

/** What every rights clock of this tenant environment is computed with. */
export async function tenantClockSettings(sql: Queryable, scope: DataScope, tenant: Pick<Tenant, 'region'>): Promise<ClockSettings> {
  return clockSettingsOf(tenant, await findRightsSettings(sql, scope));
}

/** The contacts key of the tenant environment: the privacy contact and the mails to it are encrypted under it. */
export async function contactsCipher(sql: Queryable, encryption: FieldEncryption, scope: DataScope, row: RightsSettingsRow | undefined): Promise<SubjectCipher | null> {
  if (!row?.contacts_subject_key_id) return null;
  return (await encryption.openSubjects(sql, scope, [row.contacts_subject_key_id])).get(row.contacts_subject_key_id) ?? null;
}

export async function privacyContactOf(sql: Queryable, encryption: FieldEncryption, scope: DataScope, row: RightsSettingsRow | undefined): Promise<{ email: string; cipher: SubjectCipher } | null> {
  const cipher = await contactsCipher(sql, encryption, scope, row);
  if (!cipher || !row?.privacy_contact_email) return null;
  return { email: cipher.decrypt(row.privacy_contact_email, privacyContactPlace(scope)), cipher };
}

export async function getRightsSettings(sql: Queryable, encryption: FieldEncryption, scope: DataScope, tenant: Tenant): Promise<RightsSettings> {
  const row = await findRightsSettings(sql, scope);
  const clock = clockSettingsOf(tenant, row);
  return {
    environment: scope.environment,
    timeZone: clock.timeZone,
    holidayCountry: clock.holidayRegion.country,
    holidayState: clock.holidayRegion.state ?? null,
    calendarFromRegion: !row?.time_zone && !row?.holiday_country,
    dpdpResponseDays: clock.dpdpResponseDays ?? DPDP_DEFAULT_RESPONSE_DAYS,
    grievanceOfficer: row?.grievance_officer_name && row.grievance_officer_email ? { name: row.grievance_officer_name, email: row.grievance_officer_email } : null,
    privacyContactEmail: (await privacyContactOf(sql, encryption, scope, row))?.email ?? null,
    jurisdictions: tenant.jurisdictions,
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Problems the schema cannot see: an unknown time zone or holiday calendar (422 with the fields). */
function settingsIssues(input: Required<RightsSettingsInput>): Array<{ path: string[]; message: string; code: string }> {
  const issues: Array<{ path: string[]; message: string; code: string }> = [];
  if (input.timeZone !== null && !isTimeZone(input.timeZone)) issues.push({ path: ['body', 'timeZone'], message: `"${input.timeZone}" is not an IANA time zone`, code: 'unknown_time_zone' });
  if (input.holidayState !== null && input.holidayCountry === null) issues.push({ path: ['body', 'holidayState'], message: 'a state needs its holidayCountry', code: 'state_without_country' });
  if (input.holidayCountry !== null && !isSupportedHolidayRegion({ country: input.holidayCountry, ...(input.holidayState ? { state: input.holidayState } : {}) })) {
    issues.push({ path: ['body', input.holidayState ? 'holidayState' : 'holidayCountry'], message: `no public-holiday calendar for ${input.holidayCountry}${input.holidayState ? `-${input.holidayState}` : ''}`, code: 'unknown_holiday_region' });
  }
  return issues;
}

/**
 * Replaces the settings (the API's PUT and `porttask rights settings set`). The contacts key
 * is made on first use and kept: earlier announcements stay readable to whoever reads the outbox.
 */
export async function replaceRightsSettings(sql: Queryable, encryption: FieldEncryption, scope: DataScope, tenant: Tenant, input: Required<RightsSettingsInput>): Promise<RightsSettings> {
  const issues = settingsIssues(input);
  if (issues.length > 0) throw new ApiError(422, 'VALIDATION_FAILED', issues.map((issue) => issue.message).join('; '), issues);
  const existing = await findRightsSettings(sql, scope);
  let cipher = await contactsCipher(sql, encryption, scope, existing);
  if (!cipher && input.privacyContactEmail !== null) cipher = await encryption.createSubject(sql, scope);
  await saveRightsSettings(sql, scope, {
    time_zone: input.timeZone,
    holiday_country: input.holidayCountry,
    holiday_state: input.holidayState,
    dpdp_response_days: input.dpdpResponseDays,
    grievance_officer_name: input.grievanceOfficer?.name ?? null,
    grievance_officer_email: input.grievanceOfficer?.email ?? null,
    contacts_subject_key_id: cipher?.id ?? existing?.contacts_subject_key_id ?? null,
    privacy_contact_email: input.privacyContactEmail !== null && cipher ? cipher.encrypt(input.privacyContactEmail, privacyContactPlace(scope)) : null,
  });
  return getRightsSettings(sql, encryption, scope, tenant);
}
