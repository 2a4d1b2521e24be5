import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface RequestCompletedExportData {
  organisation: string;
  reference: string;
  /** The partner's status page with the request id and token in the fragment; null when the request named none. */
  statusPageLink: string | null;
  /** How long the download stays available. */
  validDays: number;
}

const texts: MailTexts<RequestCompletedExportData> = {
  en: ({ organisation, reference, statusPageLink, validDays }) => ({
    subject: `${organisation} has answered your privacy request: your data is ready`,
    lines: [
      `${organisation} has answered your privacy request ${reference}. A copy of your data (JSON and CSV files in a ZIP) is ready to download from your request's status page for ${validDays} days:`,
      statusPageLink ?? `Open the privacy page of ${organisation} where you made the request, and enter the reference ${reference}.`,
    ],
  }),
  da: ({ organisation, reference, statusPageLink, validDays }) => ({
    subject: `${organisation} har besvaret din anmodning: dine data er klar`,
    lines: [
      `${organisation} har besvaret din anmodning ${reference}. En kopi af dine data (JSON- og CSV-filer i en ZIP-fil) kan hentes fra din anmodnings statusside i ${validDays} dage:`,
      statusPageLink ?? `Åbn den side hos ${organisation}, hvor du lavede anmodningen, og angiv referencen ${reference}.`,
    ],
  }),
  de: ({ organisation, reference, statusPageLink, validDays }) => ({
    subject: `${organisation} hat Ihre Datenschutzanfrage beantwortet: Ihre Daten liegen bereit`,
    lines: [
      `${organisation} hat Ihre Datenschutzanfrage ${reference} beantwortet. Eine Kopie Ihrer Daten (JSON- und CSV-Dateien in einer ZIP-Datei) können Sie ${validDays} Tage lang auf der Statusseite Ihrer Anfrage herunterladen:`,
      statusPageLink ?? `Öffnen Sie die Datenschutzseite von ${organisation}, auf der Sie die Anfrage gestellt haben, und geben Sie die Referenz ${reference} an.`,
    ],
  }),
  hi: ({ organisation, reference, statusPageLink, validDays }) => ({
    subject: `${organisation} ने आपके गोपनीयता अनुरोध का उत्तर दे दिया है: आपका डेटा तैयार है`,
    lines: [
      `${organisation} ने आपके गोपनीयता अनुरोध ${reference} का उत्तर दे दिया है। आपके डेटा की एक प्रति (ZIP में JSON और CSV फ़ाइलें) आपके अनुरोध के स्थिति पृष्ठ से ${validDays} दिनों तक डाउनलोड की जा सकती है:`,
      statusPageLink ?? `${organisation} का वह गोपनीयता पृष्ठ खोलें जहाँ आपने अनुरोध किया था, और संदर्भ ${reference} दर्ज करें।`,
    ],
  }),
};

/** The answer to an access or portability request: where the export bundle is downloaded. */
export const requestCompletedExportMail = localisedTemplate(texts, 1);
