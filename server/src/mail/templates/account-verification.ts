import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface AccountVerificationData {
  /** The partner's name: people know the portal, not PortTask. */
  organisation: string;
  link: string;
  validHours: number;
}

const texts: MailTexts<AccountVerificationData> = {
  en: ({ organisation, link, validHours }) => ({
    subject: `Confirm your email for your ${organisation} account`,
    lines: [`Open this link to confirm the email address of your new ${organisation} account:`, link, `It works for ${validHours} hours. If you did not sign up, ignore this mail.`],
  }),
  da: ({ organisation, link, validHours }) => ({
    subject: `Bekræft din e-mail til din konto hos ${organisation}`,
    lines: [`Åbn dette link for at bekræfte e-mailadressen til din nye konto hos ${organisation}:`, link, `Linket virker i ${validHours} timer. Har du ikke oprettet en konto, kan du se bort fra denne mail.`],
  }),
  de: ({ organisation, link, validHours }) => ({
    subject: `Bestätigen Sie Ihre E-Mail für Ihr Konto bei ${organisation}`,
    lines: [`Öffnen Sie diesen Link, um die E-Mail-Adresse Ihres neuen Kontos bei ${organisation} zu bestätigen:`, link, `Er ist ${validHours} Stunden gültig. Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail.`],
  }),
  hi: ({ organisation, link, validHours }) => ({
    subject: `${organisation} खाते के लिए अपना ईमेल पुष्टि करें`,
    lines: [`${organisation} पर अपने नए खाते का ईमेल पता पुष्टि करने के लिए यह लिंक खोलें:`, link, `यह ${validHours} घंटे तक काम करता है। यदि आपने साइन अप नहीं किया, तो इस मेल को अनदेखा करें।`],
  }),
};

/** The link that proves a new account's owner reads the mailbox it named. */
export const accountVerificationMail = localisedTemplate(texts, 1);
