import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createApp } from '../../app.ts';
import { createJobQueue } from '../../jobs/job-queue.ts';
import { createLogger } from '../../logger.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import { startMailWorker } from '../../mail/mail-service.ts';
import { createMailTransport } from '../../mail/mail-transport.ts';
import { createFieldEncryption } from '../../secrets/field-encryption.ts';
import { masterKeyring } from '../../secrets/master-keyring.ts';
import { insertTenant } from '../../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

const logger = createLogger('silent');
const encryption = createFieldEncryption(masterKeyring(randomBytes(32)));
let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(() => db.drop());

test('without SMTP_URL in development, mail is kept and shown at /dev/mail; never in production', async () => {
  const tenant = await insertTenant(db.owner, { name: 'Dev', region: 'eu', jurisdictions: ['gdpr'] });
  const scope = { tenantId: tenant.id, environment: 'test' as const };
  const jobs = createJobQueue(db.sql, logger);
  await jobs.start();
  const transport = createMailTransport({ NODE_ENV: 'development' });
  assert.equal(transport.via, 'development_mailbox');
  await startMailWorker({ sql: db.sql, jobs, encryption, transport, logger, pollingIntervalSeconds: 0.5 });
  try {
    const mailId = await db.sql.begin(async (transaction) => {
      const recipient = await encryption.createSubject(transaction, scope);
      return queueMail(transaction, jobs, scope, { recipient, to: 'dev.mailbox@example.com', template: 'verification_code', locale: 'hi', data: { organisation: '<Kandla & Co>', code: '123987', validMinutes: 10 } });
    });
    const deadline = Date.now() + 15_000;
    while (!(await db.owner`SELECT 1 FROM mail_outbox WHERE id = ${mailId} AND sent_via = 'development_mailbox'`).length) {
      assert.ok(Date.now() < deadline, 'the mail was not delivered to the development mailbox');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const page = await createApp({ db, logger, masterKey: randomBytes(32), developmentMailbox: { encryption } }).request('/dev/mail');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const body = await page.text();
    assert.match(body, /dev\.mailbox@example\.com/);
    assert.match(body, /123987/);
    assert.match(body, /&lt;Kandla &amp; Co&gt;/, 'values are escaped');
    assert.doesNotMatch(body, /<Kandla/);

    assert.equal((await createApp({ db, logger, masterKey: randomBytes(32), production: true, developmentMailbox: { encryption } }).request('/dev/mail')).status, 404);
    assert.equal((await createApp({ db, logger, masterKey: randomBytes(32) }).request('/dev/mail')).status, 404);
  } finally {
    await jobs.stop();
  }
});

test('production without SMTP_URL does not pretend to send: the mail stays queued', async () => {
  await assert.rejects(createMailTransport({ NODE_ENV: 'production' }).send({ to: 'a@example.com', subject: 's', text: 't', html: 'h' }), /SMTP_URL is not set/);
});
