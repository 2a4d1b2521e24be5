import type { TranslationOf } from './catalog.ts';
import type english from './en.ts';

/** Danish (dansk). */
const da: TranslationOf<typeof english> = {
  loading: 'Indlæser…',
  empty: 'Der er intet at vise endnu.',
  errorTitle: 'Det kunne ikke indlæses',
  errorNetwork: 'PortTask kan ikke nås lige nu. Tjek din internetforbindelse, og prøv igen.',
  errorUnauthorized: 'Denne widget er ikke sat korrekt op: dens offentlige nøgle blev afvist.',
  errorOriginNotAllowed: 'Denne widget må ikke bruges på dette websted.',
  errorServer: 'Der gik noget galt hos os. Prøv igen om lidt.',
  errorMissingSetting: 'Denne widget er ikke sat op endnu: attributten {setting} mangler.',
  errorReference: 'Reference til support: {requestId}',
  retry: 'Prøv igen',
  entryCount: { one: '{count} post', other: '{count} poster' },
};

export default da;
