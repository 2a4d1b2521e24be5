import { createHash } from 'node:crypto';
import type { StatementLocale } from '../sign-up-terms.ts';

export interface StatementFacts {
  organisation: string;
  /** The site the account was made on (the publishable key's page origin). */
  service: string;
  /** The child's address, masked as the page shows it. */
  child: string;
  policyVersion: string | null;
  termsVersion: string | null;
}

type Words = { consent: string; refuse: string; policy: string; terms: string; and: string; none: string };

/** `{documents}`: the privacy policy and/or terms with their versions, joined by `and`. */
const WORDS: Record<StatementLocale, Words> = {
  en: {
    consent: 'I am the parent or legal guardian of the person who signed up as {child} on {service}, run by {organisation}. I have read {documents} and I consent to their account and to the use of their personal data described there.',
    refuse: 'I am the parent or legal guardian of the person who signed up as {child} on {service}, run by {organisation}. I do not consent: delete the account.',
    policy: 'the privacy policy (version {version})', terms: 'the terms of use (version {version})', and: ' and ', none: 'what the service told me about it',
  },
  da: {
    consent: 'Jeg er forælder eller værge for den person, der har oprettet sig som {child} på {service}, som drives af {organisation}. Jeg har læst {documents}, og jeg giver samtykke til kontoen og til brugen af personens personoplysninger som beskrevet der.',
    refuse: 'Jeg er forælder eller værge for den person, der har oprettet sig som {child} på {service}, som drives af {organisation}. Jeg giver ikke samtykke: slet kontoen.',
    policy: 'privatlivspolitikken (version {version})', terms: 'brugsvilkårene (version {version})', and: ' og ', none: 'det, tjenesten har oplyst om den',
  },
  de: {
    consent: 'Ich bin Elternteil oder Vormund der Person, die sich als {child} bei {service} registriert hat, betrieben von {organisation}. Ich habe {documents} gelesen und stimme dem Konto und der dort beschriebenen Verwendung ihrer personenbezogenen Daten zu.',
    refuse: 'Ich bin Elternteil oder Vormund der Person, die sich als {child} bei {service} registriert hat, betrieben von {organisation}. Ich stimme nicht zu: Löschen Sie das Konto.',
    policy: 'die Datenschutzerklärung (Version {version})', terms: 'die Nutzungsbedingungen (Version {version})', and: ' und ', none: 'die Angaben des Dienstes dazu',
  },
  hi: {
    consent: 'मैं उस व्यक्ति का/की माता-पिता या कानूनी अभिभावक हूँ जिसने {organisation} द्वारा संचालित {service} पर {child} के रूप में साइन अप किया है। मैंने {documents} पढ़ ली है और मैं उनके खाते तथा वहाँ बताए गए उनके व्यक्तिगत डेटा के उपयोग के लिए सहमति देता/देती हूँ।',
    refuse: 'मैं उस व्यक्ति का/की माता-पिता या कानूनी अभिभावक हूँ जिसने {organisation} द्वारा संचालित {service} पर {child} के रूप में साइन अप किया है। मैं सहमति नहीं देता/देती: खाता हटा दें।',
    policy: 'गोपनीयता नीति (संस्करण {version})', terms: 'उपयोग की शर्तें (संस्करण {version})', and: ' और ', none: 'सेवा द्वारा दी गई जानकारी',
  },
};

/**
 * The sentence the guardian page shows beside its two buttons, for the answer given, in the
 * page's language. Its SHA-256 is what the consent record keeps: proof of the exact words.
 */
export function guardianStatement(locale: StatementLocale, decision: 'consent' | 'refuse', facts: StatementFacts): string {
  const words = WORDS[locale];
  const documents = [
    facts.policyVersion ? words.policy.replace('{version}', facts.policyVersion) : undefined,
    facts.termsVersion ? words.terms.replace('{version}', facts.termsVersion) : undefined,
  ].filter((part): part is string => part !== undefined);
  return words[decision]
    .replace('{child}', facts.child)
    .replace('{service}', facts.service)
    .replace('{organisation}', facts.organisation)
    .replace('{documents}', documents.length > 0 ? documents.join(words.and) : words.none);
}

export const statementHash = (statement: string): Buffer => createHash('sha256').update(statement).digest();
