import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { connect } from '../db/connection.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logger.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { findPlaintext } from '../testing/plaintext-scan.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { queueMail } from './mail-outbox.ts';
import { startMailWorker } from './mail-service.ts';
import { createMailTransport } from './mail-transport.ts';
import { waitFor } from '../testing/wait-for.ts';

const logger = createLogger('silent');
const encryption = createFieldEncryption(masterKeyring(randomBytes(32)));
let db: TestDatabase;
let scope: DataScope;

/** A real SMTP server in this process; `received` holds each message's raw text. */
async function startSmtp(port = 0) {
  const received: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8'); });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return { received, port: address.port, url: `smtp://127.0.0.1:${address.port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One "API process": its own connection pool, job queue and mail worker. */
async function startProcess(smtpUrl: string): Promise<{ jobs: JobQueue; stop(): Promise<void> }> {
  const connection = connect(db.url, { max: 3 });
  const jobs = createJobQueue(connection.sql, logger, { sendDefaults: { mail: { retryDelay: 1, retryBackoff: false } } });
  await jobs.start();
  const transport = createMailTransport({ SMTP_URL: smtpUrl, NODE_ENV: 'test' });
  await startMailWorker({ sql: connection.sql, jobs, encryption, transport, logger, pollingIntervalSeconds: 0.5 });
  return {
    jobs,
    async stop() {
      await jobs.stop();
      transport.close();
      await connection.close();
    },
  };
}

async function queueCode(jobs: JobQueue, to: string, code: string, locale: 'en' | 'da' | 'de' | 'hi' = 'en'): Promise<string> {
  return db.sql.begin(async (transaction) => {
    const recipient = await encryption.createSubject(transaction, scope);
    return queueMail(transaction, jobs, scope, { recipient, to, template: 'verification_code', locale, data: { organisation: 'Aarhus Port Agency', code, validMinutes: 10 } });
  });
}

before(async () => {
  db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Mail', region: 'eu', jurisdictions: ['gdpr'] });
  scope = { tenantId: tenant.id, environment: 'live' };
});
after(() => db.drop());

test('a queued mail arrives at the SMTP server, in text and HTML; the database holds it only encrypted', async () => {
  const smtp = await startSmtp();
  const api = await startProcess(smtp.url);
  try {
    const mailId = await queueCode(api.jobs, 'mette.mail@example.dk', '481516', 'da');
    const message = await waitFor(() => smtp.received.find((mail) => mail.to.includes('mette.mail@example.dk')), 'the mail');
    assert.match(message.raw, /481516/);
    assert.match(message.raw, /Content-Type: text\/plain/);
    assert.match(message.raw, /Content-Type: text\/html/);
    const [row] = await db.owner<{ sent_via: string; sent_at: Date | null }[]>`SELECT sent_via, sent_at FROM mail_outbox WHERE id = ${mailId}`;
    await waitFor(async () => ((await db.owner`SELECT 1 FROM mail_outbox WHERE id = ${mailId} AND sent_at IS NOT NULL`).length ? true : undefined), 'the delivery record');
    assert.ok(row);
    assert.deepEqual(await findPlaintext(db.owner, ['mette.mail@example.dk', '481516', 'Aarhus Port Agency']), []);
  } finally {
    await api.stop();
    await smtp.close();
  }
});

test('SMTP down and the API restarted: the mail arrives once the server is up', async () => {
  // A port nothing listens on (yet).
  const probe = await startSmtp();
  const port = probe.port;
  await probe.close();

  const first = await startProcess(`smtp://127.0.0.1:${port}`);
  const mailId = await queueCode(first.jobs, 'outage@example.de', '271828', 'de');
  await waitFor(async () => {
    const [row] = await db.owner<{ attempts: number; last_error: string | null }[]>`SELECT attempts, last_error FROM mail_outbox WHERE id = ${mailId}`;
    return row && row.attempts >= 1 && row.last_error ? row : undefined;
  }, 'a failed attempt');
  await first.stop(); // the API goes away with the mail unsent

  const smtp = await startSmtp(port);
  const second = await startProcess(smtp.url);
  try {
    const message = await waitFor(() => smtp.received.find((mail) => mail.to.includes('outage@example.de')), 'the mail after the outage', 30_000);
    assert.match(message.raw, /271828/);
    assert.equal(smtp.received.filter((mail) => mail.to.includes('outage@example.de')).length, 1);
    const [row] = await db.owner<{ sent_via: string }[]>`SELECT sent_via FROM mail_outbox WHERE id = ${mailId} AND sent_at IS NOT NULL`;
    assert.equal(row?.sent_via, 'smtp');
  } finally {
    await second.stop();
    await smtp.close();
  }
});

test('a recipient erased before their mail left: it never leaves', async () => {
  const smtp = await startSmtp();
  const idle = createJobQueue(db.sql, logger);
  await idle.start();
  const { mailId, subjectKeyId } = await db.sql.begin(async (transaction) => {
    const recipient = await encryption.createSubject(transaction, scope);
    const id = await queueMail(transaction, idle, scope, { recipient, to: 'erased@example.com', template: 'verification_code', locale: 'en', data: { organisation: 'X', code: '000111', validMinutes: 10 } });
    return { mailId: id, subjectKeyId: recipient.id };
  });
  await idle.stop();
  await encryption.shredSubject(db.sql, scope, subjectKeyId);
  const api = await startProcess(smtp.url);
  try {
    await waitFor(async () => ((await db.owner`SELECT 1 FROM mail_outbox WHERE id = ${mailId} AND last_error = 'recipient erased before sending'`).length ? true : undefined), 'the erased mail to be skipped');
    assert.equal(smtp.received.length, 0);
  } finally {
    await api.stop();
    await smtp.close();
  }
});
