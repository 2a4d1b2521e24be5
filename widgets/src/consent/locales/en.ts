/** English texts of the consent banner and preferences; bundled (the first load's language). */
const en = {
  title: 'Your privacy choices',
  description: 'We use cookies and similar technologies. Strictly necessary ones keep this site working. Others we use only for the purposes you allow. You can change your choices at any time.',
  policyLink: 'Privacy policy (version {version}, updated {date})',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  save: 'Save choices',
  preferencesTitle: 'Privacy preferences',
  close: 'Close',
  alwaysOn: 'Always on',
  services: 'Services: {services}',
  gpcNotice: 'Your browser sent a Global Privacy Control signal, so we have turned off: {purposes}.',
  openPreferences: 'Privacy choices',
} as const;

export default en;
