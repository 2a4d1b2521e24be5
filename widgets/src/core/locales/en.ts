/** English messages of the core (states every element shares). Ships with the base bundle. */
const en = {
  loading: 'Loading…',
  empty: 'Nothing to show yet.',
  errorTitle: 'This could not be loaded',
  errorNetwork: 'PortTask cannot be reached right now. Check your internet connection and try again.',
  errorUnauthorized: 'This widget is not set up correctly: its publishable key was rejected.',
  errorOriginNotAllowed: 'This widget is not allowed on this website.',
  errorServer: 'Something went wrong on our side. Please try again in a moment.',
  errorMissingSetting: 'This widget is not set up yet: the {setting} attribute is missing.',
  errorReference: 'Reference for support: {requestId}',
  retry: 'Try again',
  entryCount: { one: '{count} entry', other: '{count} entries' },
} as const;

export default en;
