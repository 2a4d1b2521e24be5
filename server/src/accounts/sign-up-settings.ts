import type { Jurisdiction, SignUpSettings, SignUpSettingsInput } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { currentPolicyVersion } from '../consents/consent-config.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { agesFor, checkAges, minimumAgeFor, UNSET_MINIMUM_AGE, type Ages } from './age-of-digital-consent.ts';

type StoredInput = Required<{ [Field in keyof SignUpSettingsInput]: Exclude<SignUpSettingsInput[Field], undefined> }>;

interface SettingsRow {
  signUpOpen: boolean;
  requirePrivacyPolicy: boolean;
  termsVersion: string | null;
  termsUrl: string | null;
  ageGate: SignUpSettings['ageGate'];
  /** Below the age: wait for a guardian's consent (true) or refuse (false). */
  guardianConsent: boolean;
  /** What the gate asked before ages per law existed (or was set in SQL): used while `ages` is null. */
  minimumAge: number;
  ages: Ages | null;
  jurisdictions: Jurisdiction[];
}

/** The row of a tenant environment (defaults when it has none) with the tenant's laws. */
export async function readSignUpSettingsRow(sql: Queryable, scope: DataScope): Promise<SettingsRow> {
  const [row] = await sql<SettingsRow[]>`
    SELECT s.sign_up_open AS "signUpOpen", s.require_privacy_policy AS "requirePrivacyPolicy", s.terms_version AS "termsVersion", s.terms_url AS "termsUrl",
           s.age_gate AS "ageGate", s.guardian_consent AS "guardianConsent", s.minimum_age AS "minimumAge", s.ages_of_digital_consent AS ages, t.jurisdictions
    FROM tenants t
    LEFT JOIN account_sign_up_settings s ON s.tenant_id = t.id AND s.environment = ${scope.environment}
    WHERE t.id = ${scope.tenantId}`;
  return {
    signUpOpen: row?.signUpOpen ?? true, requirePrivacyPolicy: row?.requirePrivacyPolicy ?? true,
    termsVersion: row?.termsVersion ?? null, termsUrl: row?.termsUrl ?? null, ageGate: row?.ageGate ?? 'self_declaration', guardianConsent: row?.guardianConsent ?? true,
    minimumAge: row?.minimumAge ?? UNSET_MINIMUM_AGE, ages: row?.ages ?? null, jurisdictions: row?.jurisdictions ?? [],
  };
}

/** What the age gate asks: from the ages per law once set, else the stored minimum age. */
export function gateAge(row: Pick<SettingsRow, 'ages' | 'jurisdictions' | 'minimumAge'>): number {
  return row.ages === null ? row.minimumAge : minimumAgeFor(row.jurisdictions, row.ages);
}

/** The settings as `GET /v1/sign-up-settings` answers them. */
export async function getSignUpSettings(sql: Queryable, scope: DataScope): Promise<SignUpSettings> {
  const row = await readSignUpSettingsRow(sql, scope);
  const policy = await currentPolicyVersion(sql, scope);
  return {
    environment: scope.environment,
    signUpOpen: row.signUpOpen,
    requirePrivacyPolicy: row.requirePrivacyPolicy,
    privacyPolicyVersion: policy?.version ?? null,
    terms: row.termsVersion && row.termsUrl ? { version: row.termsVersion, url: row.termsUrl } : null,
    ageGate: row.ageGate,
    guardianConsent: row.guardianConsent,
    agesOfDigitalConsent: row.ages === null ? null : agesFor(row.jurisdictions, row.ages),
    minimumAge: gateAge(row),
    jurisdictions: row.jurisdictions,
  };
}

/**
 * Replaces a tenant environment's sign-up settings (the API's PUT and `porttask accounts
 * settings set`). Ages outside their law's range are refused before anything is written.
 * Sign-ups from now on follow them; acceptances already recorded keep what they accepted.
 */
export async function replaceSignUpSettings(sql: Queryable, scope: DataScope, input: StoredInput): Promise<SignUpSettings> {
  const ages = input.agesOfDigitalConsent === null ? null : Object.fromEntries(Object.entries(input.agesOfDigitalConsent).filter(([, age]) => age !== undefined)) as Ages;
  if (ages) checkAges(ages);
  const { jurisdictions } = await readSignUpSettingsRow(sql, scope);
  const minimumAge = minimumAgeFor(jurisdictions, ages);
  await sql`
    INSERT INTO account_sign_up_settings (tenant_id, environment, sign_up_open, require_privacy_policy, terms_version, terms_url, age_gate, guardian_consent, minimum_age, ages_of_digital_consent, updated_at)
    VALUES (${scope.tenantId}, ${scope.environment}, ${input.signUpOpen}, ${input.requirePrivacyPolicy}, ${input.terms?.version ?? null}, ${input.terms?.url ?? null},
            ${input.ageGate}, ${input.guardianConsent}, ${minimumAge}, ${ages === null ? null : sql.json(ages)}, now())
    ON CONFLICT (tenant_id, environment) DO UPDATE SET
      sign_up_open = EXCLUDED.sign_up_open, require_privacy_policy = EXCLUDED.require_privacy_policy,
      terms_version = EXCLUDED.terms_version, terms_url = EXCLUDED.terms_url, age_gate = EXCLUDED.age_gate, guardian_consent = EXCLUDED.guardian_consent,
      minimum_age = EXCLUDED.minimum_age, ages_of_digital_consent = EXCLUDED.ages_of_digital_consent, updated_at = now()`;
  return await getSignUpSettings(sql, scope);
}
