import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface RequestDeniedData {
  organisation: string;
  reference: string;
  reason: string;
}

export interface RequestExtendedData {
  organisation: string;
  reference: string;
  reason: string;
  /** The new last day for the answer, YYYY-MM-DD. */
  dueOn: string;
}

export interface RequestCompletedData {
  organisation: string;
  reference: string;
  /** What staff did (a correction, a restriction), when they described it. */
  description?: string;
}

const deniedTexts: MailTexts<RequestDeniedData> = {
  en: ({ organisation, reference, reason }) => ({
    subject: `${organisation} has refused your privacy request`,
    lines: [`${organisation} has refused your privacy request ${reference}, for this reason:`, reason, 'You may complain to your data-protection authority or seek a remedy in court.'],
  }),
  da: ({ organisation, reference, reason }) => ({
    subject: `${organisation} har afvist din anmodning om persondata`,
    lines: [`${organisation} har afvist din anmodning ${reference} med denne begrundelse:`, reason, 'Du kan klage til Datatilsynet eller gå til domstolene.'],
  }),
  de: ({ organisation, reference, reason }) => ({
    subject: `${organisation} hat Ihre Datenschutzanfrage abgelehnt`,
    lines: [`${organisation} hat Ihre Datenschutzanfrage ${reference} aus folgendem Grund abgelehnt:`, reason, 'Sie können sich bei Ihrer Datenschutzaufsichtsbehörde beschweren oder gerichtlich dagegen vorgehen.'],
  }),
  hi: ({ organisation, reference, reason }) => ({
    subject: `${organisation} ने आपका गोपनीयता अनुरोध अस्वीकार कर दिया है`,
    lines: [`${organisation} ने आपका गोपनीयता अनुरोध ${reference} इस कारण से अस्वीकार किया है:`, reason, 'आप डेटा संरक्षण बोर्ड में शिकायत कर सकते हैं।'],
  }),
};

const extendedTexts: MailTexts<RequestExtendedData> = {
  en: ({ organisation, reference, reason, dueOn }) => ({
    subject: `${organisation} needs more time for your privacy request`,
    lines: [`${organisation} needs more time to answer your privacy request ${reference}, because:`, reason, `You will get an answer by ${dueOn} at the latest.`],
  }),
  da: ({ organisation, reference, reason, dueOn }) => ({
    subject: `${organisation} har brug for mere tid til din anmodning`,
    lines: [`${organisation} har brug for mere tid til at besvare din anmodning ${reference}, fordi:`, reason, `Du får svar senest ${dueOn}.`],
  }),
  de: ({ organisation, reference, reason, dueOn }) => ({
    subject: `${organisation} benötigt mehr Zeit für Ihre Datenschutzanfrage`,
    lines: [`${organisation} benötigt mehr Zeit, um Ihre Datenschutzanfrage ${reference} zu beantworten, weil:`, reason, `Sie erhalten spätestens am ${dueOn} eine Antwort.`],
  }),
  hi: ({ organisation, reference, reason, dueOn }) => ({
    subject: `${organisation} को आपके गोपनीयता अनुरोध के लिए अधिक समय चाहिए`,
    lines: [`${organisation} को आपके गोपनीयता अनुरोध ${reference} का उत्तर देने के लिए अधिक समय चाहिए, क्योंकि:`, reason, `आपको अधिकतम ${dueOn} तक उत्तर मिलेगा।`],
  }),
};

const withDescription = (lines: string[], description: string | undefined) => (description ? [...lines, description] : lines);

const completedTexts: MailTexts<RequestCompletedData> = {
  en: ({ organisation, reference, description }) => ({ subject: `${organisation} has answered your privacy request`, lines: withDescription([`${organisation} has answered your privacy request ${reference}.`], description) }),
  da: ({ organisation, reference, description }) => ({ subject: `${organisation} har besvaret din anmodning om persondata`, lines: withDescription([`${organisation} har besvaret din anmodning ${reference}.`], description) }),
  de: ({ organisation, reference, description }) => ({ subject: `${organisation} hat Ihre Datenschutzanfrage beantwortet`, lines: withDescription([`${organisation} hat Ihre Datenschutzanfrage ${reference} beantwortet.`], description) }),
  hi: ({ organisation, reference, description }) => ({ subject: `${organisation} ने आपके गोपनीयता अनुरोध का उत्तर दे दिया है`, lines: withDescription([`${organisation} ने आपके गोपनीयता अनुरोध ${reference} का उत्तर दे दिया है।`], description) }),
};

/** A refusal, with the reasons the law says the requester must be given. */
export const requestDeniedMail = localisedTemplate(deniedTexts, 1);
/** The one extension, with its reasons and the new due date. */
export const requestExtendedMail = localisedTemplate(extendedTexts, 1);
export const requestCompletedMail = localisedTemplate(completedTexts);
