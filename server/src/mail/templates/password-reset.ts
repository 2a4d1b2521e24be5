import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface PasswordResetData {
  /** The partner's name: people know the portal, not PortTask. */
  organisation: string;
  link: string;
  validMinutes: number;
}

const texts: MailTexts<PasswordResetData> = {
  en: ({ organisation, link, validMinutes }) => ({
    subject: `Choose a new password for your ${organisation} account`,
    lines: [`Someone asked to reset the password of your ${organisation} account. Open this link to choose a new one:`, link, `It works once, for ${validMinutes} minutes. If you did not ask for this, ignore this mail: your password stays as it is.`],
  }),
  da: ({ organisation, link, validMinutes }) => ({
    subject: `Vælg en ny adgangskode til din konto hos ${organisation}`,
    lines: [`Nogen har bedt om at nulstille adgangskoden til din konto hos ${organisation}. Åbn dette link for at vælge en ny:`, link, `Linket virker én gang i ${validMinutes} minutter. Har du ikke bedt om det, kan du se bort fra denne mail: din adgangskode er uændret.`],
  }),
  de: ({ organisation, link, validMinutes }) => ({
    subject: `Neues Passwort für Ihr Konto bei ${organisation}`,
    lines: [`Jemand hat angefordert, das Passwort Ihres Kontos bei ${organisation} zurückzusetzen. Öffnen Sie diesen Link, um ein neues zu wählen:`, link, `Er funktioniert einmal, ${validMinutes} Minuten lang. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.`],
  }),
  hi: ({ organisation, link, validMinutes }) => ({
    subject: `${organisation} खाते के लिए नया पासवर्ड चुनें`,
    lines: [`किसी ने आपके ${organisation} खाते का पासवर्ड रीसेट करने का अनुरोध किया है। नया पासवर्ड चुनने के लिए यह लिंक खोलें:`, link, `यह एक बार, ${validMinutes} मिनट तक काम करता है। यदि आपने यह अनुरोध नहीं किया, तो इस मेल को अनदेखा करें: आपका पासवर्ड वैसा ही रहेगा।`],
  }),
};

/** The link that lets an account's owner choose a new password (nothing else: no name, no account data). */
export const passwordResetMail = localisedTemplate(texts, 1);
