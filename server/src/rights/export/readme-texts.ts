/** The README of an export bundle, in the requester's language. */
export interface ReadmeData {
  organisation: string;
  reference: string;
  /** When the bundle was built, ISO 8601. */
  builtAt: string;
  /** The files of the bundle with their row counts, e.g. "porttask/consent-records.json (3)". */
  files: Array<{ path: string; rows: number }>;
}

type Texts = (data: ReadmeData) => { title: string; intro: string[]; filesHeading: string; rowsWord: (rows: number) => string; descriptions: Record<string, string>; partner: string; formats: string[] };

const TEXTS: Record<'en' | 'da' | 'de' | 'hi', Texts> = {
  en: ({ organisation, reference, builtAt }) => ({
    title: `Your personal data held by ${organisation}`,
    intro: [`This is the answer to your privacy request ${reference}, made on ${builtAt}.`, 'It holds everything we hold about you: what our privacy platform PortTask recorded, and what we added ourselves.'],
    filesHeading: 'Files (each table as JSON and as CSV with the same rows)',
    rowsWord: (rows) => (rows === 1 ? '1 row' : `${rows} rows`),
    descriptions: {
      'rights-requests': 'your privacy requests, with the email address, name and details you gave',
      'rights-request-timeline': 'every step of those requests that was shown to you, with reasons',
      'consent-records': 'your cookie and consent choices, as recorded on the devices named in your requests',
      mails: 'the emails we sent you about your requests',
      account: 'your account here: email address, name, role, when it was made and whether its address is verified',
      'account-sign-in-methods': 'how you sign in to your account (e.g. with a password; never the password itself)',
      'account-guardian-consents': 'what a parent or guardian answered for your account, if it needed their consent: the decision, the versions, their name and email, when',
      'account-sign-up-acceptances': 'what you accepted when you signed up: the versions of the terms and privacy policy, how your age was checked, when',
      'login-events': 'the security log of sign-ins to your account and with your email address: time, IP address, browser and outcome',
    },
    partner: `data ${organisation} holds about you`,
    formats: ['JSON files are UTF-8 arrays of objects. CSV files are UTF-8, comma-separated, with a header row (RFC 4180); nested values are written as JSON.', `Questions about this data: contact ${organisation}, quoting ${reference}.`],
  }),
  da: ({ organisation, reference, builtAt }) => ({
    title: `Dine personoplysninger hos ${organisation}`,
    intro: [`Dette er svaret på din anmodning ${reference}, dannet ${builtAt}.`, 'Det indeholder alt, vi har om dig: det, vores privatlivsplatform PortTask har registreret, og det, vi selv har tilføjet.'],
    filesHeading: 'Filer (hver tabel som JSON og som CSV med de samme rækker)',
    rowsWord: (rows) => (rows === 1 ? '1 række' : `${rows} rækker`),
    descriptions: {
      'rights-requests': 'dine anmodninger, med den e-mailadresse, det navn og de oplysninger, du gav',
      'rights-request-timeline': 'hvert trin i anmodningerne, som blev vist for dig, med begrundelser',
      'consent-records': 'dine valg om cookies og samtykke, registreret på de enheder, dine anmodninger nævner',
      mails: 'de e-mails, vi har sendt dig om dine anmodninger',
      account: 'din konto her: e-mailadresse, navn, rolle, hvornår den blev oprettet, og om adressen er bekræftet',
      'account-sign-in-methods': 'hvordan du logger ind på din konto (f.eks. med adgangskode; aldrig selve adgangskoden)',
      'account-guardian-consents': 'hvad en forælder eller værge svarede for din konto, hvis den krævede samtykke: beslutningen, versionerne, deres navn og e-mail, hvornår',
      'account-sign-up-acceptances': 'hvad du accepterede ved oprettelsen: versionerne af vilkårene og privatlivspolitikken, hvordan din alder blev kontrolleret, hvornår',
      'login-events': 'sikkerhedsloggen over login på din konto og med din e-mailadresse: tidspunkt, IP-adresse, browser og udfald',
    },
    partner: `oplysninger, som ${organisation} har om dig`,
    formats: ['JSON-filer er UTF-8-lister af objekter. CSV-filer er UTF-8, kommasepareret, med en overskriftsrække (RFC 4180); indlejrede værdier er skrevet som JSON.', `Spørgsmål om oplysningerne: kontakt ${organisation} og oplys ${reference}.`],
  }),
  de: ({ organisation, reference, builtAt }) => ({
    title: `Ihre personenbezogenen Daten bei ${organisation}`,
    intro: [`Dies ist die Antwort auf Ihre Datenschutzanfrage ${reference}, erstellt am ${builtAt}.`, 'Sie enthält alles, was wir über Sie gespeichert haben: was unsere Datenschutzplattform PortTask aufgezeichnet hat und was wir selbst hinzugefügt haben.'],
    filesHeading: 'Dateien (jede Tabelle als JSON und als CSV mit denselben Zeilen)',
    rowsWord: (rows) => (rows === 1 ? '1 Zeile' : `${rows} Zeilen`),
    descriptions: {
      'rights-requests': 'Ihre Datenschutzanfragen, mit der E-Mail-Adresse, dem Namen und den Angaben, die Sie gemacht haben',
      'rights-request-timeline': 'jeder Schritt dieser Anfragen, der Ihnen angezeigt wurde, mit Begründungen',
      'consent-records': 'Ihre Cookie- und Einwilligungsentscheidungen, aufgezeichnet auf den in Ihren Anfragen genannten Geräten',
      mails: 'die E-Mails, die wir Ihnen zu Ihren Anfragen geschickt haben',
      account: 'Ihr Konto hier: E-Mail-Adresse, Name, Rolle, wann es angelegt wurde und ob die Adresse bestätigt ist',
      'account-sign-in-methods': 'wie Sie sich bei Ihrem Konto anmelden (z. B. mit Passwort; nie das Passwort selbst)',
      'account-guardian-consents': 'was ein Elternteil oder Vormund für Ihr Konto geantwortet hat, falls es eine Zustimmung brauchte: die Entscheidung, die Versionen, Name und E-Mail, wann',
      'account-sign-up-acceptances': 'was Sie bei der Registrierung akzeptiert haben: die Versionen der Nutzungsbedingungen und der Datenschutzerklärung, wie Ihr Alter geprüft wurde, wann',
      'login-events': 'das Sicherheitsprotokoll der Anmeldungen bei Ihrem Konto und mit Ihrer E-Mail-Adresse: Zeitpunkt, IP-Adresse, Browser und Ergebnis',
    },
    partner: `Daten, die ${organisation} über Sie gespeichert hat`,
    formats: ['JSON-Dateien sind UTF-8-Listen von Objekten. CSV-Dateien sind UTF-8, kommagetrennt, mit Kopfzeile (RFC 4180); verschachtelte Werte stehen als JSON darin.', `Fragen zu diesen Daten: wenden Sie sich unter Angabe von ${reference} an ${organisation}.`],
  }),
  hi: ({ organisation, reference, builtAt }) => ({
    title: `${organisation} के पास आपका व्यक्तिगत डेटा`,
    intro: [`यह आपके गोपनीयता अनुरोध ${reference} का उत्तर है, जो ${builtAt} को तैयार किया गया।`, 'इसमें वह सब है जो हमारे पास आपके बारे में है: हमारे गोपनीयता प्लेटफ़ॉर्म PortTask ने जो दर्ज किया, और जो हमने स्वयं जोड़ा।'],
    filesHeading: 'फ़ाइलें (हर तालिका JSON में और उन्हीं पंक्तियों के साथ CSV में)',
    rowsWord: (rows) => (rows === 1 ? '1 पंक्ति' : `${rows} पंक्तियाँ`),
    descriptions: {
      'rights-requests': 'आपके गोपनीयता अनुरोध, आपके दिए गए ईमेल पते, नाम और विवरण के साथ',
      'rights-request-timeline': 'उन अनुरोधों का हर चरण जो आपको दिखाया गया, कारणों सहित',
      'consent-records': 'आपके अनुरोधों में बताए गए उपकरणों पर दर्ज आपकी कुकी और सहमति के विकल्प',
      mails: 'आपके अनुरोधों के बारे में हमारे द्वारा भेजे गए ईमेल',
      account: 'यहाँ आपका खाता: ईमेल पता, नाम, भूमिका, वह कब बना और क्या उसका पता सत्यापित है',
      'account-sign-in-methods': 'आप अपने खाते में कैसे साइन इन करते हैं (जैसे पासवर्ड से; पासवर्ड स्वयं कभी नहीं)',
      'account-guardian-consents': 'यदि आपके खाते को सहमति चाहिए थी, तो माता-पिता या अभिभावक ने क्या उत्तर दिया: निर्णय, संस्करण, उनका नाम और ईमेल, कब',
      'account-sign-up-acceptances': 'साइन-अप के समय आपने क्या स्वीकार किया: शर्तों और गोपनीयता नीति के संस्करण, आपकी आयु कैसे जाँची गई, कब',
      'login-events': 'आपके खाते में और आपके ईमेल पते से साइन-इन का सुरक्षा लॉग: समय, IP पता, ब्राउज़र और परिणाम',
    },
    partner: `${organisation} के पास आपके बारे में डेटा`,
    formats: ['JSON फ़ाइलें UTF-8 में वस्तुओं की सूचियाँ हैं। CSV फ़ाइलें UTF-8 में, अल्पविराम से अलग, शीर्ष पंक्ति के साथ हैं (RFC 4180); नेस्टेड मान JSON के रूप में लिखे गए हैं।', `इस डेटा के बारे में प्रश्न: ${reference} बताते हुए ${organisation} से संपर्क करें।`],
  }),
};

/** Plain text, so it opens anywhere; the file list says which table is which. */
export function readmeText(locale: keyof typeof TEXTS, data: ReadmeData): string {
  const texts = TEXTS[locale](data);
  const describe = (path: string) => {
    const [folder, file] = path.split('/') as [string, string];
    const table = file.replace(/\.(json|csv)$/, '');
    return folder === 'partner' ? texts.partner : texts.descriptions[table] ?? '';
  };
  const lines = [
    texts.title,
    '='.repeat(Math.min(texts.title.length, 72)),
    '',
    ...texts.intro,
    '',
    `${texts.filesHeading}:`,
    ...data.files.map((file) => `- ${file.path} (${texts.rowsWord(file.rows)}): ${describe(file.path)}`),
    '',
    ...texts.formats,
    '',
  ];
  return lines.join('\r\n');
}
