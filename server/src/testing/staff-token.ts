import assert from 'node:assert/strict';
import type { Role } from '@porttask/sdk/schemas';
import type { App } from '../app.ts';
import type { TestDatabase } from './test-database.ts';
import type { TestTenant } from './app-fixture.ts';

export interface StaffMember {
  accountId: string;
  /** A 5-minute access token handed to `tenant.origin`, as `<porttask-login>` gets it. */
  accessToken: string;
  refreshToken: string;
  /** Headers of a call from the staff member's page: the token, and the page's Origin. */
  headers: Record<string, string>;
}

/**
 * A staff member of `tenant` (live): signed up through the login frame like anyone, then
 * given `role` by the tenant (as `PUT /v1/users/{id}/role` would).
 */
export async function staffMember(app: App, db: TestDatabase, tenant: TestTenant, email: string, role: Role): Promise<StaffMember> {
  const response = await app.request('/embed/login/sign-up', {
    method: 'POST',
    // app.request URLs are http://localhost: the frame's own origin.
    headers: { Origin: 'http://localhost', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email, password: 'tugboat-lantern-quinoa-47', name: 'Staff Member',
      acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true },
    }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const pair = (await response.json()) as { accessToken: string; refreshToken: string };
  const [account] = await db.owner<{ id: string }[]>`
    UPDATE auth_users SET role = ${role} WHERE tenant_id = ${tenant.tenant.id} AND environment = 'live' AND email = ${email} RETURNING id`;
  return {
    accountId: account!.id, accessToken: pair.accessToken, refreshToken: pair.refreshToken,
    headers: { Authorization: `Bearer ${pair.accessToken}`, Origin: tenant.origin },
  };
}
