import { html } from 'hono/html';

export const MAIL_LOCALES = ['en', 'da', 'de', 'hi'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** What a template says; the layout (text and HTML) is the same for every mail. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  /** Index of the paragraph to set apart (a code, a link). */
  emphasised?: number;
}

export type MailTemplate<Data> = (locale: MailLocale, data: Data) => MailContent;

/** A template's words per language: the subject and the paragraphs. */
export type MailTexts<Data> = Record<MailLocale, (data: Data) => { subject: string; lines: string[] }>;

export function localisedTemplate<Data>(texts: MailTexts<Data>, emphasised?: number): MailTemplate<Data> {
  return (locale, data) => {
    const { subject, lines } = texts[locale](data);
    return { subject, paragraphs: lines, ...(emphasised === undefined ? {} : { emphasised }) };
  };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function mailLocale(locale: string | undefined): MailLocale {
  const language = (locale ?? 'en').toLowerCase().split('-')[0];
  return (MAIL_LOCALES as readonly string[]).includes(language ?? '') ? (language as MailLocale) : 'en';
}

/** Plain text and a minimal HTML version of the same words; every value is escaped. */
export function renderMail(locale: MailLocale, content: MailContent): RenderedMail {
  const text = `${content.paragraphs.join('\n\n')}\n`;
  const body = content.paragraphs.map((paragraph, index) =>
    index === content.emphasised ? html`<p style="font-size:1.5em;font-weight:bold;letter-spacing:0.1em">${paragraph}</p>` : html`<p>${paragraph}</p>`);
  const page = html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${content.subject}</title></head><body>${body}</body></html>`;
  return { subject: content.subject, text, html: page.toString() };
}
