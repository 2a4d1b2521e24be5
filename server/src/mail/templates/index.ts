import type { MailTemplate } from '../mail-template.ts';
import { verificationCodeMail, type VerificationCodeData } from './verification-code.ts';

/** Every mail the product sends, by the name stored with it in the outbox. */
export interface MailTemplateData {
  verification_code: VerificationCodeData;
}

export const MAIL_TEMPLATES: { [Name in keyof MailTemplateData]: MailTemplate<MailTemplateData[Name]> } = {
  verification_code: verificationCodeMail,
};

export type MailTemplateName = keyof MailTemplateData;
