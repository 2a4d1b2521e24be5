import type { Queryable } from '../db/connection.ts';
import { replaceRightsSettings } from '../rights/settings/rights-settings.ts';
import { findRightsSettings } from '../rights/settings/rights-settings.queries.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { findTenant } from '../tenants/tenants.queries.ts';

/**
 * The demo tenant works under DPDP too, so its form shows a grievance officer; its privacy
 * contact receives the due-soon and overdue announcements (in the development mailbox).
 * Seeded once: settings changed later through the API or CLI are kept.
 */
export async function seedDemoRightsSettings(sql: Queryable, encryption: FieldEncryption, scope: DataScope): Promise<void> {
  if (await findRightsSettings(sql, scope)) return;
  const tenant = await findTenant(sql, scope.tenantId);
  if (!tenant) return;
  await replaceRightsSettings(sql, encryption, scope, tenant, {
    timeZone: null,
    holidayCountry: null,
    holidayState: null,
    dpdpResponseDays: 30,
    grievanceOfficer: { name: 'Anneke de Vries', email: 'grievance@maasvlakte-agency.example' },
    privacyContactEmail: 'privacy@maasvlakte-agency.example',
  });
}
