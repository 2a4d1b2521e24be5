import * as z from 'zod';
import { Environment, HttpUrl, Region, TenantId, isoDate } from './common.ts';
import { ConsentConfig } from './consents.ts';

/** Locales every widget ships catalogs for; a tenant may add more through its config. */
export const BUILT_IN_LOCALES = ['en', 'da', 'de', 'hi'] as const;

export const LocaleTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag like "en" or "pt-BR"');

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
    tenant: z.object({ id: TenantId, name: z.string(), region: Region }),
    environment: Environment,
    locales: z.object({ default: LocaleTag, available: z.array(LocaleTag).min(1) }),
    policy: PolicyReference.nullable(),
    jurisdictions: z.array(Jurisdiction),
    widgets: z.array(WidgetName).meta({ description: 'Widgets enabled for this tenant.' }),
    consent: ConsentConfig,
  })
  .meta({ id: 'WidgetConfig' });
export type WidgetConfig = z.infer<typeof WidgetConfig>;
