import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface VerificationCodeData {
  /** Whose site the request was made on: the requester knows the partner, not PortTask. */
  organisation: string;
  code: string;
  validMinutes: number;
}

const texts: MailTexts<VerificationCodeData> = {
  en: ({ organisation, code, validMinutes }) => ({
    subject: `Your code for your privacy request to ${organisation}: ${code}`,
    lines: [`Enter this code to confirm your privacy request to ${organisation}:`, code, `It is valid for ${validMinutes} minutes. If you did not make this request, ignore this mail: nothing happens without the code.`],
  }),
  da: ({ organisation, code, validMinutes }) => ({
    subject: `Din kode til din anmodning om persondata hos ${organisation}: ${code}`,
    lines: [`Indtast denne kode for at bekræfte din anmodning til ${organisation}:`, code, `Koden gælder i ${validMinutes} minutter. Har du ikke sendt anmodningen, kan du se bort fra denne mail: uden koden sker der intet.`],
  }),
  de: ({ organisation, code, validMinutes }) => ({
    subject: `Ihr Code für Ihre Datenschutzanfrage an ${organisation}: ${code}`,
    lines: [`Geben Sie diesen Code ein, um Ihre Datenschutzanfrage an ${organisation} zu bestätigen:`, code, `Er ist ${validMinutes} Minuten gültig. Wenn Sie diese Anfrage nicht gestellt haben, ignorieren Sie diese E-Mail: Ohne den Code geschieht nichts.`],
  }),
  hi: ({ organisation, code, validMinutes }) => ({
    subject: `${organisation} को आपके गोपनीयता अनुरोध का कोड: ${code}`,
    lines: [`${organisation} को अपने गोपनीयता अनुरोध की पुष्टि के लिए यह कोड दर्ज करें:`, code, `यह ${validMinutes} मिनट तक मान्य है। यदि आपने यह अनुरोध नहीं किया है, तो इस मेल को अनदेखा करें: कोड के बिना कुछ नहीं होगा।`],
  }),
};

/** The 6-digit code that proves the requester reads the mailbox they named. */
export const verificationCodeMail = localisedTemplate(texts, 1);
