import type { ConsentConfig, Jurisdiction } from '@porttask/sdk/schemas';
import { OPT_IN_JURISDICTIONS } from './jurisdiction-rules.ts';

/**
 * The consent configuration of a tenant that has not written its own: the four usual purposes,
 * opt-in unless every jurisdiction of the tenant is an opt-out one (US states), GPC honoured,
 * 182 days. The strictest reading wins: one opt-in jurisdiction makes the whole tenant opt-in.
 */
export function defaultConsentConfig(jurisdictions: readonly Jurisdiction[]): ConsentConfig {
  const optIn = jurisdictions.length === 0 || jurisdictions.some((jurisdiction) => OPT_IN_JURISDICTIONS.includes(jurisdiction));
  return {
    configured: false,
    model: optIn ? 'opt_in' : 'opt_out',
    honourGpc: true,
    expiryDays: 182,
    texts: {},
    purposes: [
      {
        key: 'necessary', required: true, optOutByGpc: false, consentModeSignals: [], services: [],
        texts: { en: { name: 'Strictly necessary', description: 'Needed for the site to work, e.g. sign-in and security.' } },
      },
      {
        key: 'functional', required: false, optOutByGpc: false, consentModeSignals: [], services: [],
        texts: { en: { name: 'Functional', description: 'Remembers your choices, such as language and saved filters.' } },
      },
      {
        key: 'analytics', required: false, optOutByGpc: false, consentModeSignals: ['analytics_storage'], services: [],
        texts: { en: { name: 'Analytics', description: 'Helps us understand how the site is used, so we can improve it.' } },
      },
      {
        key: 'marketing', required: false, optOutByGpc: true, consentModeSignals: ['ad_storage', 'ad_user_data', 'ad_personalization'], services: [],
        texts: { en: { name: 'Marketing', description: 'Personalised advertising and sharing with advertising partners.' } },
      },
    ],
  };
}
