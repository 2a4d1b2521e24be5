import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** A mail as its recipient reads it (decoded: quoted-printable, base64 and encoded subjects). */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SmtpInbox {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** The first mail to `address` (after the ones already seen) whose text matches; waits for it. */
  waitForMail(address: string, match?: RegExp, options?: { timeoutMs?: number; after?: number }): Promise<ReceivedMail>;
  /** The 6-digit code of the newest verification mail to `address` that arrives after `after` mails. */
  waitForCode(address: string, options?: { timeoutMs?: number; after?: number }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (smtp-server) that keeps what the API sends, decoded
 * with postal-mime, so tests read mails as a mail client shows them, in any language.
 */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks)).then(
          (email) => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), subject: email.subject ?? '', text: email.text ?? '', html: email.html ?? '' });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const waitForMail: SmtpInbox['waitForMail'] = async (address, match, { timeoutMs = 20_000, after = 0 } = {}) => {
    const deadline = Date.now() + timeoutMs;
    const wanted = address.toLowerCase();
    for (;;) {
      const mail = received.slice(after).find((candidate) => candidate.to.includes(wanted) && (!match || match.test(candidate.text)));
      if (mail) return mail;
      if (Date.now() > deadline) throw new Error(`no mail to ${address}${match ? ` matching ${match}` : ''} within ${timeoutMs} ms (${received.length} received)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitForMail,
    async waitForCode(address, options) {
      // The code stands on a line of its own in every language's verification mail.
      const mail = await waitForMail(address, /^\d{6}$/m, options);
      return /^(\d{6})$/m.exec(mail.text)![1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
