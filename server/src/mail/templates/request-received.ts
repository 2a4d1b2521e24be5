import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface RequestReceivedData {
  organisation: string;
  reference: string;
  /** The last day for the answer, YYYY-MM-DD. */
  dueOn: string;
}

const texts: MailTexts<RequestReceivedData> = {
  en: ({ organisation, reference, dueOn }) => ({
    subject: `${organisation} has received your privacy request`,
    lines: [`Your email address is confirmed and ${organisation} has received your privacy request.`, `Reference: ${reference}`, `You will get an answer by ${dueOn} at the latest. If more time is needed, you will be told why before that date.`],
  }),
  da: ({ organisation, reference, dueOn }) => ({
    subject: `${organisation} har modtaget din anmodning om persondata`,
    lines: [`Din e-mailadresse er bekræftet, og ${organisation} har modtaget din anmodning.`, `Reference: ${reference}`, `Du får svar senest ${dueOn}. Hvis der skal bruges mere tid, får du at vide hvorfor inden da.`],
  }),
  de: ({ organisation, reference, dueOn }) => ({
    subject: `${organisation} hat Ihre Datenschutzanfrage erhalten`,
    lines: [`Ihre E-Mail-Adresse ist bestätigt und ${organisation} hat Ihre Datenschutzanfrage erhalten.`, `Referenz: ${reference}`, `Sie erhalten spätestens am ${dueOn} eine Antwort. Wird mehr Zeit benötigt, erfahren Sie vorher, warum.`],
  }),
  hi: ({ organisation, reference, dueOn }) => ({
    subject: `${organisation} को आपका गोपनीयता अनुरोध मिल गया है`,
    lines: [`आपका ईमेल पता पुष्ट हो गया है और ${organisation} को आपका गोपनीयता अनुरोध मिल गया है।`, `संदर्भ: ${reference}`, `आपको अधिकतम ${dueOn} तक उत्तर मिलेगा। यदि अधिक समय चाहिए, तो उससे पहले आपको कारण बताया जाएगा।`],
  }),
};

/** Sent on verification: the confirmation of receipt (CCPA asks for one within 10 business days). */
export const requestReceivedMail = localisedTemplate(texts, 1);
