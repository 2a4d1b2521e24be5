import type { LoginLocale } from './login-texts.ts';

/** The login frame's words for a sign-up below the age of digital consent (accounts/guardian/). */
const en = {
  'legend.age': 'Your age',
  'field.guardianEmail': 'Email of a parent or guardian',
  'hint.guardianEmail': 'Below this age a parent or guardian must consent: we email them a link. Your account works once they do.',
  'error.AGE_REQUIRED': 'Answer the question about your age.',
  'error.GUARDIAN_EMAIL_REQUIRED': 'Enter the email of a parent or guardian: they must consent first. Nothing you typed was stored.',
  'error.GUARDIAN_SAME': 'Enter your parent\'s or guardian\'s own email, not yours.',
  'title.guardianPending': 'We emailed your parent or guardian',
  'text.guardianPending': 'Your account is made but cannot be used yet. Ask your parent or guardian to open the link in our mail and consent. Without their answer within 14 days the account is deleted.',
  'action.guardianResend': 'Email them again',
  'status.guardianResent': 'Sent again. Only the newest link works.',
};
export type GuardianFrameTexts = typeof en;

const da: GuardianFrameTexts = {
  'legend.age': 'Din alder',
  'field.guardianEmail': 'E-mail til en forælder eller værge',
  'hint.guardianEmail': 'Under denne alder skal en forælder eller værge give samtykke: vi sender dem et link. Din konto virker, når de har gjort det.',
  'error.AGE_REQUIRED': 'Svar på spørgsmålet om din alder.',
  'error.GUARDIAN_EMAIL_REQUIRED': 'Skriv e-mailen til en forælder eller værge: de skal give samtykke først. Intet af det, du skrev, er gemt.',
  'error.GUARDIAN_SAME': 'Skriv din forælders eller værges egen e-mail, ikke din.',
  'title.guardianPending': 'Vi har skrevet til din forælder eller værge',
  'text.guardianPending': 'Din konto er oprettet, men kan ikke bruges endnu. Bed din forælder eller værge om at åbne linket i vores mail og give samtykke. Uden svar inden for 14 dage slettes kontoen.',
  'action.guardianResend': 'Send mailen igen',
  'status.guardianResent': 'Sendt igen. Kun det nyeste link virker.',
};

const de: GuardianFrameTexts = {
  'legend.age': 'Ihr Alter',
  'field.guardianEmail': 'E-Mail eines Elternteils oder Vormunds',
  'hint.guardianEmail': 'Unter diesem Alter muss ein Elternteil oder Vormund zustimmen: Wir senden ihm einen Link. Ihr Konto funktioniert, sobald er zugestimmt hat.',
  'error.AGE_REQUIRED': 'Beantworten Sie die Frage zu Ihrem Alter.',
  'error.GUARDIAN_EMAIL_REQUIRED': 'Geben Sie die E-Mail eines Elternteils oder Vormunds ein: Er muss zuerst zustimmen. Nichts von Ihren Eingaben wurde gespeichert.',
  'error.GUARDIAN_SAME': 'Geben Sie die eigene E-Mail Ihrer Eltern oder Ihres Vormunds ein, nicht Ihre.',
  'title.guardianPending': 'Wir haben Ihren Eltern oder Ihrem Vormund geschrieben',
  'text.guardianPending': 'Ihr Konto ist angelegt, kann aber noch nicht genutzt werden. Bitten Sie Ihre Eltern oder Ihren Vormund, den Link in unserer E-Mail zu öffnen und zuzustimmen. Ohne Antwort innerhalb von 14 Tagen wird das Konto gelöscht.',
  'action.guardianResend': 'E-Mail erneut senden',
  'status.guardianResent': 'Erneut gesendet. Nur der neueste Link funktioniert.',
};

const hi: GuardianFrameTexts = {
  'legend.age': 'आपकी आयु',
  'field.guardianEmail': 'माता-पिता या अभिभावक का ईमेल',
  'hint.guardianEmail': 'इस आयु से कम होने पर माता-पिता या अभिभावक की सहमति ज़रूरी है: हम उन्हें एक लिंक ईमेल करेंगे। उनकी सहमति के बाद आपका खाता काम करेगा।',
  'error.AGE_REQUIRED': 'अपनी आयु के बारे में प्रश्न का उत्तर दें।',
  'error.GUARDIAN_EMAIL_REQUIRED': 'माता-पिता या अभिभावक का ईमेल दर्ज करें: पहले उनकी सहमति ज़रूरी है। आपने जो लिखा, उसमें से कुछ भी संग्रहीत नहीं किया गया।',
  'error.GUARDIAN_SAME': 'अपने माता-पिता या अभिभावक का अपना ईमेल दर्ज करें, अपना नहीं।',
  'title.guardianPending': 'हमने आपके माता-पिता या अभिभावक को ईमेल किया है',
  'text.guardianPending': 'आपका खाता बन गया है, पर अभी उपयोग नहीं किया जा सकता। अपने माता-पिता या अभिभावक से हमारे मेल का लिंक खोलकर सहमति देने को कहें। 14 दिनों में उत्तर न मिलने पर खाता हटा दिया जाएगा।',
  'action.guardianResend': 'उन्हें फिर से ईमेल करें',
  'status.guardianResent': 'फिर से भेजा गया। केवल नया लिंक काम करता है।',
};

const TEXTS: Record<LoginLocale, GuardianFrameTexts> = { en, da, de, hi };

export function guardianFrameTexts(locale: LoginLocale): GuardianFrameTexts {
  return TEXTS[locale];
}
