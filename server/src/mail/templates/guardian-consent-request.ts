import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface GuardianConsentRequestData {
  /** The partner's name: parents know the portal, not PortTask. */
  organisation: string;
  /** The site the account was made on. */
  service: string;
  /** The child's address, masked. */
  child: string;
  link: string;
  validDays: number;
}

const texts: MailTexts<GuardianConsentRequestData> = {
  en: ({ organisation, service, child, link, validDays }) => ({
    subject: `Your consent is asked for an account at ${organisation}`,
    lines: [
      `Someone who said they are under the age of digital consent made an account as ${child} on ${service} (${organisation}) and gave your address as their parent's or guardian's.`,
      `The account cannot be used until a parent or guardian consents. Open this link to read what they accepted and to consent or refuse:`,
      link,
      `The link works once, for ${validDays} days. Without an answer the account is deleted then. If you do not know this person, refuse or ignore this mail.`,
    ],
  }),
  da: ({ organisation, service, child, link, validDays }) => ({
    subject: `Dit samtykke ønskes til en konto hos ${organisation}`,
    lines: [
      `En person, der oplyste at være under alderen for digitalt samtykke, har oprettet en konto som ${child} på ${service} (${organisation}) og angivet din adresse som forælders eller værges.`,
      `Kontoen kan ikke bruges, før en forælder eller værge giver samtykke. Åbn dette link for at læse, hvad personen har accepteret, og give eller afslå samtykke:`,
      link,
      `Linket virker én gang i ${validDays} dage. Uden svar slettes kontoen derefter. Kender du ikke personen, så afslå eller se bort fra denne mail.`,
    ],
  }),
  de: ({ organisation, service, child, link, validDays }) => ({
    subject: `Ihre Zustimmung für ein Konto bei ${organisation} wird erbeten`,
    lines: [
      `Jemand, der angab, unter dem Alter der digitalen Einwilligung zu sein, hat ein Konto als ${child} bei ${service} (${organisation}) angelegt und Ihre Adresse als die eines Elternteils oder Vormunds angegeben.`,
      `Das Konto kann erst genutzt werden, wenn ein Elternteil oder Vormund zustimmt. Öffnen Sie diesen Link, um zu lesen, was akzeptiert wurde, und zuzustimmen oder abzulehnen:`,
      link,
      `Der Link funktioniert einmal, ${validDays} Tage lang. Ohne Antwort wird das Konto danach gelöscht. Wenn Sie die Person nicht kennen, lehnen Sie ab oder ignorieren Sie diese E-Mail.`,
    ],
  }),
  hi: ({ organisation, service, child, link, validDays }) => ({
    subject: `${organisation} पर एक खाते के लिए आपकी सहमति माँगी गई है`,
    lines: [
      `किसी व्यक्ति ने, जिसने बताया कि उसकी आयु डिजिटल सहमति की आयु से कम है, ${service} (${organisation}) पर ${child} के रूप में खाता बनाया है और आपका पता माता-पिता या अभिभावक के रूप में दिया है।`,
      `जब तक माता-पिता या अभिभावक सहमति नहीं देते, खाता उपयोग नहीं किया जा सकता। क्या स्वीकार किया गया यह पढ़ने और सहमति देने या अस्वीकार करने के लिए यह लिंक खोलें:`,
      link,
      `यह लिंक एक बार, ${validDays} दिनों तक काम करता है। उत्तर न मिलने पर खाता उसके बाद हटा दिया जाएगा। यदि आप इस व्यक्ति को नहीं जानते, तो अस्वीकार करें या इस मेल को अनदेखा करें।`,
    ],
  }),
};

/** The mail that asks a parent or guardian to consent to a minor's account (accounts/guardian/). */
export const guardianConsentRequestMail = localisedTemplate(texts, 2);
