// vanilla-cookieconsent configured like the PortTask demo tenant's banner: the same four
// purposes (necessary always on), a bottom bar with Accept all / Reject all / Customise, and
// a preferences dialog. (cookieconsent-run.js is this file without the import line.)
import '%%CDN_URL%%/cookieconsent.umd.js';

CookieConsent.run({
  // By default it stays hidden from automated browsers (navigator.webdriver): this is one.
  hideFromBots: false,
  guiOptions: { consentModal: { layout: 'bar', position: 'bottom', equalWeightButtons: true } },
  categories: {
    necessary: { enabled: true, readOnly: true },
    functional: {},
    analytics: {},
    marketing: {},
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Your privacy choices',
          description: 'We use cookies and similar technologies. Strictly necessary ones keep this site working. Others we use only for the purposes you allow. You can change your choices at any time.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Customise',
          footer: '<a href="/privacy.html">Privacy policy</a>',
        },
        preferencesModal: {
          title: 'Privacy preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          closeIconLabel: 'Close',
          sections: [
            { title: 'Strictly necessary', description: 'Keep the site working and secure.', linkedCategory: 'necessary' },
            { title: 'Functional', description: 'Remember your settings.', linkedCategory: 'functional' },
            { title: 'Analytics', description: 'Count visits to improve the portal.', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'Show offers from our partners.', linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
});
