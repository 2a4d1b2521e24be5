import * as z from 'zod';
import { HttpUrl, LocaleTag, boundedRecord, isoDate, isoDateTime } from './common.ts';
import { consentExamples } from './examples/consents.ts';

/*
 * Consent: the tenant's consent configuration (purposes, jurisdiction model, texts, policy
 * versions) and the append-only records of visitors' decisions (docs/consent.md).
 *
 * Every string, list and map is bounded to what it means (a purpose key, a BCP 47 tag), so an
 * anonymous visitor's record stays a few hundred bytes: records are kept for good.
 */

/** Locales a tenant can write texts for (the widgets ship four; a tenant adds its own). */
const MAX_LOCALES = 50;
/** Purposes per configuration, so also the choices in one decision. */
const MAX_PURPOSES = 20;

export const PurposeKey = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lowercase letters, digits and _ (e.g. "analytics")')
  .meta({ id: 'PurposeKey', example: 'analytics' });
export type PurposeKey = z.infer<typeof PurposeKey>;

/** A third party or feature a purpose covers, with the cookies it sets. */
export const ConsentService = z
  .object({
    name: z.string().min(1).max(120).meta({ example: 'Google Analytics' }),
    cookies: z
      .array(z.string().max(100).regex(/^[A-Za-z0-9_.\-*]{1,100}$/, 'a cookie name, `*` matching any characters (e.g. "_ga*")'))
      .max(50)
      .default([])
      .meta({ description: 'Cookie names this service sets; `*` matches any run of characters. Cleared when the purpose is withdrawn.' }),
  })
  .meta({ id: 'ConsentService' });
export type ConsentService = z.infer<typeof ConsentService>;

/** Name and description of a purpose in one language. */
export const PurposeText = z.object({ name: z.string().min(1).max(120), description: z.string().max(1000).default('') });

export const ConsentPurpose = z
  .object({
    key: PurposeKey,
    required: z.boolean().default(false).meta({ description: 'Strictly necessary: always on, cannot be refused.' }),
    optOutByGpc: z
      .boolean()
      .default(false)
      .meta({ description: 'Sale/sharing/targeted advertising: refused when the browser sends Global Privacy Control and the tenant honours it.' }),
    consentModeSignals: z
      .array(z.enum(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage']))
      .max(4)
      .default([])
      .meta({ description: 'Google Consent Mode v2 signals granted with this purpose.' }),
    services: z.array(ConsentService).max(50).default([]),
    texts: boundedRecord(LocaleTag, PurposeText, MAX_LOCALES).meta({ description: 'Name and description per locale; English ("en") is the fallback.' }),
  })
  .meta({ id: 'ConsentPurpose' });
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/** Banner texts a tenant overrides or adds (for a locale the widgets ship no catalog for); English fills any it leaves out. */
export const ConsentTexts = z
  .object({
    title: z.string().min(1).max(200).optional(),
    description: z.string().min(1).max(2000).optional(),
    acceptAll: z.string().min(1).max(60).optional(),
    rejectAll: z.string().min(1).max(60).optional(),
    customise: z.string().min(1).max(60).optional(),
    save: z.string().min(1).max(60).optional(),
    preferencesTitle: z.string().min(1).max(200).optional(),
    gpcNotice: z.string().min(1).max(500).optional().meta({ description: '{purposes}: the names of the purposes GPC turned off.' }),
    policyLink: z.string().min(1).max(200).optional().meta({ description: '{version} and {date} of the privacy policy.' }),
    close: z.string().min(1).max(60).optional(),
    alwaysOn: z.string().min(1).max(60).optional(),
    services: z.string().min(1).max(200).optional().meta({ description: '{services}: the names of a purpose\'s services.' }),
    openPreferences: z.string().min(1).max(60).optional().meta({ description: 'The text of <porttask-consent-preferences>.' }),
  })
  .meta({ id: 'ConsentTexts' });
export type ConsentTexts = z.infer<typeof ConsentTexts>;

export const ConsentModel = z
  .enum(['opt_in', 'opt_out'])
  .meta({ id: 'ConsentModel', description: 'opt_in (GDPR, DPDP): nothing optional before a choice. opt_out (US states): optional purposes on until refused; GPC refuses sale/sharing.' });
export type ConsentModel = z.infer<typeof ConsentModel>;

/** What a tenant edits (secret key / CLI). */
export const ConsentConfigInput = z
  .object({
    model: ConsentModel,
    honourGpc: z.boolean().default(true),
    expiryDays: z.number().int().min(1).max(395).default(182).meta({ description: 'After this many days the banner asks again.' }),
    purposes: z
      .array(ConsentPurpose)
      .min(1)
      .max(MAX_PURPOSES)
      .refine((purposes) => new Set(purposes.map((purpose) => purpose.key)).size === purposes.length, 'purpose keys must be unique')
      .refine((purposes) => purposes.some((purpose) => purpose.required), 'one purpose must be strictly necessary (required: true)'),
    texts: boundedRecord(LocaleTag, ConsentTexts, MAX_LOCALES).default({}),
  })
  .meta({ id: 'ConsentConfigInput', examples: [consentExamples.configInput] });
export type ConsentConfigInput = z.input<typeof ConsentConfigInput>;

/** The consent part of `GET /v1/config`. */
export const ConsentConfig = ConsentConfigInput.extend({
  configured: z.boolean().meta({ description: 'False when the tenant has not configured consent and these are the defaults.' }),
}).meta({ id: 'ConsentConfig', examples: [consentExamples.config] });
export type ConsentConfig = z.infer<typeof ConsentConfig>;

export const ConsentPolicyVersion = z
  .object({
    version: z.string().min(1).max(64).meta({ example: '2026-04-03' }),
    url: HttpUrl,
    lastUpdated: isoDate(),
    createdAt: z.iso.datetime().max(35),
  })
  .meta({ id: 'ConsentPolicyVersion', examples: [consentExamples.policyVersion] });
export type ConsentPolicyVersion = z.infer<typeof ConsentPolicyVersion>;

export const NewConsentPolicyVersion = ConsentPolicyVersion.omit({ createdAt: true }).meta({ id: 'NewConsentPolicyVersion', examples: [consentExamples.newPolicyVersion] });
export type NewConsentPolicyVersion = z.infer<typeof NewConsentPolicyVersion>;

/** `GET /v1/consent-config` (secret key): the configuration and every policy version, newest first. */
export const ConsentConfigDetails = z
  .object({ config: ConsentConfig, policyVersions: z.array(ConsentPolicyVersion) })
  .meta({ id: 'ConsentConfigDetails', examples: [consentExamples.configDetails] });
export type ConsentConfigDetails = z.infer<typeof ConsentConfigDetails>;

/**
 * A configuration as the tenant saved it (`GET /v1/consent-config/history`), kept for good:
 * with the policy versions and the widgets' own catalogs it tells what a banner showed at any
 * time, so a record's `bannerTextHash` can be checked.
 */
export const SavedConsentConfig = z
  .object({ savedAt: z.iso.datetime().max(35), config: ConsentConfigInput })
  .meta({ id: 'SavedConsentConfig', examples: [consentExamples.savedConfig] });
export type SavedConsentConfig = z.infer<typeof SavedConsentConfig>;

export const ConsentSource = z.enum(['banner', 'preferences', 'gpc', 'api']).meta({ id: 'ConsentSource' });
export type ConsentSource = z.infer<typeof ConsentSource>;

export const SubjectId = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or - (an anonymous id, never an email)')
  .meta({ id: 'SubjectId', description: 'Anonymous id of the visitor, generated on the device.', example: 'v_8c1f2e4a9b7d4c3e' });

export const ReceiptId = z.string().max(29).regex(/^rcpt_[0-9a-z]{24}$/).meta({ id: 'ReceiptId', example: 'rcpt_0k2m4n6p8q0r2x4f6h8j0k2m' });

export const NewConsentRecord = z
  .object({
    subjectId: SubjectId,
    choices: boundedRecord(PurposeKey, z.boolean(), MAX_PURPOSES).meta({ description: 'Granted (true) or refused (false) per purpose key. Optional purposes left out count as refused.' }),
    policyVersion: z.string().min(1).max(64),
    bannerTextHash: z.string().length(64).regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex').meta({ description: 'SHA-256 of the banner text the visitor saw.' }),
    locale: LocaleTag,
    source: ConsentSource,
    gpc: z.boolean().meta({ description: 'Whether the browser sent Global Privacy Control.' }),
    decidedAt: isoDateTime().optional().meta({ description: 'When the visitor decided, by the device\'s clock (may be earlier than recordedAt when sent later).' }),
  })
  .meta({ id: 'NewConsentRecord', examples: [consentExamples.newRecord] });
export type NewConsentRecord = z.infer<typeof NewConsentRecord>;

/** The proof: what was decided, under which policy and text, when, and from where. */
export const ConsentRecord = NewConsentRecord.extend({
  receiptId: ReceiptId,
  choices: boundedRecord(PurposeKey, z.boolean(), MAX_PURPOSES).meta({ description: 'Every purpose of the configuration at the time, granted or refused.' }),
  decidedAt: z.iso.datetime().max(35).nullable(),
  ipAddress: z.string().max(45).nullable(),
  userAgent: z.string().max(1000).nullable().meta({ description: 'As the browser sent it, cut at 1,000 characters.' }),
  recordedAt: z.iso.datetime().max(35).meta({ description: 'Server time the record was written.' }),
}).meta({ id: 'ConsentRecord', examples: [consentExamples.record] });
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const ConsentListQuery = z.object({ subjectId: SubjectId });
