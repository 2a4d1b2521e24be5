import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { readAuditRows } from '../../login-audit/login-audit.queries.ts';
import { SigningKeys } from '../../accounts/tokens/signing-keys.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const PASSWORD = 'tugboat-lantern-quinoa-47';
const ADULT_ACCEPTANCE = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true };
/** `app.request` URLs are http://localhost: the frame's own origin in these tests. */
const API_ORIGIN = 'http://localhost';
const ISSUER = 'http://localhost:8787';

interface Pair { accessToken: string; refreshToken: string; tokenType: string; expiresIn: number }

function fromFrame(tenant: TestTenant, path: string, body: unknown, overrides: Record<string, string> = {}) {
  return fixture.request(`/embed/login${path}`, {
    method: 'POST',
    headers: { Origin: API_ORIGIN, 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'FrameTest/1', ...overrides },
    body: JSON.stringify(body),
  });
}

async function signedUp(tenant: TestTenant, email: string): Promise<Pair> {
  const response = await fromFrame(tenant, '/sign-up', { email, password: PASSWORD, name: 'Port Agent', acceptance: ADULT_ACCEPTANCE });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Pair;
}

function fromPage(tenant: TestTenant, path: string, refreshToken: string, headers: Record<string, string> = {}) {
  return fixture.request(`/v1/auth${path}`, {
    method: 'POST',
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ refreshToken }),
  });
}

async function jwks(): Promise<JSONWebKeySet> {
  const response = await fixture.request('/.well-known/jwks.json');
  assert.equal(response.status, 200);
  return (await response.json()) as JSONWebKeySet;
}

const verify = async (token: string, audience: string) => jwtVerify(token, createLocalJWKSet(await jwks()), { issuer: ISSUER, audience, algorithms: ['EdDSA'] });
const outcomes = async (tenant: TestTenant) => (await readAuditRows(fixture.db.owner, { tenantId: tenant.tenant.id, environment: 'live' }, 0, 1_000)).map((row) => row.outcome);

describe('access and refresh tokens', () => {
  it('signing up in the frame hands out an EdDSA access token of at most 5 minutes with the documented claims', async () => {
    const pair = await signedUp(fixture.tenantA, 'tokens@portal-a.example');
    assert.equal(pair.tokenType, 'Bearer');
    assert.equal(pair.expiresIn, 300);
    assert.match(pair.refreshToken, /^rt_[A-Za-z0-9_-]{43}$/);
    const { payload, protectedHeader } = await verify(pair.accessToken, fixture.tenantA.publishableKey);
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.match(protectedHeader.kid ?? '', /^ak_[0-9a-f]{16}$/);
    assert.equal(payload.tenant, fixture.tenantA.tenant.id);
    assert.equal(payload.environment, 'live');
    assert.equal(payload.azp, fixture.tenantA.origin);
    assert.equal(payload.aud, fixture.tenantA.publishableKey);
    assert.equal(payload.role, 'member');
    assert.ok(payload.exp! - payload.iat! <= 300);
    const [user] = await fixture.db.owner`SELECT id FROM auth_users WHERE email = 'tokens@portal-a.example'`;
    assert.equal(payload.sub, user!.id);
    // Only the hash of the refresh token is stored, and the private key only sealed.
    const [stored] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_refresh_tokens WHERE token_hash = sha256(${pair.refreshToken}::bytea)`;
    assert.equal(stored!.n, 1);
    const [key] = await fixture.db.owner`SELECT private_key_sealed FROM auth_signing_keys WHERE retired_at IS NULL`;
    assert.ok(!(key!.private_key_sealed as Buffer).includes(Buffer.from('PRIVATE KEY')));
  });

  it('a refresh rotates the pair; the replaced refresh token sent again revokes the whole family and is audited', async () => {
    const first = await signedUp(fixture.tenantA, 'rotate@portal-a.example');
    const refreshed = await fromPage(fixture.tenantA, '/token', first.refreshToken);
    assert.equal(refreshed.status, 200, await refreshed.clone().text());
    assert.equal(refreshed.headers.get('cache-control'), 'no-store');
    const second = (await refreshed.json()) as Pair;
    assert.notEqual(second.refreshToken, first.refreshToken);
    await verify(second.accessToken, fixture.tenantA.publishableKey);

    const reused = await fromPage(fixture.tenantA, '/token', first.refreshToken);
    assert.equal(reused.status, 401);
    assert.equal((await reused.json()).error.code, 'INVALID_REFRESH_TOKEN');
    const afterTheft = await fromPage(fixture.tenantA, '/token', second.refreshToken);
    assert.equal(afterTheft.status, 401, 'the newest token of the family was revoked too');
    assert.equal((await outcomes(fixture.tenantA)).at(-1), 'refresh_reused');
  });

  it('a refresh token works only from the origin and with the key it was issued to', async () => {
    const pair = await signedUp(fixture.tenantA, 'bound@portal-a.example');
    const otherOrigin = await fromPage(fixture.tenantA, '/token', pair.refreshToken, { Origin: 'http://localhost:3000', 'X-PortTask-Key': fixture.tenantA.testPublishableKey });
    assert.equal(otherOrigin.status, 401, 'another key (and origin) of the same tenant');
    const noOrigin = await fixture.request('/v1/auth/token', { method: 'POST', headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: pair.refreshToken }) });
    assert.equal(noOrigin.status, 401, 'from a server, without the page origin');
    const secret = await fixture.request('/v1/auth/token', { method: 'POST', headers: { Authorization: `Bearer ${fixture.tenantA.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: pair.refreshToken }) });
    assert.equal(secret.status, 403);
    assert.equal((await fromPage(fixture.tenantA, '/token', pair.refreshToken)).status, 200, 'still good where it belongs');
  });

  it('a token of tenant A is refused by tenant B: its refresh token and its access token', async () => {
    const pair = await signedUp(fixture.tenantA, 'crossing@portal-a.example');
    const inB = await fromPage(fixture.tenantB, '/token', pair.refreshToken);
    assert.equal(inB.status, 401);
    await assert.rejects(verify(pair.accessToken, fixture.tenantB.publishableKey), /aud/);
    assert.equal((await fromPage(fixture.tenantA, '/token', pair.refreshToken)).status, 200, 'B\'s attempt did not revoke A\'s token');
  });

  it('sign-out revokes: the refresh token stops working, and the audit trail says sign_out', async () => {
    const pair = await signedUp(fixture.tenantB, 'leaving@portal-b.example');
    const out = await fromPage(fixture.tenantB, '/revoke', pair.refreshToken);
    assert.equal(out.status, 200);
    assert.deepEqual(await out.json(), { revoked: true });
    assert.equal((await outcomes(fixture.tenantB)).at(-1), 'sign_out');
    assert.equal((await fromPage(fixture.tenantB, '/token', pair.refreshToken)).status, 401);
    assert.deepEqual(await (await fromPage(fixture.tenantB, '/revoke', pair.refreshToken)).json(), { revoked: false });
    const malformed = await fromPage(fixture.tenantB, '/revoke', 'not a token');
    assert.equal(malformed.status, 422);
  });
});

describe('the login frame\'s own calls', () => {
  it('refuses posts from other origins and parent origins the key does not allow', async () => {
    const foreign = await fromFrame(fixture.tenantA, '/sign-in', { email: 'x@y.example', password: PASSWORD }, { Origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    const wrongParent = await fromFrame(fixture.tenantA, '/sign-in', { email: 'x@y.example', password: PASSWORD }, { 'X-PortTask-Parent-Origin': fixture.tenantB.origin });
    assert.equal(wrongParent.status, 403);
    assert.equal((await wrongParent.json()).error.code, 'ORIGIN_NOT_ALLOWED');
  });

  it('a wrong password gets better-auth\'s code in our error shape; a right one a token pair', async () => {
    await signedUp(fixture.tenantB, 'frame@portal-b.example');
    const wrong = await fromFrame(fixture.tenantB, '/sign-in', { email: 'frame@portal-b.example', password: 'not-it-at-all-9' });
    assert.equal(wrong.status, 401);
    const error = (await wrong.json()).error;
    assert.equal(error.code, 'INVALID_EMAIL_OR_PASSWORD');
    assert.ok(error.requestId);
    const right = await fromFrame(fixture.tenantB, '/sign-in', { email: 'frame@portal-b.example', password: PASSWORD });
    assert.equal(right.status, 200);
    const { payload } = await verify(((await right.json()) as Pair).accessToken, fixture.tenantB.publishableKey);
    assert.equal(payload.tenant, fixture.tenantB.tenant.id);
    const tooLong = await fromFrame(fixture.tenantB, '/sign-up', { email: `${'a'.repeat(250)}@x.dk`, password: PASSWORD, name: 'N', acceptance: ADULT_ACCEPTANCE });
    assert.equal(tooLong.status, 422);
  });
});

// Last: it retires the key the app signs with.
describe('signing key rotation', () => {
  it('a rotated signing key stays in the JWKS, so tokens it signed still verify; new tokens use the new key', async () => {
    const before = await signedUp(fixture.tenantA, 'rotation@portal-a.example');
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const keys = new SigningKeys(fixture.db.sql, fixture.masterKey);
    const newKid = await keys.rotate();
    assert.notEqual(newKid, oldKid);
    assert.equal((await keys.current()).kid, newKid, 'signs with the new key (other processes within a minute)');
    const kids = (await jwks()).keys.map((key) => key.kid);
    assert.ok(kids.includes(oldKid!) && kids.includes(newKid));
    await verify(before.accessToken, fixture.tenantA.publishableKey);
    // Long after the old key's tokens expired, it is no longer published.
    await fixture.db.owner`UPDATE auth_signing_keys SET retired_at = now() - interval '1 hour' WHERE kid = ${oldKid!}`;
    assert.deepEqual((await jwks()).keys.map((key) => key.kid), [newKid]);
  });
});
