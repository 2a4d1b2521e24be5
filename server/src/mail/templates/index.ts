import type { MailTemplate } from '../mail-template.ts';
import { requestReceivedMail, type RequestReceivedData } from './request-received.ts';
import { verificationCodeMail, type VerificationCodeData } from './verification-code.ts';

/** Every mail the product sends, by the name stored with it in the outbox. */
export interface MailTemplateData {
  verification_code: VerificationCodeData;
  request_received: RequestReceivedData;
}

export const MAIL_TEMPLATES: { [Name in keyof MailTemplateData]: MailTemplate<MailTemplateData[Name]> } = {
  verification_code: verificationCodeMail,
  request_received: requestReceivedMail,
};

export type MailTemplateName = keyof MailTemplateData;
