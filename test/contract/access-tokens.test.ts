import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccessTokenError, verifyAccessToken } from '@porttask/sdk/server';
import { insertApiKey } from '../../server/src/auth/api-keys.queries.ts';
import { insertTenant } from '../../server/src/tenants/tenants.queries.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

/** A partner's server verifying the login's access tokens with the SDK, over HTTP. */
let api: TestServer;
const PORTAL = 'http://localhost:4100';
before(async () => { api = await startTestServer({ allowedOrigins: [PORTAL] }); });
after(async () => { await api.close(); });

/** What the login frame does after a sign-up (it posts to its own origin, naming the page). */
async function signUpThroughFrame(publishableKey: string, email: string, policyVersion: string | null = '2026-04-03'): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await fetch(`${api.apiUrl}/embed/login/sign-up`, {
    method: 'POST',
    headers: { Origin: api.apiUrl, 'X-PortTask-Key': publishableKey, 'X-PortTask-Parent-Origin': PORTAL, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'tugboat-lantern-quinoa-47', name: 'Harbour Master', acceptance: { acceptedPolicyVersion: policyVersion, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { accessToken: string; refreshToken: string };
}

describe('verifyAccessToken (@porttask/sdk/server)', () => {
  it('accepts a token of its own key and origin and returns the claims', async () => {
    const { accessToken } = await signUpThroughFrame(api.publishableKey, 'verify@portal.example');
    const claims = await verifyAccessToken(accessToken, { apiUrl: api.apiUrl, publishableKey: api.publishableKey, origin: PORTAL });
    assert.equal(claims.tenant, api.tenantId);
    assert.equal(claims.environment, 'test');
    assert.equal(claims.email, 'verify@portal.example');
    assert.equal(claims.azp, PORTAL);
    const viaJwksUrl = await verifyAccessToken(accessToken, { jwksUrl: `${api.apiUrl}/.well-known/jwks.json`, issuer: api.apiUrl, publishableKey: api.publishableKey });
    assert.equal(viaJwksUrl.sub, claims.sub);
  });

  it('refuses a token of tenant A at tenant B, one handed to another origin, and an altered one', async () => {
    const tenantB = await insertTenant(api.db.owner, { name: 'Other Port Agency', region: 'eu', jurisdictions: ['gdpr'] });
    const keyB = await insertApiKey(api.db.owner, { tenantId: tenantB.id, kind: 'publishable', environment: 'test', allowedOrigins: [PORTAL] });
    const { accessToken } = await signUpThroughFrame(api.publishableKey, 'crossing@portal.example');
    await assert.rejects(verifyAccessToken(accessToken, { apiUrl: api.apiUrl, publishableKey: keyB.token }), (error) => error instanceof AccessTokenError && error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    await assert.rejects(verifyAccessToken(accessToken, { apiUrl: api.apiUrl, publishableKey: api.publishableKey, origin: 'https://elsewhere.example' }), (error) => error instanceof AccessTokenError && error.code === 'ORIGIN_MISMATCH');
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'owner' })).toString('base64url');
    await assert.rejects(verifyAccessToken(`${header}.${forged}.${signature}`, { apiUrl: api.apiUrl, publishableKey: api.publishableKey }), AccessTokenError);
    // And B's own token passes at B: the refusal above was about the tenant, not the setup.
    const own = await signUpThroughFrame(keyB.token, 'crossing@portal.example', null);
    assert.equal((await verifyAccessToken(own.accessToken, { apiUrl: api.apiUrl, publishableKey: keyB.token })).tenant, tenantB.id);
  });
});
