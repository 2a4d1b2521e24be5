import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface RequestErasedData {
  organisation: string;
  reference: string;
  /** Whether consent records of the requester's browser exist (kept as proof, unlinked). */
  consentProofKept: boolean;
  /** Whether the address's account was deleted (older mails queued before this field: absent). */
  accountDeleted?: boolean;
  /** Whether the login audit trail held the address, now made unreadable there. */
  loginAuditKept?: boolean;
}

const texts: MailTexts<RequestErasedData> = {
  en: ({ organisation, reference, consentProofKept, accountDeleted, loginAuditKept }) => ({
    subject: `${organisation} has deleted your personal data`,
    lines: [
      `${organisation} has answered your deletion request ${reference}: your personal data is deleted.`,
      'What was kept, and why:',
      'A record that this request was made and answered (its type, dates and status), without your name, email address or details, to show that it was handled (GDPR Art. 5(2) and 12).',
      ...(consentProofKept ? ['The consent choices made in your browser (time, choices, policy version), kept as proof of consent under GDPR Art. 7(1). They hold no name or email address and are no longer linked to you.'] : []),
      ...(accountDeleted ? [`Your account with ${organisation} is deleted, with its sessions, password and sign-in methods. What you accepted when you signed up (the versions of the terms and privacy policy, and when) is kept as proof of that acceptance, without your IP address or browser and no longer linked to you.`] : []),
      ...(loginAuditKept ? ['The security log of sign-ins to the service (time, IP address and outcome of each attempt) is kept to protect the service and its users against misuse (GDPR Art. 6(1)(f) and 32); your email address in it is made unreadable for good.'] : []),
      'This is the last mail sent to this address: it is erased once this mail has left.',
    ],
  }),
  da: ({ organisation, reference, consentProofKept, accountDeleted, loginAuditKept }) => ({
    subject: `${organisation} har slettet dine personoplysninger`,
    lines: [
      `${organisation} har besvaret din anmodning om sletning ${reference}: dine personoplysninger er slettet.`,
      'Hvad der er gemt, og hvorfor:',
      'En registrering af, at anmodningen blev fremsat og besvaret (type, datoer og status), uden dit navn, din e-mailadresse eller dine oplysninger, for at kunne vise, at den blev behandlet (GDPR art. 5, stk. 2, og art. 12).',
      ...(consentProofKept ? ['De samtykkevalg, der blev truffet i din browser (tidspunkt, valg, politikversion), gemt som bevis for samtykke efter GDPR art. 7, stk. 1. De indeholder hverken navn eller e-mailadresse og er ikke længere knyttet til dig.'] : []),
      ...(accountDeleted ? [`Din konto hos ${organisation} er slettet sammen med dens sessioner, adgangskode og loginmetoder. Det, du accepterede ved oprettelsen (versionerne af vilkårene og privatlivspolitikken, og hvornår), gemmes som bevis for accepten, uden din IP-adresse eller browser og ikke længere knyttet til dig.`] : []),
      ...(loginAuditKept ? ['Sikkerhedsloggen over login til tjenesten (tidspunkt, IP-adresse og udfald af hvert forsøg) gemmes for at beskytte tjenesten og dens brugere mod misbrug (GDPR art. 6, stk. 1, litra f, og art. 32); din e-mailadresse i den er gjort ulæselig for altid.'] : []),
      'Dette er den sidste mail til denne adresse: adressen slettes, når mailen er sendt.',
    ],
  }),
  de: ({ organisation, reference, consentProofKept, accountDeleted, loginAuditKept }) => ({
    subject: `${organisation} hat Ihre personenbezogenen Daten gelöscht`,
    lines: [
      `${organisation} hat Ihre Löschanfrage ${reference} beantwortet: Ihre personenbezogenen Daten sind gelöscht.`,
      'Was aufbewahrt wird, und warum:',
      'Ein Nachweis, dass diese Anfrage gestellt und beantwortet wurde (Art, Daten und Status), ohne Ihren Namen, Ihre E-Mail-Adresse oder Ihre Angaben, um zu belegen, dass sie bearbeitet wurde (DSGVO Art. 5 Abs. 2 und Art. 12).',
      ...(consentProofKept ? ['Die in Ihrem Browser getroffenen Einwilligungsentscheidungen (Zeitpunkt, Auswahl, Version der Datenschutzerklärung), aufbewahrt als Nachweis der Einwilligung nach DSGVO Art. 7 Abs. 1. Sie enthalten weder Namen noch E-Mail-Adresse und sind nicht mehr mit Ihnen verknüpft.'] : []),
      ...(accountDeleted ? [`Ihr Konto bei ${organisation} ist gelöscht, mit seinen Sitzungen, seinem Passwort und seinen Anmeldemethoden. Was Sie bei der Registrierung akzeptiert haben (die Versionen der Nutzungsbedingungen und der Datenschutzerklärung, und wann), wird als Nachweis dieser Zustimmung aufbewahrt, ohne Ihre IP-Adresse oder Ihren Browser und nicht mehr mit Ihnen verknüpft.`] : []),
      ...(loginAuditKept ? ['Das Sicherheitsprotokoll der Anmeldungen beim Dienst (Zeitpunkt, IP-Adresse und Ergebnis jedes Versuchs) wird aufbewahrt, um den Dienst und seine Nutzer vor Missbrauch zu schützen (DSGVO Art. 6 Abs. 1 lit. f und Art. 32); Ihre E-Mail-Adresse darin ist dauerhaft unlesbar gemacht.'] : []),
      'Dies ist die letzte E-Mail an diese Adresse: Sie wird gelöscht, sobald diese E-Mail versandt ist.',
    ],
  }),
  hi: ({ organisation, reference, consentProofKept, accountDeleted, loginAuditKept }) => ({
    subject: `${organisation} ने आपका व्यक्तिगत डेटा हटा दिया है`,
    lines: [
      `${organisation} ने आपके हटाने के अनुरोध ${reference} का उत्तर दे दिया है: आपका व्यक्तिगत डेटा हटा दिया गया है।`,
      'क्या रखा गया है, और क्यों:',
      'इस बात का रिकॉर्ड कि यह अनुरोध किया गया और उसका उत्तर दिया गया (प्रकार, तिथियाँ और स्थिति), आपके नाम, ईमेल पते या विवरण के बिना, यह दिखाने के लिए कि अनुरोध पर कार्रवाई हुई (GDPR अनुच्छेद 5(2) और 12)।',
      ...(consentProofKept ? ['आपके ब्राउज़र में दिए गए सहमति विकल्प (समय, विकल्प, नीति संस्करण), GDPR अनुच्छेद 7(1) के अंतर्गत सहमति के प्रमाण के रूप में रखे गए हैं। इनमें कोई नाम या ईमेल पता नहीं है और ये अब आपसे जुड़े नहीं हैं।'] : []),
      ...(accountDeleted ? [`${organisation} में आपका खाता हटा दिया गया है, उसके सत्रों, पासवर्ड और साइन-इन विधियों सहित। साइन-अप के समय आपने जो स्वीकार किया था (शर्तों और गोपनीयता नीति के संस्करण, और कब), वह उस स्वीकृति के प्रमाण के रूप में रखा गया है, आपके IP पते या ब्राउज़र के बिना और अब आपसे जुड़ा नहीं।`] : []),
      ...(loginAuditKept ? ['सेवा में साइन-इन का सुरक्षा लॉग (हर प्रयास का समय, IP पता और परिणाम) सेवा और उसके उपयोगकर्ताओं को दुरुपयोग से बचाने के लिए रखा गया है (GDPR अनुच्छेद 6(1)(f) और 32); उसमें आपका ईमेल पता स्थायी रूप से अपठनीय कर दिया गया है।'] : []),
      'यह इस पते पर भेजा गया अंतिम मेल है: इसके भेजे जाने के बाद पता मिटा दिया जाता है।',
    ],
  }),
};

/** The end of a deletion request: what was erased, what was kept and on which legal ground. */
export const requestErasedMail = localisedTemplate(texts);
