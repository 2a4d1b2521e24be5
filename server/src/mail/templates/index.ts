import type { MailTemplate } from '../mail-template.ts';
import { requestCompletedMail, requestDeniedMail, requestExtendedMail, type RequestCompletedData, type RequestDeniedData, type RequestExtendedData } from './request-decided.ts';
import { deadlineReminderMail, type DeadlineReminderData } from './deadline-reminder.ts';
import { requestErasedMail, type RequestErasedData } from './request-erased.ts';
import { requestCompletedExportMail, type RequestCompletedExportData } from './request-completed-export.ts';
import { requestReceivedMail, type RequestReceivedData } from './request-received.ts';
import { verificationCodeMail, type VerificationCodeData } from './verification-code.ts';
import { accountVerificationMail, type AccountVerificationData } from './account-verification.ts';
import { passwordResetMail, type PasswordResetData } from './password-reset.ts';
import { accountInvitationMail, type AccountInvitationData } from './account-invitation.ts';
import { guardianConsentRequestMail, type GuardianConsentRequestData } from './guardian-consent-request.ts';

/** Every mail the product sends, by the name stored with it in the outbox. */
export interface MailTemplateData {
  verification_code: VerificationCodeData;
  request_received: RequestReceivedData;
  request_denied: RequestDeniedData;
  request_extended: RequestExtendedData;
  request_completed: RequestCompletedData;
  request_erased: RequestErasedData;
  deadline_reminder: DeadlineReminderData;
  account_verification: AccountVerificationData;
  request_completed_export: RequestCompletedExportData;
  password_reset: PasswordResetData;
  account_invitation: AccountInvitationData;
  guardian_consent_request: GuardianConsentRequestData;
}

export const MAIL_TEMPLATES: { [Name in keyof MailTemplateData]: MailTemplate<MailTemplateData[Name]> } = {
  verification_code: verificationCodeMail,
  request_received: requestReceivedMail,
  request_denied: requestDeniedMail,
  request_extended: requestExtendedMail,
  request_completed: requestCompletedMail,
  request_erased: requestErasedMail,
  deadline_reminder: deadlineReminderMail,
  account_verification: accountVerificationMail,
  request_completed_export: requestCompletedExportMail,
  password_reset: passwordResetMail,
  account_invitation: accountInvitationMail,
  guardian_consent_request: guardianConsentRequestMail,
};

export type MailTemplateName = keyof MailTemplateData;
