import { createHash } from 'node:crypto';
import type { SignUpAcceptance } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import { currentPolicyVersion } from '../consents/consent-config.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { gateAge, readSignUpSettingsRow } from './sign-up-settings.ts';

export type AgeGate = 'self_declaration' | 'date_of_birth';

/** What a sign-up in this tenant environment must accept, and how it checks age. */
export interface SignUpTerms {
  /** false: the tenant closed sign-up (accounts come only from it). */
  open: boolean;
  policy: { version: string; url: string } | undefined;
  terms: { version: string; url: string } | undefined;
  ageGate: AgeGate;
  minimumAge: number;
  /** Below the age: the account waits for a parent's or guardian's consent (else refused). */
  guardianConsent: boolean;
}

export async function signUpTerms(sql: Queryable, scope: DataScope): Promise<SignUpTerms> {
  const settings = await readSignUpSettingsRow(sql, scope);
  const policy = settings.requirePrivacyPolicy ? await currentPolicyVersion(sql, scope) : undefined;
  return {
    open: settings.signUpOpen,
    policy: policy ? { version: policy.version, url: policy.url } : undefined,
    terms: settings.termsVersion && settings.termsUrl ? { version: settings.termsVersion, url: settings.termsUrl } : undefined,
    ageGate: settings.ageGate,
    minimumAge: gateAge(settings),
    guardianConsent: settings.guardianConsent,
  };
}

/** `{parts}` is the policy and/or the terms, joined by `and`. */
const STATEMENTS = {
  en: { sentence: 'I accept {parts}.', policy: 'the privacy policy (version {policy})', terms: 'the terms of use (version {terms})', and: ' and ', age: 'I am at least {age} years old.', underAge: 'I am under {age}: my parent or guardian will be asked to consent.' },
  da: { sentence: 'Jeg accepterer {parts}.', policy: 'privatlivspolitikken (version {policy})', terms: 'brugsvilkårene (version {terms})', and: ' og ', age: 'Jeg er mindst {age} år.', underAge: 'Jeg er under {age}: min forælder eller værge bliver bedt om samtykke.' },
  de: { sentence: 'Ich akzeptiere {parts}.', policy: 'die Datenschutzerklärung (Version {policy})', terms: 'die Nutzungsbedingungen (Version {terms})', and: ' und ', age: 'Ich bin mindestens {age} Jahre alt.', underAge: 'Ich bin unter {age}: Meine Eltern oder mein Vormund werden um Zustimmung gebeten.' },
  hi: { sentence: 'मैं {parts} स्वीकार करता/करती हूँ।', policy: 'गोपनीयता नीति (संस्करण {policy})', terms: 'उपयोग की शर्तें (संस्करण {terms})', and: ' और ', age: 'मेरी आयु कम से कम {age} वर्ष है।', underAge: 'मेरी आयु {age} वर्ष से कम है: मेरे माता-पिता या अभिभावक से सहमति माँगी जाएगी।' },
} as const;
export type StatementLocale = keyof typeof STATEMENTS;

/**
 * The sentence the sign-up form shows beside its checkbox, in one language ('' when the
 * tenant has neither a policy nor terms). Its SHA-256 is what the acceptance record keeps:
 * proof of the exact words, not just the versions.
 */
export function acceptanceStatement(locale: StatementLocale, terms: Pick<SignUpTerms, 'policy' | 'terms'>): string {
  const words = STATEMENTS[locale];
  const parts: string[] = [];
  if (terms.policy) parts.push(words.policy.replace('{policy}', terms.policy.version));
  if (terms.terms) parts.push(words.terms.replace('{terms}', terms.terms.version));
  return parts.length === 0 ? '' : words.sentence.replace('{parts}', parts.join(words.and));
}

/** The language of the statement for a requested locale (`de-AT` → `de`), English otherwise. */
export function statementLocale(requested: string | undefined): StatementLocale {
  const language = requested?.toLowerCase().split('-')[0] ?? '';
  return language in STATEMENTS ? (language as StatementLocale) : 'en';
}

export function ageStatement(locale: StatementLocale, minimumAge: number): string {
  return STATEMENTS[locale].age.replace('{age}', String(minimumAge));
}

/** The other answer of the self-declaration: under the age, with a guardian to ask. */
export function underAgeStatement(locale: StatementLocale, minimumAge: number): string {
  return STATEMENTS[locale].underAge.replace('{age}', String(minimumAge));
}

export interface AcceptanceRecord {
  policyVersion: string | null;
  termsVersion: string | null;
  statementHash: Buffer;
  locale: StatementLocale;
  ageCheck: AgeGate;
  minimumAge: number;
  /** Below the age: the parent's or guardian's address to ask (the account waits for them). */
  guardianEmail?: string;
}

/**
 * Checks a sign-up's acceptance against the terms in force, before any account exists: the
 * versions shown must still be current, and the age answer must pass the tenant's gate. Below
 * the age, the sign-up needs a parent's or guardian's email (the account then waits for their
 * consent), or is refused when the tenant turned guardian consent off. A refusal stores nothing
 * (a date of birth is never stored at all).
 */
export function checkAcceptance(terms: SignUpTerms, acceptance: SignUpAcceptance | undefined, today = new Date()): AcceptanceRecord {
  if (!terms.open) throw new ApiError(403, 'SIGN_UP_CLOSED', 'Sign-up is closed here: accounts are created by the organisation. Nothing was stored.');
  if (!acceptance) throw new ApiError(422, 'ACCEPTANCE_REQUIRED', 'Sign-up needs `acceptance`: the privacy-policy and terms versions shown, the language, and the age answer.');
  if ((acceptance.acceptedPolicyVersion ?? undefined) !== terms.policy?.version || (acceptance.acceptedTermsVersion ?? undefined) !== terms.terms?.version) {
    throw new ApiError(422, 'UNKNOWN_POLICY_VERSION', `The privacy policy or terms changed: the current versions are ${terms.policy?.version ?? 'none'} and ${terms.terms?.version ?? 'none'}. Show them and ask again.`);
  }
  let belowAge: boolean;
  if (terms.ageGate === 'date_of_birth') {
    if (!acceptance.dateOfBirth) throw new ApiError(422, 'ACCEPTANCE_REQUIRED', 'This tenant asks for a date of birth (`acceptance.dateOfBirth`, YYYY-MM-DD).');
    const age = ageOn(acceptance.dateOfBirth, today);
    if (age < 0 || age > 130) throw ApiError.validation([{ path: ['body', 'acceptance', 'dateOfBirth'], message: 'Not a plausible date of birth.', code: 'invalid_date' }]);
    belowAge = age < terms.minimumAge;
  } else {
    belowAge = acceptance.confirmedMinimumAge !== true;
  }
  if (belowAge && !terms.guardianConsent) throw underAge(terms.minimumAge);
  if (belowAge && !acceptance.guardianEmail) {
    throw new ApiError(422, 'GUARDIAN_EMAIL_REQUIRED', `Below ${terms.minimumAge} an account needs the consent of a parent or guardian: give their email (\`acceptance.guardianEmail\`). Nothing was stored.`);
  }
  const locale = statementLocale(acceptance.locale);
  const answer = belowAge && terms.ageGate === 'self_declaration' ? underAgeStatement(locale, terms.minimumAge) : ageStatement(locale, terms.minimumAge);
  const statement = `${acceptanceStatement(locale, terms)}\n${answer}`;
  return {
    policyVersion: terms.policy?.version ?? null,
    termsVersion: terms.terms?.version ?? null,
    statementHash: createHash('sha256').update(statement).digest(),
    locale,
    ageCheck: terms.ageGate,
    minimumAge: terms.minimumAge,
    ...(belowAge ? { guardianEmail: acceptance.guardianEmail!.trim().toLowerCase() } : {}),
  };
}

export function underAge(minimumAge: number): ApiError {
  return new ApiError(403, 'UNDER_AGE', `Accounts here are for people aged ${minimumAge} or over. Nothing was stored.`);
}

/** Whole years from a YYYY-MM-DD birth date to `today` (UTC). */
export function ageOn(dateOfBirth: string, today: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return age;
}

export async function recordAcceptance(sql: Queryable, scope: DataScope, userId: string, record: AcceptanceRecord, request: { ipAddress?: string | undefined; userAgent?: string | undefined }): Promise<void> {
  await sql`
    INSERT INTO account_acceptances (tenant_id, environment, user_id, privacy_policy_version, terms_version, statement_hash, locale, age_check, minimum_age, ip_address, user_agent)
    VALUES (${scope.tenantId}, ${scope.environment}, ${userId}, ${record.policyVersion}, ${record.termsVersion}, ${record.statementHash}, ${record.locale},
            ${record.ageCheck}, ${record.minimumAge}, ${request.ipAddress ?? null}, ${request.userAgent?.slice(0, 1000) ?? null})`;
}
