import type { Jurisdiction } from '@porttask/sdk/schemas';
import { ApiError } from '../http/api-error.ts';

/**
 * The age from which a person may consent to an online service alone, per law: the range a
 * tenant may choose in (`GET/PUT /v1/sign-up-settings`) and the age taken when it chooses none.
 * Below it, an account would need a parent's or guardian's verifiable consent, which sign-up
 * does not offer: the age gate refuses.
 */
export const AGE_OF_DIGITAL_CONSENT: Record<Jurisdiction, { min: number; max: number; default: number; source: string }> = {
  gdpr: { min: 13, max: 16, default: 16, source: 'GDPR Art. 8(1): 16, a member state may set 13 to 15' },
  uk_gdpr: { min: 13, max: 13, default: 13, source: 'UK GDPR Art. 8, Data Protection Act 2018 s. 9: 13' },
  dpdp: { min: 18, max: 18, default: 18, source: 'DPDP Act 2023 s. 2(f) and s. 9: a child is under 18' },
  ccpa: { min: 13, max: 16, default: 16, source: 'CCPA § 1798.120(c): opt-in consent from 16, a parent\'s under 13' },
  lgpd: { min: 12, max: 18, default: 12, source: 'LGPD Art. 14 with the ECA: a child is under 12' },
  pdpa: { min: 13, max: 18, default: 13, source: 'PDPA, the PDPC\'s advisory guidelines: 13' },
};

/** Used while a tenant has set no ages: the strictest common age (DPDP's 18). */
export const UNSET_MINIMUM_AGE = 18;

export type Ages = Partial<Record<Jurisdiction, number>>;

/** Refuses (422, naming each field) an age outside its law's range. */
export function checkAges(ages: Ages): void {
  const issues = Object.entries(ages).flatMap(([law, age]) => {
    const range = AGE_OF_DIGITAL_CONSENT[law as Jurisdiction];
    if (age === undefined || (age >= range.min && age <= range.max)) return [];
    const allowed = range.min === range.max ? `${range.min}` : `${range.min} to ${range.max}`;
    return [{ path: ['body', 'agesOfDigitalConsent', law], message: `must be ${allowed} (${range.source})`, code: 'age_out_of_legal_range' }];
  });
  if (issues.length > 0) throw ApiError.validation(issues);
}

/** The age of each of the tenant's laws: the one set, else the law's default. */
export function agesFor(jurisdictions: readonly Jurisdiction[], ages: Ages): Ages {
  return Object.fromEntries(jurisdictions.map((law) => [law, ages[law] ?? AGE_OF_DIGITAL_CONSENT[law].default]));
}

/** What the age gate asks: the highest age of the tenant's laws (one sign-up form serves them all). */
export function minimumAgeFor(jurisdictions: readonly Jurisdiction[], ages: Ages | null): number {
  if (ages === null || jurisdictions.length === 0) return UNSET_MINIMUM_AGE;
  return Math.max(...Object.values(agesFor(jurisdictions, ages)) as number[]);
}
