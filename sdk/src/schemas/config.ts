import * as z from 'zod';
import { Environment, HttpUrl, LocaleTag, Region, TenantId, isoDate } from './common.ts';
import { ConsentConfig } from './consents.ts';
import { consentExamples } from './examples/consents.ts';
import { WidgetRightsConfig } from './rights-form.ts';

export { WidgetRightsConfig };

/** Locales every widget ships catalogs for; a tenant may add more through its config. */
export const BUILT_IN_LOCALES = ['en', 'da', 'de', 'hi'] as const;

export const Jurisdiction = z.enum(['gdpr', 'uk_gdpr', 'dpdp', 'ccpa', 'lgpd', 'pdpa']).meta({ id: 'Jurisdiction' });
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const WidgetName = z.enum([
  'consent-banner',
  'consent-preferences',
  'rights-request',
  'request-status',
  'rights-inbox',
  'vessel-schedule',
  'login',
]);
export type WidgetName = z.infer<typeof WidgetName>;

export const PolicyReference = z
  .object({
    version: z.string().min(1).max(64).meta({ example: '2026-04-03' }),
    url: HttpUrl,
    lastUpdated: isoDate().meta({ example: '2026-04-03' }),
  })
  .meta({ id: 'PolicyReference' });
export type PolicyReference = z.infer<typeof PolicyReference>;

/** What `GET /v1/config` returns: everything a widget needs to render for this tenant. */
export const WidgetConfig = z
  .object({
    tenant: z.object({ id: TenantId, name: z.string().max(200), region: Region }),
    environment: Environment,
    locales: z.object({ default: LocaleTag, available: z.array(LocaleTag).min(1) }),
    policy: PolicyReference.nullable(),
    jurisdictions: z.array(Jurisdiction),
    widgets: z.array(WidgetName).meta({ description: 'Widgets enabled for this tenant.' }),
    consent: ConsentConfig,
    rights: WidgetRightsConfig.optional().meta({ description: 'For the rights-request form (absent from servers older than it).' }),
  })
  .meta({
    id: 'WidgetConfig',
    examples: [
      {
        tenant: { id: 'ten_2x4f6h8j0k2m4n6p8q0r', name: 'Port of Rotterdam Agency', region: 'eu' },
        environment: 'test',
        locales: { default: 'en', available: ['en', 'da', 'de', 'hi'] },
        policy: { version: '2026-04-03', url: 'https://portal.example.com/privacy', lastUpdated: '2026-04-03' },
        jurisdictions: ['gdpr'],
        widgets: ['consent-banner', 'consent-preferences', 'vessel-schedule'],
        consent: consentExamples.config,
        rights: { requestTypes: ['access', 'export', 'correction', 'deletion', 'restriction', 'objection', 'objection_to_automated_decision', 'withdraw_consent'], grievanceOfficer: null, dpdpResponseDays: null },
      },
    ],
  });
export type WidgetConfig = z.infer<typeof WidgetConfig>;
