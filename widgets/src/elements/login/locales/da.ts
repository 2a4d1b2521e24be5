import type { TranslationOf } from '../../../core/locales/catalog.ts';
import type en from './en.ts';

const da: TranslationOf<typeof en> = {
  frameTitle: 'Log ind',
  signedInAs: 'Logget ind som {email}',
  signOut: 'Log ud',
  restoring: 'Tjekker dit login …',
  unavailable: 'Login er ikke tilgængeligt lige nu. Prøv igen senere.',
  accountSecurity: 'Kontosikkerhed',
};
export default da;
