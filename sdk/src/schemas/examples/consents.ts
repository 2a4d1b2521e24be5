/*
 * Examples shown in the API reference (`.meta({ examples })` on the schemas). A test checks
 * that each one is valid against its schema in the OpenAPI document.
 */

const configInput = {
  model: 'opt_in',
  honourGpc: true,
  expiryDays: 182,
  purposes: [
    {
      key: 'necessary',
      required: true,
      optOutByGpc: false,
      consentModeSignals: [],
      services: [{ name: 'PortTask session', cookies: ['pt_session'] }],
      texts: { en: { name: 'Strictly necessary', description: 'Sign-in and security. Always on.' } },
    },
    {
      key: 'analytics',
      required: false,
      optOutByGpc: false,
      consentModeSignals: ['analytics_storage'],
      services: [{ name: 'Google Analytics', cookies: ['_ga', '_ga_*'] }],
      texts: { en: { name: 'Analytics', description: 'Counts visits so we can improve the portal.' }, da: { name: 'Statistik', description: '' } },
    },
  ],
  texts: { en: { title: 'Cookies on this portal' } },
};

const policyVersion = {
  version: '2026-04-03',
  url: 'https://portal.example.com/privacy',
  lastUpdated: '2026-04-03',
  createdAt: '2026-04-03T09:12:44.000Z',
};

const newRecord = {
  subjectId: 'v_8c1f2e4a9b7d4c3e',
  choices: { necessary: true, analytics: false },
  policyVersion: '2026-04-03',
  bannerTextHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  locale: 'en',
  source: 'banner',
  gpc: false,
  decidedAt: '2026-11-25T14:30:00.000Z',
};

export const consentExamples = {
  configInput,
  config: { ...configInput, configured: true },
  policyVersion,
  newPolicyVersion: { version: '2026-04-03', url: 'https://portal.example.com/privacy', lastUpdated: '2026-04-03' },
  configDetails: { config: { ...configInput, configured: true }, policyVersions: [policyVersion] },
  savedConfig: { savedAt: '2026-04-03T09:10:02.000Z', config: configInput },
  newRecord,
  record: {
    ...newRecord,
    receiptId: 'rcpt_0k2m4n6p8q0r2x4f6h8j0k2m',
    ipAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    recordedAt: '2026-11-25T14:30:01.214Z',
  },
};
