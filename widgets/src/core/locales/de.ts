import type { TranslationOf } from './catalog.ts';
import type english from './en.ts';

/** German (Deutsch). */
const de: TranslationOf<typeof english> = {
  loading: 'Wird geladen…',
  empty: 'Noch nichts anzuzeigen.',
  errorTitle: 'Laden nicht möglich',
  errorNetwork: 'PortTask ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  errorUnauthorized: 'Dieses Widget ist nicht richtig eingerichtet: Sein öffentlicher Schlüssel wurde abgelehnt.',
  errorOriginNotAllowed: 'Dieses Widget darf auf dieser Website nicht verwendet werden.',
  errorServer: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',
  errorMissingSetting: 'Dieses Widget ist noch nicht eingerichtet: Das Attribut {setting} fehlt.',
  errorReference: 'Referenz für den Support: {requestId}',
  retry: 'Erneut versuchen',
  entryCount: { one: '{count} Eintrag', other: '{count} Einträge' },
};

export default de;
