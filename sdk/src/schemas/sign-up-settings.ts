import * as z from 'zod';
import { Environment, HttpUrl } from './common.ts';
import { Jurisdiction } from './config.ts';

/*
 * A tenant environment's sign-up rules: whether anyone may sign up, what a new account
 * accepts (the privacy policy, the terms of use), and the age of digital consent per law,
 * from which the age gate is derived.
 */

const Age = z.number().int().min(12).max(21);
const AgesOfDigitalConsent = z
  .object({
    gdpr: Age.optional().meta({ description: 'GDPR Art. 8(1): 16, or the member state\'s 13–15.' }),
    uk_gdpr: Age.optional().meta({ description: 'UK GDPR Art. 8 with the Data Protection Act 2018 s. 9: 13.' }),
    dpdp: Age.optional().meta({ description: 'DPDP Act 2023: a child is under 18; 18 only.' }),
    ccpa: Age.optional().meta({ description: 'CCPA § 1798.120(c): 13–16 (16 by default).' }),
    lgpd: Age.optional().meta({ description: 'LGPD Art. 14 (a child is under 12): 12–18 (12 by default).' }),
    pdpa: Age.optional().meta({ description: 'Singapore PDPA, as the PDPC\'s guidelines read it: 13–18 (13 by default).' }),
  })
  .strict()
  .meta({
    id: 'AgesOfDigitalConsent',
    description: 'The age from which a person may consent alone, per law; each must lie in its law\'s range (**422** otherwise). A law left out takes its default.',
    example: { gdpr: 15, dpdp: 18 },
  });

const Terms = z
  .object({
    version: z.string().trim().min(1).max(64).regex(/^[^\n\r]+$/, 'must be one line').meta({ example: 'T-2026-03' }),
    url: HttpUrl.max(2000).meta({ example: 'https://portagency.example/terms' }),
  })
  .strict()
  .meta({ id: 'SignUpTerms', description: 'The terms of use a new account accepts: its version (recorded with each acceptance) and where it is published.' });

const GuardianConsent = z.boolean().meta({
  description: '`true` (default): below the age of digital consent, sign-up asks for a parent\'s or guardian\'s email and the account waits, unusable, for their consent (erased unanswered after 14 days). `false`: such a sign-up is refused with **403** `UNDER_AGE`.',
});

const AgeGate = z.enum(['self_declaration', 'date_of_birth']).meta({
  description: '`self_declaration`: a checkbox "I am at least N years old"; `date_of_birth`: a date of birth, checked and never stored.',
});

export const SignUpSettings = z
  .object({
    environment: Environment,
    signUpOpen: z.boolean().meta({ description: '`false`: sign-up is refused with **403** `SIGN_UP_CLOSED` (accounts come only from the tenant).' }),
    requirePrivacyPolicy: z.boolean().meta({ description: 'Whether a new account accepts the current privacy-policy version (when one is published).' }),
    privacyPolicyVersion: z.string().max(64).nullable().meta({ description: 'The privacy-policy version in force (published with the consent configuration), or null.', example: '2026-04-03' }),
    terms: Terms.nullable(),
    ageGate: AgeGate,
    guardianConsent: GuardianConsent,
    agesOfDigitalConsent: z
      .partialRecord(Jurisdiction, Age)
      .meta({ maxProperties: 6 })
      .nullable()
      .meta({ description: 'The age of digital consent of each of the tenant\'s laws (set or default); null until set, when the gate asks for `minimumAge` (18).' }),
    minimumAge: Age.meta({ description: 'What the age gate asks: the highest age of digital consent of the tenant\'s laws.', example: 18 }),
    jurisdictions: z.array(Jurisdiction).max(6).meta({ description: 'The tenant\'s laws (set on the tenant).' }),
  })
  .meta({
    id: 'SignUpSettings',
    examples: [{
      environment: 'live', signUpOpen: true, requirePrivacyPolicy: true, privacyPolicyVersion: '2026-04-03',
      terms: { version: 'T-2026-03', url: 'https://portagency.example/terms' }, ageGate: 'self_declaration', guardianConsent: true,
      agesOfDigitalConsent: { gdpr: 15, dpdp: 18 }, minimumAge: 18, jurisdictions: ['gdpr', 'dpdp'],
    }],
  });
export type SignUpSettings = z.infer<typeof SignUpSettings>;

export const SignUpSettingsInput = z
  .object({
    signUpOpen: z.boolean().default(true),
    requirePrivacyPolicy: z.boolean().default(true),
    terms: Terms.nullable().default(null).meta({ description: 'null: no terms of use to accept.' }),
    ageGate: AgeGate.default('self_declaration'),
    guardianConsent: GuardianConsent.default(true),
    agesOfDigitalConsent: AgesOfDigitalConsent.nullable().default(null).meta({ description: 'null: not set; the gate asks for 18.' }),
  })
  .strict()
  .meta({
    id: 'SignUpSettingsInput',
    description: 'The whole settings, replaced at once; an omitted field takes its default.',
    examples: [{
      signUpOpen: true, requirePrivacyPolicy: true, terms: { version: 'T-2026-03', url: 'https://portagency.example/terms' },
      ageGate: 'self_declaration', guardianConsent: true, agesOfDigitalConsent: { gdpr: 15, dpdp: 18 },
    }],
  });
export type SignUpSettingsInput = z.input<typeof SignUpSettingsInput>;
