import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PermissionDeniedError, ValidationError, createClient } from '@porttask/sdk';
import { AuditKeys } from '../../server/src/login-audit/audit-keys.ts';
import { tenantKeyEmailSealer } from '../../server/src/login-audit/email-sealer.ts';
import { LoginAuditTrail } from '../../server/src/login-audit/login-audit-trail.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

let api: TestServer;
before(async () => {
  api = await startTestServer();
  const keys = new AuditKeys(api.masterKey);
  const trail = new LoginAuditTrail(api.db.sql, keys, tenantKeyEmailSealer(keys));
  for (let index = 0; index < 5; index += 1) {
    await trail.append({ tenantId: api.tenantId, environment: 'test' }, { outcome: index === 4 ? 'success' : 'wrong_password', ipAddress: '192.0.2.1', email: 'ops@portal.example' });
  }
});
after(async () => { await api.close(); });

describe('client.audit', () => {
  it('pages through login events newest first and verifies the trail', async () => {
    const partner = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
    const page = await partner.audit.loginEvents({ limit: 2 });
    assert.deepEqual(page.data.map((event) => [event.sequence, event.outcome]), [[5, 'success'], [4, 'wrong_password']]);
    assert.equal(page.data[0]!.email, 'ops@portal.example');
    const all = [];
    for await (const event of partner.audit.loginEvents({ outcome: 'wrong_password', limit: 2 })) all.push(event.sequence);
    assert.deepEqual(all, [4, 3, 2, 1]);
    const verification = await partner.audit.verify();
    assert.equal(verification.intact, true);
    assert.equal(verification.eventsChecked, 5);
    assert.match(verification.signingKey.keyId, /^lak_[0-9a-f]{16}$/);
  });

  it('gives typed errors: a publishable key may not read the trail, a bad filter is a validation error', async () => {
    const visitor = createClient({ apiUrl: api.apiUrl, publishableKey: api.publishableKey });
    await assert.rejects(visitor.audit.verify(), PermissionDeniedError);
    const partner = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
    await assert.rejects(async () => await partner.audit.loginEvents({ outcome: 'guess' as never }), ValidationError);
  });
});
