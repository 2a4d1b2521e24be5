import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface AccountInvitationData {
  /** The partner's name: people know the portal, not PortTask. */
  organisation: string;
  link: string;
  validDays: number;
}

const texts: MailTexts<AccountInvitationData> = {
  en: ({ organisation, link, validDays }) => ({
    subject: `You are invited to ${organisation}`,
    lines: [`${organisation} invites you to its staff. Open this link to set your password and accept:`, link, `It works once, for ${validDays} days. If you did not expect this, ignore this mail.`],
  }),
  da: ({ organisation, link, validDays }) => ({
    subject: `Du er inviteret til ${organisation}`,
    lines: [`${organisation} inviterer dig som medarbejder. Åbn dette link for at vælge din adgangskode og takke ja:`, link, `Linket virker én gang i ${validDays} dage. Har du ikke ventet det, kan du se bort fra denne mail.`],
  }),
  de: ({ organisation, link, validDays }) => ({
    subject: `Einladung zu ${organisation}`,
    lines: [`${organisation} lädt Sie als Mitarbeiterin oder Mitarbeiter ein. Öffnen Sie diesen Link, um Ihr Passwort festzulegen und anzunehmen:`, link, `Er funktioniert einmal, ${validDays} Tage lang. Wenn Sie das nicht erwartet haben, ignorieren Sie diese E-Mail.`],
  }),
  hi: ({ organisation, link, validDays }) => ({
    subject: `${organisation} में आपको आमंत्रित किया गया है`,
    lines: [`${organisation} आपको अपने स्टाफ़ में आमंत्रित करता है। अपना पासवर्ड सेट करने और स्वीकार करने के लिए यह लिंक खोलें:`, link, `यह एक बार, ${validDays} दिनों तक काम करता है। यदि आपको इसकी अपेक्षा नहीं थी, तो इस मेल को अनदेखा करें।`],
  }),
};

/** A staff invitation: the link to the set-password page (its token grants the role once used). */
export const accountInvitationMail = localisedTemplate(texts, 1);
