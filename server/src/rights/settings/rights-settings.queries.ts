import type { Queryable } from '../../db/connection.ts';
import type { DataScope } from '../../tenants/data-scope.ts';

/** A tenant environment's row (the privacy contact still encrypted). */
export interface RightsSettingsRow {
  time_zone: string | null;
  holiday_country: string | null;
  holiday_state: string | null;
  dpdp_response_days: number;
  grievance_officer_name: string | null;
  grievance_officer_email: string | null;
  contacts_subject_key_id: string | null;
  privacy_contact_email: Buffer | null;
}

/** Where the privacy contact is bound (see secrets/subject-keys.ts). */
export const privacyContactPlace = (scope: DataScope) => `rights_settings.privacy_contact_email|${scope.tenantId}|${scope.environment}`;

export async function findRightsSettings(sql: Queryable, scope: DataScope): Promise<RightsSettingsRow | undefined> {
  const [row] = await sql<RightsSettingsRow[]>`
    SELECT time_zone, holiday_country, holiday_state, dpdp_response_days, grievance_officer_name, grievance_officer_email,
      contacts_subject_key_id, privacy_contact_email
    FROM rights_settings WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  return row;
}

export async function saveRightsSettings(sql: Queryable, scope: DataScope, row: RightsSettingsRow): Promise<void> {
  await sql`
    INSERT INTO rights_settings (tenant_id, environment, time_zone, holiday_country, holiday_state, dpdp_response_days,
      grievance_officer_name, grievance_officer_email, contacts_subject_key_id, privacy_contact_email)
    VALUES (${scope.tenantId}, ${scope.environment}, ${row.time_zone}, ${row.holiday_country}, ${row.holiday_state}, ${row.dpdp_response_days},
      ${row.grievance_officer_name}, ${row.grievance_officer_email}, ${row.contacts_subject_key_id}, ${row.privacy_contact_email})
    ON CONFLICT (tenant_id, environment) DO UPDATE SET
      time_zone = EXCLUDED.time_zone, holiday_country = EXCLUDED.holiday_country, holiday_state = EXCLUDED.holiday_state,
      dpdp_response_days = EXCLUDED.dpdp_response_days, grievance_officer_name = EXCLUDED.grievance_officer_name,
      grievance_officer_email = EXCLUDED.grievance_officer_email, contacts_subject_key_id = EXCLUDED.contacts_subject_key_id,
      privacy_contact_email = EXCLUDED.privacy_contact_email, updated_at = clock_timestamp()`;
}
