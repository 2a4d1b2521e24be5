import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface RequestErasedData {
  organisation: string;
  reference: string;
  /** Whether consent records of the requester's browser exist (kept as proof, unlinked). */
  consentProofKept: boolean;
}

const texts: MailTexts<RequestErasedData> = {
  en: ({ organisation, reference, consentProofKept }) => ({
    subject: `${organisation} has deleted your personal data`,
    lines: [
      `${organisation} has answered your deletion request ${reference}: your personal data is deleted.`,
      'What was kept, and why:',
      'A record that this request was made and answered (its type, dates and status), without your name, email address or details, to show that it was handled (GDPR Art. 5(2) and 12).',
      ...(consentProofKept ? ['The consent choices made in your browser (time, choices, policy version), kept as proof of consent under GDPR Art. 7(1). They hold no name or email address and are no longer linked to you.'] : []),
      'This is the last mail sent to this address: it is erased once this mail has left.',
    ],
  }),
  da: ({ organisation, reference, consentProofKept }) => ({
    subject: `${organisation} har slettet dine personoplysninger`,
    lines: [
      `${organisation} har besvaret din anmodning om sletning ${reference}: dine personoplysninger er slettet.`,
      'Hvad der er gemt, og hvorfor:',
      'En registrering af, at anmodningen blev fremsat og besvaret (type, datoer og status), uden dit navn, din e-mailadresse eller dine oplysninger, for at kunne vise, at den blev behandlet (GDPR art. 5, stk. 2, og art. 12).',
      ...(consentProofKept ? ['De samtykkevalg, der blev truffet i din browser (tidspunkt, valg, politikversion), gemt som bevis for samtykke efter GDPR art. 7, stk. 1. De indeholder hverken navn eller e-mailadresse og er ikke længere knyttet til dig.'] : []),
      'Dette er den sidste mail til denne adresse: adressen slettes, når mailen er sendt.',
    ],
  }),
  de: ({ organisation, reference, consentProofKept }) => ({
    subject: `${organisation} hat Ihre personenbezogenen Daten gelöscht`,
    lines: [
      `${organisation} hat Ihre Löschanfrage ${reference} beantwortet: Ihre personenbezogenen Daten sind gelöscht.`,
      'Was aufbewahrt wird, und warum:',
      'Ein Nachweis, dass diese Anfrage gestellt und beantwortet wurde (Art, Daten und Status), ohne Ihren Namen, Ihre E-Mail-Adresse oder Ihre Angaben, um zu belegen, dass sie bearbeitet wurde (DSGVO Art. 5 Abs. 2 und Art. 12).',
      ...(consentProofKept ? ['Die in Ihrem Browser getroffenen Einwilligungsentscheidungen (Zeitpunkt, Auswahl, Version der Datenschutzerklärung), aufbewahrt als Nachweis der Einwilligung nach DSGVO Art. 7 Abs. 1. Sie enthalten weder Namen noch E-Mail-Adresse und sind nicht mehr mit Ihnen verknüpft.'] : []),
      'Dies ist die letzte E-Mail an diese Adresse: Sie wird gelöscht, sobald diese E-Mail versandt ist.',
    ],
  }),
  hi: ({ organisation, reference, consentProofKept }) => ({
    subject: `${organisation} ने आपका व्यक्तिगत डेटा हटा दिया है`,
    lines: [
      `${organisation} ने आपके हटाने के अनुरोध ${reference} का उत्तर दे दिया है: आपका व्यक्तिगत डेटा हटा दिया गया है।`,
      'क्या रखा गया है, और क्यों:',
      'इस बात का रिकॉर्ड कि यह अनुरोध किया गया और उसका उत्तर दिया गया (प्रकार, तिथियाँ और स्थिति), आपके नाम, ईमेल पते या विवरण के बिना, यह दिखाने के लिए कि अनुरोध पर कार्रवाई हुई (GDPR अनुच्छेद 5(2) और 12)।',
      ...(consentProofKept ? ['आपके ब्राउज़र में दिए गए सहमति विकल्प (समय, विकल्प, नीति संस्करण), GDPR अनुच्छेद 7(1) के अंतर्गत सहमति के प्रमाण के रूप में रखे गए हैं। इनमें कोई नाम या ईमेल पता नहीं है और ये अब आपसे जुड़े नहीं हैं।'] : []),
      'यह इस पते पर भेजा गया अंतिम मेल है: इसके भेजे जाने के बाद पता मिटा दिया जाता है।',
    ],
  }),
};

/** The end of a deletion request: what was erased, what was kept and on which legal ground. */
export const requestErasedMail = localisedTemplate(texts);
