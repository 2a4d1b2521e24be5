import type { TranslationOf } from '../../../core/locales/catalog.ts';
import type en from './en.ts';

const de: TranslationOf<typeof en> = {
  frameTitle: 'Anmelden',
  signedInAs: 'Angemeldet als {email}',
  signOut: 'Abmelden',
  restoring: 'Anmeldung wird geprüft …',
  unavailable: 'Die Anmeldung ist gerade nicht verfügbar. Bitte später erneut versuchen.',
  accountSecurity: 'Kontosicherheit',
};
export default de;
