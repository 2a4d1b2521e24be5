import type { TranslationOf } from '../../core/locales/catalog.ts';
import type en from './en.ts';

const de: TranslationOf<typeof en> = {
  title: 'Ihre Datenschutz-Einstellungen',
  description: 'Wir verwenden Cookies und ähnliche Technologien. Unbedingt erforderliche halten diese Website am Laufen. Andere verwenden wir nur für die Zwecke, denen Sie zustimmen. Sie können Ihre Auswahl jederzeit ändern.',
  policyLink: 'Datenschutzerklärung (Version {version}, aktualisiert am {date})',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customise: 'Anpassen',
  save: 'Auswahl speichern',
  preferencesTitle: 'Datenschutz-Einstellungen',
  close: 'Schließen',
  alwaysOn: 'Immer aktiv',
  services: 'Dienste: {services}',
  gpcNotice: 'Ihr Browser hat ein Global-Privacy-Control-Signal gesendet, daher haben wir Folgendes deaktiviert: {purposes}.',
  openPreferences: 'Datenschutz-Einstellungen',
};

export default de;
