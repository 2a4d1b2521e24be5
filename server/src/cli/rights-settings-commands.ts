import * as z from 'zod';
import { Environment, RightsSettingsInput, type RightsSettings } from '@porttask/sdk/schemas';
import type { DataScope } from '../tenants/data-scope.ts';
import { replaceRightsSettings, getRightsSettings } from '../rights/settings/rights-settings.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { loadMasterKeyring } from '../secrets/master-key.ts';
import { findTenant } from '../tenants/tenants.queries.ts';
import { findRightsSettings, type RightsSettingsRow } from '../rights/settings/rights-settings.queries.ts';
import { check, openForCommand, parseOptions, type Command } from './arguments.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask rights settings show --tenant ID [--env test|live]
       porttask rights settings set --tenant ID [--env test|live] [--time-zone ZONE|region] [--holiday-country CC|region] [--holiday-state CODE|none]
            [--dpdp-days 1-90] [--officer-name NAME --officer-email EMAIL | --no-officer] [--privacy-contact EMAIL | --no-privacy-contact]
"set" changes only what it names; "region" goes back to the region's default.`;

const OPTIONS = {
  tenant: { type: 'string' }, env: { type: 'string' }, environment: { type: 'string' }, 'time-zone': { type: 'string' }, 'holiday-country': { type: 'string' },
  'holiday-state': { type: 'string' }, 'dpdp-days': { type: 'string' }, 'officer-name': { type: 'string' }, 'officer-email': { type: 'string' },
  'no-officer': { type: 'boolean', default: false }, 'privacy-contact': { type: 'string' }, 'no-privacy-contact': { type: 'boolean', default: false },
} as const;

const TenantId = z.string({ error: 'is required' }).regex(/^ten_[0-9a-z]{20}$/, 'must be a tenant id like ten_…');

/** The tenant environment a `porttask rights` command works on: `--env` (or `--environment`), live by default. */
export function scopeOf(values: Record<string, unknown>): DataScope {
  return { tenantId: check(TenantId, values['tenant'], 'tenant'), environment: check(Environment, values['env'] ?? values['environment'] ?? 'live', 'env') };
}

/** `porttask rights settings show|set`: the same settings and checks as `GET/PUT /v1/rights-settings`. */
export const rightsSettingsCommand: Command = async ([action, ...args], context) => {
  if (action !== 'show' && action !== 'set') throw new UsageError(USAGE);
  const { values } = parseOptions(args, OPTIONS, USAGE);
  const scope = scopeOf(values);
  const db = await openForCommand(context);
  const encryption = createFieldEncryption(loadMasterKeyring(context.env));
  try {
    const tenant = await findTenant(db.owner, scope.tenantId);
    if (!tenant) throw new UsageError(`No tenant ${scope.tenantId}.`);
    let settings = await getRightsSettings(db.owner, encryption, scope, tenant);
    if (action === 'set') {
      const input = check(RightsSettingsInput, changed(settings, await findRightsSettings(db.owner, scope), values), 'settings');
      settings = await db.owner.begin((transaction) => replaceRightsSettings(transaction, encryption, scope, tenant, input));
    }
    printResult(values.json, settings, () => describe(tenant.name, settings));
  } finally {
    await db.close();
  }
};

/** The settings in force with the flags given applied: `set` is a partial change, the API's PUT a whole one. */
function changed(current: RightsSettings, own: RightsSettingsRow | undefined, values: Record<string, unknown>): unknown {
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  const regional = (flag: string, own: string | null) => {
    const value = text(flag);
    return value === undefined ? own : value === 'region' || value === 'none' ? null : value;
  };
  if ((text('officer-name') === undefined) !== (text('officer-email') === undefined)) throw new UsageError('--officer-name and --officer-email go together.');
  const officerGiven = text('officer-name') !== undefined;
  const dpdp = text('dpdp-days');
  return {
    timeZone: regional('time-zone', own?.time_zone ?? null),
    holidayCountry: regional('holiday-country', own?.holiday_country ?? null),
    holidayState: regional('holiday-state', own?.holiday_state ?? null),
    dpdpResponseDays: dpdp === undefined ? current.dpdpResponseDays : Number(dpdp),
    grievanceOfficer: values['no-officer'] === true ? null : officerGiven ? { name: text('officer-name'), email: text('officer-email') } : current.grievanceOfficer,
    privacyContactEmail: values['no-privacy-contact'] === true ? null : text('privacy-contact') ?? current.privacyContactEmail,
  };
}

function describe(tenantName: string, settings: RightsSettings): string {
  return [
    `Rights settings of ${tenantName} (${settings.environment} environment)`,
    `  laws:              ${settings.jurisdictions.join(', ')}`,
    `  time zone:         ${settings.timeZone}${settings.calendarFromRegion ? ' (region default)' : ''}`,
    `  holidays:          ${settings.holidayCountry}${settings.holidayState ? `-${settings.holidayState}` : ''}`,
    `  DPDP period:       ${settings.dpdpResponseDays} days`,
    `  grievance officer: ${settings.grievanceOfficer ? `${settings.grievanceOfficer.name} <${settings.grievanceOfficer.email}>` : 'none'}`,
    `  privacy contact:   ${settings.privacyContactEmail ?? 'none (no due-soon or overdue mails)'}`,
  ].join('\n');
}
