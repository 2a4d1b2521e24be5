import { executeServerCommand } from '@web/test-runner-commands';

/*
 * What a requester reads in their mail and what staff do, for the rights widgets' tests: asked
 * of web-test-runner.config.mjs (server/src/testing/rights-commands.ts), which reads the mails
 * the API sent to its in-process SMTP server and acts with the secret key the page never holds.
 */

/** How many mails the SMTP server has received so far (pass it as `after` to wait for a newer one). */
export function mailCount(): Promise<number> {
  return executeServerCommand<number, unknown>('porttask-rights-mail-count', {});
}

/** The 6-digit code of the first verification mail to `email` after `after` mails. */
export function codeFromMail(email: string, after = 0): Promise<string> {
  return executeServerCommand<string, unknown>('porttask-rights-code', { email, after });
}

/** A staff action on a request, through the SDK with the secret key. */
export function staffAction(action: 'approve' | 'complete' | 'deny' | 'extend', id: string, reason?: string): Promise<unknown> {
  return executeServerCommand<unknown, unknown>('porttask-rights-staff', { action, id, ...(reason ? { reason } : {}) });
}

/** The publishable key of a new tenant that takes one request per address a day (for 429 tests). */
export function limitedTenantKey(): Promise<string> {
  return executeServerCommand<string, unknown>('porttask-rights-limited-tenant', {});
}
