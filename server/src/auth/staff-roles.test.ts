import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { createClient, PermissionDeniedError } from '@porttask/sdk';
import { Role } from '@porttask/sdk/schemas';
import { listen } from '../runtime/listen.ts';
import { SigningKeys } from '../accounts/tokens/signing-keys.ts';
import { setTenantLimits } from '../limits/limit-policies.ts';
import { createRightsFixture, type RightsFixture } from '../testing/rights-fixture.ts';
import { staffMember, type StaffMember } from '../testing/staff-token.ts';
import { waitFor } from '../testing/wait-for.ts';
import { STAFF_ROLES } from './staff-roles.ts';

/*
 * The role matrix over every operation that takes a secret key, found in the OpenAPI document
 * the app serves (so a new staff route is in this test the moment it exists), with a real
 * access token of every role; then the ways a token must fail: another tenant, expired,
 * forged, disabled, demoted, from another page.
 */
let rights: RightsFixture;
const members = new Map<Role, StaffMember>();
before(async () => {
  rights = await createRightsFixture();
  for (const tenant of [rights.fixture.tenantA, rights.fixture.tenantB]) {
    await setTenantLimits(rights.fixture.db.owner, { tenantId: tenant.tenant.id, environment: 'live' }, { writesPerIpPerMinute: 1_000_000, requestsPerKeyPerMinute: 1_000_000 });
  }
  for (const role of Role.options) members.set(role, await staffMember(rights.app, rights.fixture.db, rights.fixture.tenantA, `${role.replace('_', '.')}@portal-a.example`, role));
});
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const tenantB = () => rights.fixture.tenantB;
const call = (path: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}) =>
  rights.app.request(path, {
    method: init.method ?? 'GET',
    headers: { ...headers, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

interface Operation { operationId: string; method: string; path: string; roles: string[] | undefined; secret: boolean }
async function operations(): Promise<Operation[]> {
  const document = (await (await rights.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string; security?: Record<string, string[]>[]; 'x-porttask-roles'?: string[] }>> };
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({
    operationId: operation.operationId, method: method.toUpperCase(), path, roles: operation['x-porttask-roles'],
    secret: (operation.security ?? []).some((requirement) => 'secretKey' in requirement),
  })));
}
/** A concrete URL for a path template: ids that name nothing (the guard answers before anything is looked up). */
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, 'rr_0000000000000000000000');

describe('the role matrix on every staff route', () => {
  it('every operation that takes a secret key has a row, the document shows it, and no row names a missing operation or a member', async () => {
    const all = await operations();
    const staff = all.filter((operation) => operation.secret);
    assert.ok(staff.length >= 35, `found ${staff.length} staff operations`);
    const rows = STAFF_ROLES as Record<string, readonly string[]>;
    const missing = staff.filter((operation) => !(operation.operationId in rows)).map((operation) => operation.operationId);
    assert.deepEqual(missing, [], 'add these operations to STAFF_ROLES (server/src/auth/staff-roles.ts)');
    for (const operation of staff) assert.deepEqual(operation.roles, rows[operation.operationId], `${operation.operationId}: x-porttask-roles`);
    const known = new Set(staff.map((operation) => operation.operationId));
    assert.deepEqual(Object.keys(rows).filter((id) => !known.has(id)), [], 'rows for operations that do not exist (or take no secret key)');
    assert.deepEqual(Object.entries(rows).filter(([, roles]) => roles.includes('member')), [], 'a member is an end user');
    assert.ok(all.filter((operation) => !operation.secret).every((operation) => operation.roles === undefined), 'publishable-only routes have no roles');
  });

  it('a token of each role opens exactly the operations of its row; every other answers 403 FORBIDDEN_ROLE', async () => {
    const staff = (await operations()).filter((operation) => operation.secret);
    const wrong: string[] = [];
    for (const operation of staff) {
      for (const role of Role.options) {
        const response = await call(urlOf(operation.path), members.get(role)!.headers, { method: operation.method, ...(operation.method === 'GET' || operation.method === 'DELETE' ? {} : { body: {} }) });
        const allowed = (operation.roles ?? []).includes(role);
        const code = response.status >= 400 ? (await errorOf(response)).code : String(response.status);
        await response.body?.cancel().catch(() => {});
        const refused = response.status === 403 && code === 'FORBIDDEN_ROLE';
        if (allowed ? response.status === 401 || response.status === 403 : !refused) wrong.push(`${role} ${operation.operationId}: ${response.status} ${code}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('a secret key keeps full access; a publishable key stays refused; an access token is refused where only a publishable key goes', async () => {
    const list = await call('/v1/audit/verify', { Authorization: `Bearer ${tenantA().secretKey}` });
    assert.equal(list.status, 200);
    const visitor = await call('/v1/audit/verify', { 'X-PortTask-Key': tenantA().publishableKey, Origin: tenantA().origin });
    assert.equal((await errorOf(visitor)).code, 'WRONG_KEY_TYPE');
    const consent = await call('/v1/consents', members.get('owner')!.headers, { method: 'POST', body: {} });
    assert.equal(consent.status, 403);
    assert.equal((await errorOf(consent)).code, 'WRONG_KEY_TYPE');
  });
});

describe('what a staff token is checked for', () => {
  it('a staff action records the account that acted, not a key; CORS answers the page', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'who.acted@example.com' });
    const officer = members.get('privacy_officer')!;
    const approved = await call(`/v1/rights-requests/${id}/approve`, officer.headers, { method: 'POST' });
    assert.equal(approved.status, 200, await approved.clone().text());
    assert.equal(approved.headers.get('access-control-allow-origin'), tenantA().origin);
    const body = (await approved.json()) as { events: { event: string; actorId?: string }[] };
    assert.equal(body.events.find((event) => event.event === 'approved')!.actorId, officer.accountId);
    const got = await call(`/v1/rights-requests/${id}`, officer.headers);
    assert.equal(((await got.json()) as { email: string }).email, 'who.acted@example.com', 'the staff view, not the requester\'s');
  });

  it('another tenant\'s data is out of reach; a token used from another site or naming another tenant is 401', async () => {
    const { id } = await rights.verifiedRequest(tenantB(), { type: 'access', email: 'b.only@example.com' });
    const admin = members.get('admin')!;
    assert.equal((await call(`/v1/rights-requests/${id}`, admin.headers)).status, 404);
    const fromB = await call('/v1/users', { ...admin.headers, Origin: tenantB().origin });
    assert.equal(fromB.status, 401);
    assert.equal((await errorOf(fromB)).code, 'INVALID_ACCESS_TOKEN');
    const noOrigin = await call('/v1/users', { Authorization: admin.headers.Authorization! });
    assert.equal(noOrigin.status, 401);
    // Signed by this deployment, but claiming tenant B with A's key: refused.
    const crossed = await signed({ tenant: tenantB().tenant.id, aud: tenantA().publishableKey });
    const refused = await call('/v1/users', { Authorization: `Bearer ${crossed}`, Origin: tenantA().origin });
    assert.equal(refused.status, 401);
    // Tenant B's own key and origin, with B's tenant: B's data, never A's accounts.
    const asB = await signed({ tenant: tenantB().tenant.id, aud: tenantB().publishableKey, azp: tenantB().origin, sub: admin.accountId });
    const bCall = await call('/v1/users', { Authorization: `Bearer ${asB}`, Origin: tenantB().origin });
    assert.equal(bCall.status, 401, 'A\'s account does not exist in B');
  });

  it('an expired token is 401 ACCESS_TOKEN_EXPIRED; a forged one 401 INVALID_ACCESS_TOKEN', async () => {
    const admin = members.get('admin')!;
    const expired = await signed({ sub: admin.accountId, exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 360 });
    const late = await call('/v1/users', { Authorization: `Bearer ${expired}`, Origin: tenantA().origin });
    assert.equal(late.status, 401);
    assert.equal((await errorOf(late)).code, 'ACCESS_TOKEN_EXPIRED');
    const [header, payload] = admin.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'owner', sub: members.get('member')!.accountId })).toString('base64url')}.${admin.accessToken.split('.')[2]}`;
    const forged = await call('/v1/users', { Authorization: `Bearer ${altered}`, Origin: tenantA().origin });
    assert.equal(forged.status, 401);
    assert.equal((await errorOf(forged)).code, 'INVALID_ACCESS_TOKEN');
  });

  it('a demotion and a disabling take effect at once, whatever the token says', async () => {
    const member = await staffMember(rights.app, rights.fixture.db, tenantA(), 'soon.gone@portal-a.example', 'admin');
    assert.equal((await call('/v1/users', member.headers)).status, 200);
    const secret = { Authorization: `Bearer ${tenantA().secretKey}` };
    assert.equal((await call(`/v1/users/${member.accountId}/role`, secret, { method: 'PUT', body: { role: 'operator' } })).status, 200);
    await waitFor(async () => ((await call('/v1/users', member.headers)).status === 403 ? true : undefined), 'the demotion', 1_000);
    assert.equal((await call(`/v1/users/${member.accountId}/disable`, secret, { method: 'POST' })).status, 200);
    const refused = await waitFor(async () => {
      const response = await call('/v1/port-calls', member.headers);
      return response.status === 401 ? response : undefined;
    }, 'the disabling', 1_000);
    assert.equal((await errorOf(refused)).code, 'INVALID_ACCESS_TOKEN');
  });

  it('a revoked publishable key takes its tokens with it', async () => {
    const member = await staffMember(rights.app, rights.fixture.db, tenantA(), 'key.revoked@portal-a.example', 'owner');
    await rights.fixture.db.owner`UPDATE api_keys SET revoked_at = now() WHERE tenant_id = ${tenantA().tenant.id} AND kind = 'publishable' AND environment = 'live'`;
    try {
      const refused = await waitFor(async () => {
        const response = await call('/v1/users', member.headers);
        return response.status === 401 ? response : undefined;
      }, 'the revocation', 2_000);
      assert.equal((await errorOf(refused)).code, 'API_KEY_REVOKED');
    } finally {
      await rights.fixture.db.owner`UPDATE api_keys SET revoked_at = NULL WHERE tenant_id = ${tenantA().tenant.id} AND kind = 'publishable' AND environment = 'live'`;
    }
  });
});

describe('the SDK with an access token', () => {
  it('createClient({ accessToken }) calls what the role allows and gets PermissionDeniedError for the rest; a callback gives the newest token', async () => {
    const server = await listen(rights.app.fetch, { port: 0, host: '127.0.0.1' });
    try {
      // The browser sends its page's Origin by itself; from Node the test adds it.
      const fromPage: typeof fetch = (input, init) => {
        const request = new Request(input, init);
        request.headers.set('Origin', tenantA().origin);
        return fetch(request);
      };
      const officer = members.get('privacy_officer')!;
      const client = createClient({ apiUrl: server.url, accessToken: officer.accessToken, fetch: fromPage });
      const page = await client.rightsRequests.list({ limit: 5 });
      assert.ok(Array.isArray(page.data));
      await assert.rejects(async () => await client.users.list(), (error: unknown) => error instanceof PermissionDeniedError && error.code === 'FORBIDDEN_ROLE');
      let calls = 0;
      const renewing = createClient({ apiUrl: server.url, accessToken: () => { calls += 1; return members.get('owner')!.accessToken; }, fetch: fromPage });
      assert.ok((await renewing.users.list()).data.length >= 5);
      assert.equal(calls, 1);
      assert.throws(() => createClient({ apiUrl: server.url, accessToken: officer.accessToken, publishableKey: tenantA().publishableKey }), TypeError);
    } finally {
      await server.close(1_000);
    }
  });
});

/** A token signed with this deployment's current key, tenant A's admin claims unless overridden. */
async function signed(overrides: Record<string, unknown>): Promise<string> {
  const key = await new SigningKeys(rights.fixture.db.owner, rights.fixture.masterKey).current();
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'http://localhost:8787', sub: members.get('admin')!.accountId, aud: tenantA().publishableKey, azp: tenantA().origin,
    tenant: tenantA().tenant.id, environment: 'live', role: 'admin', iat: now, exp: now + 300, ...overrides,
  };
  return await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' }).sign(key.privateKey);
}
