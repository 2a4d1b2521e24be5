import type { Role } from '@porttask/sdk/schemas';

/**
 * Who may call each operation that takes a secret key, with a staff access token instead
 * (`Authorization: Bearer <access token>`, the EdDSA JWT of `/v1/auth/token`). THE role
 * matrix: one row per operationId, read by `apiRoute()` (which enforces it and writes it into
 * the OpenAPI document as `x-porttask-roles`), by docs/accounts.md, and by the table-driven
 * test that calls every such operation with a token of every role.
 *
 * A secret key keeps full access; a `member` (an end user) is in no row. An operation that
 * takes a secret key and has no row here refuses every token (`403 FORBIDDEN_ROLE`), and
 * `server/src/auth/staff-roles.test.ts` fails until it gets one: add the row with the route.
 */
export const STAFF_ROLES = {
  // Privacy-rights requests: the staff side (the inbox).
  listRightsRequests: ['owner', 'admin', 'privacy_officer'],
  getRightsRequest: ['owner', 'admin', 'privacy_officer'],
  approveRightsRequest: ['owner', 'admin', 'privacy_officer'],
  denyRightsRequest: ['owner', 'admin', 'privacy_officer'],
  extendRightsRequest: ['owner', 'admin', 'privacy_officer'],
  addRightsRequestNote: ['owner', 'admin', 'privacy_officer'],
  completeRightsRequest: ['owner', 'admin', 'privacy_officer'],
  putRightsRequestData: ['owner', 'admin', 'privacy_officer'],
  downloadRightsRequestExport: ['owner', 'admin', 'privacy_officer'],
  // Proof of consent and the consent configuration: privacy work.
  listConsents: ['owner', 'admin', 'privacy_officer'],
  getConsent: ['owner', 'admin', 'privacy_officer'],
  getConsentConfig: ['owner', 'admin', 'privacy_officer'],
  replaceConsentConfig: ['owner', 'admin', 'privacy_officer'],
  publishPolicyVersion: ['owner', 'admin', 'privacy_officer'],
  listConsentConfigHistory: ['owner', 'admin', 'privacy_officer'],
  // Administration: the login audit trail, accounts, keys, webhooks, settings.
  listLoginEvents: ['owner', 'admin'],
  verifyLoginAudit: ['owner', 'admin'],
  listUsers: ['owner', 'admin'],
  setUserRole: ['owner', 'admin'],
  disableUser: ['owner', 'admin'],
  signOutUser: ['owner', 'admin'],
  createInvitation: ['owner', 'admin'],
  listInvitations: ['owner', 'admin'],
  revokeInvitation: ['owner', 'admin'],
  listApiKeys: ['owner', 'admin'],
  updateApiKey: ['owner', 'admin'],
  rollApiKey: ['owner', 'admin'],
  createWebhookEndpoint: ['owner', 'admin'],
  listWebhookEndpoints: ['owner', 'admin'],
  getWebhookEndpoint: ['owner', 'admin'],
  deleteWebhookEndpoint: ['owner', 'admin'],
  listWebhookDeliveries: ['owner', 'admin'],
  rollWebhookEndpointSecret: ['owner', 'admin'],
  getRightsSettings: ['owner', 'admin'],
  replaceRightsSettings: ['owner', 'admin'],
  getSignUpSettings: ['owner', 'admin'],
  replaceSignUpSettings: ['owner', 'admin'],
  // Schedules: operators write port calls; every staff role reads what a publishable key reads.
  upsertPortCall: ['owner', 'admin', 'operator'],
  addPortCallTimestamp: ['owner', 'admin', 'operator'],
  importPortCalls: ['owner', 'admin', 'operator'],
  listPortCalls: ['owner', 'admin', 'privacy_officer', 'operator'],
  getPortCall: ['owner', 'admin', 'privacy_officer', 'operator'],
  streamPortCalls: ['owner', 'admin', 'privacy_officer', 'operator'],
  listPorts: ['owner', 'admin', 'privacy_officer', 'operator'],
  listVessels: ['owner', 'admin', 'privacy_officer', 'operator'],
  getConfig: ['owner', 'admin', 'privacy_officer', 'operator'],
} as const satisfies Record<string, readonly Role[]>;

/** The roles whose access tokens may call an operation (none when it has no row). */
export function staffRolesOf(operationId: string): readonly Role[] {
  return (STAFF_ROLES as Record<string, readonly Role[]>)[operationId] ?? [];
}
