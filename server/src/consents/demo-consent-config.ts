import type { ConsentConfigInput } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

/** The demo port agency's consent configuration: what a real partner would set up. */
export const DEMO_CONSENT_CONFIG: Required<ConsentConfigInput> = {
  model: 'opt_in',
  honourGpc: true,
  expiryDays: 182,
  texts: {},
  purposes: [
    {
      key: 'necessary', required: true, optOutByGpc: false, consentModeSignals: [],
      services: [{ name: 'PortTask sign-in', cookies: ['porttask_session'] }],
      texts: {
        en: { name: 'Strictly necessary', description: 'Sign-in, security and remembering these choices.' },
        da: { name: 'Strengt nødvendige', description: 'Login, sikkerhed og at huske disse valg.' },
        de: { name: 'Unbedingt erforderlich', description: 'Anmeldung, Sicherheit und das Speichern dieser Auswahl.' },
        hi: { name: 'अत्यंत आवश्यक', description: 'साइन-इन, सुरक्षा और इन विकल्पों को याद रखना।' },
      },
    },
    {
      key: 'functional', required: false, optOutByGpc: false, consentModeSignals: [],
      services: [{ name: 'Saved line-up filters', cookies: ['portal_filters'] }],
      texts: {
        en: { name: 'Functional', description: 'Remembers your ports, terminals and filters between visits.' },
        da: { name: 'Funktionelle', description: 'Husker dine havne, terminaler og filtre mellem besøg.' },
        de: { name: 'Funktional', description: 'Merkt sich Ihre Häfen, Terminals und Filter zwischen Besuchen.' },
        hi: { name: 'कार्यात्मक', description: 'आपके बंदरगाह, टर्मिनल और फ़िल्टर याद रखता है।' },
      },
    },
    {
      key: 'analytics', required: false, optOutByGpc: false, consentModeSignals: ['analytics_storage'],
      services: [{ name: 'Matomo (self-hosted)', cookies: ['_pk_id*', '_pk_ses*'] }],
      texts: {
        en: { name: 'Analytics', description: 'Counts visits to improve the portal. No advertising.' },
        da: { name: 'Statistik', description: 'Tæller besøg for at forbedre portalen. Ingen reklamer.' },
        de: { name: 'Statistik', description: 'Zählt Besuche, um das Portal zu verbessern. Keine Werbung.' },
        hi: { name: 'विश्लेषण', description: 'पोर्टल को बेहतर बनाने के लिए विज़िट गिनता है। कोई विज्ञापन नहीं।' },
      },
    },
    {
      key: 'marketing', required: false, optOutByGpc: true, consentModeSignals: ['ad_storage', 'ad_user_data', 'ad_personalization'],
      services: [{ name: 'LinkedIn Insight Tag', cookies: ['li_*', 'bcookie', 'lidc'] }, { name: 'Google Ads', cookies: ['_gcl_*'] }],
      texts: {
        en: { name: 'Marketing', description: 'Measures our campaigns and shares data with advertising partners.' },
        da: { name: 'Markedsføring', description: 'Måler vores kampagner og deler data med annoncepartnere.' },
        de: { name: 'Marketing', description: 'Misst unsere Kampagnen und teilt Daten mit Werbepartnern.' },
        hi: { name: 'मार्केटिंग', description: 'हमारे अभियानों को मापता है और विज्ञापन भागीदारों के साथ डेटा साझा करता है।' },
      },
    },
  ],
};

/** Writes the demo configuration once; a configuration edited since is left alone. */
export async function seedDemoConsentConfig(sql: Queryable, scope: DataScope): Promise<void> {
  await sql`
    INSERT INTO consent_configs (tenant_id, environment, model, honour_gpc, expiry_days, purposes, texts)
    VALUES (${scope.tenantId}, ${scope.environment}, ${DEMO_CONSENT_CONFIG.model}, ${DEMO_CONSENT_CONFIG.honourGpc}, ${DEMO_CONSENT_CONFIG.expiryDays},
            ${sql.json(DEMO_CONSENT_CONFIG.purposes as never)}, ${sql.json(DEMO_CONSENT_CONFIG.texts as never)})
    ON CONFLICT (tenant_id, environment) DO NOTHING`;
}
