import { localisedTemplate, type MailTexts } from '../mail-template.ts';

export interface DeadlineReminderData {
  organisation: string;
  /** Newly flagged requests: reference, right, due date and flag. */
  requests: Array<{ reference: string; type: string; dueOn: string; flag: 'due_within_7_days' | 'due_within_2_days' | 'overdue' }>;
}

type Flag = DeadlineReminderData['requests'][number]['flag'];

const flagWords: Record<'en' | 'da' | 'de' | 'hi', Record<Flag, string>> = {
  en: { due_within_7_days: 'due within 7 days', due_within_2_days: 'due within 2 days', overdue: 'OVERDUE' },
  da: { due_within_7_days: 'frist inden for 7 dage', due_within_2_days: 'frist inden for 2 dage', overdue: 'OVERSKREDET' },
  de: { due_within_7_days: 'fällig in 7 Tagen', due_within_2_days: 'fällig in 2 Tagen', overdue: 'ÜBERFÄLLIG' },
  hi: { due_within_7_days: '7 दिनों में देय', due_within_2_days: '2 दिनों में देय', overdue: 'समय सीमा बीत गई' },
};

const line = (locale: keyof typeof flagWords, request: DeadlineReminderData['requests'][number], dueWord: string) =>
  `${request.reference} (${request.type}): ${flagWords[locale][request.flag]}, ${dueWord} ${request.dueOn}`;

const texts: MailTexts<DeadlineReminderData> = {
  en: ({ organisation, requests }) => ({
    subject: `${organisation}: ${requests.length} privacy ${requests.length === 1 ? 'request needs' : 'requests need'} an answer soon`,
    lines: ['These privacy-rights requests are near or past the deadline the law gives:', ...requests.map((request) => line('en', request, 'last day')), 'Answer them, or extend where the law allows, with the secret key (API, SDK or `porttask rights`).'],
  }),
  da: ({ organisation, requests }) => ({
    subject: `${organisation}: ${requests.length} ${requests.length === 1 ? 'anmodning' : 'anmodninger'} om persondata skal besvares snart`,
    lines: ['Disse anmodninger nærmer sig eller har overskredet lovens frist:', ...requests.map((request) => line('da', request, 'sidste dag')), 'Besvar dem, eller forlæng fristen hvor loven tillader det, med den hemmelige nøgle (API, SDK eller `porttask rights`).'],
  }),
  de: ({ organisation, requests }) => ({
    subject: `${organisation}: ${requests.length} ${requests.length === 1 ? 'Datenschutzanfrage muss' : 'Datenschutzanfragen müssen'} bald beantwortet werden`,
    lines: ['Diese Datenschutzanfragen erreichen bald oder überschreiten die gesetzliche Frist:', ...requests.map((request) => line('de', request, 'letzter Tag')), 'Beantworten Sie sie oder verlängern Sie, wo das Gesetz es erlaubt, mit dem geheimen Schlüssel (API, SDK oder `porttask rights`).'],
  }),
  hi: ({ organisation, requests }) => ({
    subject: `${organisation}: ${requests.length} ${requests.length === 1 ? 'गोपनीयता अनुरोध' : 'गोपनीयता अनुरोधों'} का उत्तर जल्द देना है`,
    lines: ['ये गोपनीयता अधिकार अनुरोध कानूनी समय सीमा के निकट हैं या उसे पार कर चुके हैं:', ...requests.map((request) => line('hi', request, 'अंतिम दिन')), 'गुप्त कुंजी (API, SDK या `porttask rights`) से इनका उत्तर दें, या जहाँ कानून अनुमति देता है वहाँ समय बढ़ाएँ।'],
  }),
};

/** To the tenant's privacy contact: requests that just crossed 7 days, 2 days or their due date. */
export const deadlineReminderMail = localisedTemplate(texts);
