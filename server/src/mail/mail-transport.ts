import nodemailer from 'nodemailer';
import type { Env } from '../env.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  /** How mail leaves: recorded with each sent mail. */
  via: 'smtp' | 'development_mailbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = 'PortTask <no-reply@porttask.localhost>';

/**
 * SMTP when SMTP_URL is set. Without it, development and tests keep mail in the outbox table
 * only (shown at /dev/mail); production refuses to pretend, so its mail waits in the queue
 * until SMTP_URL is configured.
 */
export function createMailTransport(env: Pick<Env, 'SMTP_URL' | 'NODE_ENV'> & Partial<Pick<Env, 'MAIL_FROM'>>): MailTransport {
  const from = env.MAIL_FROM ?? DEFAULT_MAIL_FROM;
  if (env.SMTP_URL) {
    const transporter = nodemailer.createTransport(env.SMTP_URL);
    return {
      via: 'smtp',
      async send(mail) {
        await transporter.sendMail({ from, ...mail });
      },
      close: () => transporter.close(),
    };
  }
  return {
    via: 'development_mailbox',
    async send() {
      if (env.NODE_ENV === 'production') throw new Error('SMTP_URL is not set: mail waits in the queue until it is');
    },
    close() {},
  };
}
