import type { LoginLocale } from './login-texts.ts';

/** The guardian consent page's words (the statements themselves: accounts/guardian/guardian-statement.ts). */
const en = {
  title: 'Consent for a young person\'s account',
  intro: 'Someone under the age of digital consent made an account and named you as their parent or guardian. The account cannot be used until you answer.',
  'fact.organisation': 'Organisation',
  'fact.service': 'Website',
  'fact.account': 'Account',
  'fact.answerBy': 'Answer by',
  'fact.documents': 'What they accepted',
  'link.policy': 'Privacy policy, version {version}',
  'link.terms': 'Terms of use, version {version}',
  'field.declared': 'I am this person\'s parent or legal guardian.',
  'field.name': 'Your full name',
  'hint.name': 'Kept, encrypted, as part of the record of your answer.',
  'legend.answer': 'Your answer',
  'action.consent': 'I consent',
  'action.refuse': 'I refuse: delete the account',
  'error.declared': 'Tick the box to declare that you are the parent or guardian.',
  'error.name': 'Type your full name.',
  'done.title': 'Thank you',
  'done.consent': 'Your consent is recorded. The account can be used now.',
  'done.refuse': 'The account and what it held are deleted.',
  invalid: 'This link does not work: it was used already, it expired, or it was changed.',
};
export type GuardianPageTexts = typeof en;

const da: GuardianPageTexts = {
  title: 'Samtykke til en ung persons konto',
  intro: 'En person under alderen for digitalt samtykke har oprettet en konto og angivet dig som forælder eller værge. Kontoen kan ikke bruges, før du svarer.',
  'fact.organisation': 'Organisation',
  'fact.service': 'Websted',
  'fact.account': 'Konto',
  'fact.answerBy': 'Svar senest',
  'fact.documents': 'Det, personen har accepteret',
  'link.policy': 'Privatlivspolitik, version {version}',
  'link.terms': 'Brugsvilkår, version {version}',
  'field.declared': 'Jeg er denne persons forælder eller værge.',
  'field.name': 'Dit fulde navn',
  'hint.name': 'Gemmes krypteret som en del af registreringen af dit svar.',
  'legend.answer': 'Dit svar',
  'action.consent': 'Jeg giver samtykke',
  'action.refuse': 'Jeg afslår: slet kontoen',
  'error.declared': 'Sæt flueben for at erklære, at du er forælder eller værge.',
  'error.name': 'Skriv dit fulde navn.',
  'done.title': 'Tak',
  'done.consent': 'Dit samtykke er registreret. Kontoen kan bruges nu.',
  'done.refuse': 'Kontoen og det, den indeholdt, er slettet.',
  invalid: 'Dette link virker ikke: det er brugt, udløbet eller ændret.',
};

const de: GuardianPageTexts = {
  title: 'Zustimmung für das Konto eines jungen Menschen',
  intro: 'Jemand unter dem Alter der digitalen Einwilligung hat ein Konto angelegt und Sie als Elternteil oder Vormund angegeben. Das Konto kann erst genutzt werden, wenn Sie antworten.',
  'fact.organisation': 'Organisation',
  'fact.service': 'Website',
  'fact.account': 'Konto',
  'fact.answerBy': 'Antwort bis',
  'fact.documents': 'Was akzeptiert wurde',
  'link.policy': 'Datenschutzerklärung, Version {version}',
  'link.terms': 'Nutzungsbedingungen, Version {version}',
  'field.declared': 'Ich bin Elternteil oder Vormund dieser Person.',
  'field.name': 'Ihr vollständiger Name',
  'hint.name': 'Wird verschlüsselt als Teil des Nachweises Ihrer Antwort gespeichert.',
  'legend.answer': 'Ihre Antwort',
  'action.consent': 'Ich stimme zu',
  'action.refuse': 'Ich lehne ab: Konto löschen',
  'error.declared': 'Setzen Sie das Häkchen, um zu erklären, dass Sie Elternteil oder Vormund sind.',
  'error.name': 'Geben Sie Ihren vollständigen Namen ein.',
  'done.title': 'Vielen Dank',
  'done.consent': 'Ihre Zustimmung ist gespeichert. Das Konto kann jetzt genutzt werden.',
  'done.refuse': 'Das Konto und seine Daten sind gelöscht.',
  invalid: 'Dieser Link funktioniert nicht: Er wurde schon verwendet, ist abgelaufen oder wurde verändert.',
};

const hi: GuardianPageTexts = {
  title: 'किसी युवा व्यक्ति के खाते के लिए सहमति',
  intro: 'डिजिटल सहमति की आयु से कम किसी व्यक्ति ने खाता बनाया है और आपको अपने माता-पिता या अभिभावक के रूप में बताया है। आपके उत्तर तक खाता उपयोग नहीं किया जा सकता।',
  'fact.organisation': 'संगठन',
  'fact.service': 'वेबसाइट',
  'fact.account': 'खाता',
  'fact.answerBy': 'उत्तर की अंतिम तिथि',
  'fact.documents': 'जो स्वीकार किया गया',
  'link.policy': 'गोपनीयता नीति, संस्करण {version}',
  'link.terms': 'उपयोग की शर्तें, संस्करण {version}',
  'field.declared': 'मैं इस व्यक्ति का/की माता-पिता या कानूनी अभिभावक हूँ।',
  'field.name': 'आपका पूरा नाम',
  'hint.name': 'आपके उत्तर के रिकॉर्ड के हिस्से के रूप में एन्क्रिप्ट करके रखा जाता है।',
  'legend.answer': 'आपका उत्तर',
  'action.consent': 'मैं सहमति देता/देती हूँ',
  'action.refuse': 'मैं अस्वीकार करता/करती हूँ: खाता हटाएँ',
  'error.declared': 'यह घोषित करने के लिए बॉक्स चुनें कि आप माता-पिता या अभिभावक हैं।',
  'error.name': 'अपना पूरा नाम लिखें।',
  'done.title': 'धन्यवाद',
  'done.consent': 'आपकी सहमति दर्ज हो गई है। खाता अब उपयोग किया जा सकता है।',
  'done.refuse': 'खाता और उसमें रखा सब कुछ हटा दिया गया है।',
  invalid: 'यह लिंक काम नहीं करता: इसका उपयोग हो चुका है, यह समाप्त हो गया है, या इसे बदला गया है।',
};

const TEXTS: Record<LoginLocale, GuardianPageTexts> = { en, da, de, hi };

export function guardianPageTexts(locale: LoginLocale): GuardianPageTexts {
  return TEXTS[locale];
}
