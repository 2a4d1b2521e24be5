import type { TranslationOf } from '../../core/locales/catalog.ts';
import type en from './en.ts';

const da: TranslationOf<typeof en> = {
  title: 'Dine valg om privatliv',
  description: 'Vi bruger cookies og lignende teknologier. De strengt nødvendige får webstedet til at virke. Andre bruger vi kun til de formål, du tillader. Du kan til enhver tid ændre dine valg.',
  policyLink: 'Privatlivspolitik (version {version}, opdateret {date})',
  acceptAll: 'Accepter alle',
  rejectAll: 'Afvis alle',
  customise: 'Tilpas',
  save: 'Gem valg',
  preferencesTitle: 'Indstillinger for privatliv',
  close: 'Luk',
  alwaysOn: 'Altid slået til',
  services: 'Tjenester: {services}',
  gpcNotice: 'Din browser sendte et Global Privacy Control-signal, så vi har slået dette fra: {purposes}.',
  openPreferences: 'Valg om privatliv',
};

export default da;
