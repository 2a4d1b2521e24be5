import { twoFactor } from 'better-auth/plugins';

/** better-auth's twoFactor model in our `auth_two_factors` table (054_two_factor.sql). */
const TABLE_FIELDS = {
  secret: 'secret', backupCodes: 'backup_codes', userId: 'user_id', verified: 'verified',
  failedVerificationCount: 'failed_verification_count', lockedUntil: 'locked_until',
} as const;

export const BACKUP_CODE_COUNT = 10;

/**
 * TOTP (RFC 6238: 6 digits, 30 s) with 10 one-time backup codes, on better-auth's twoFactor
 * plugin. Its secret and backup codes are encrypted by the plugin (XChaCha20-Poly1305 under
 * the scope's auth secret, itself derived from PORTTASK_MASTER_KEY per tenant environment):
 * they never leave the plugin, so a second layer of our field encryption would protect
 * nothing more. Its own failure counter is off: wrong codes are audited as `mfa_failed` and
 * lockout.ts counts them with wrong passwords, one rule for both factors.
 */
export function porttaskTwoFactor() {
  const plugin = twoFactor({
    issuer: 'PortTask',
    backupCodeOptions: { amount: BACKUP_CODE_COUNT, storeBackupCodes: 'encrypted' },
    accountLockout: { enabled: false },
    schema: { twoFactor: { modelName: 'auth_two_factors', fields: TABLE_FIELDS }, user: { fields: { twoFactorEnabled: 'two_factor_enabled' } } },
  });
  // The tenant-scoped adapter adds these to every query and row: the model must know them.
  const scopeField = (fieldName: string) => ({ type: 'string', fieldName, input: false, returned: false, required: false }) as const;
  Object.assign(plugin.schema.twoFactor.fields, { tenantId: scopeField('tenant_id'), environment: scopeField('environment') });
  return plugin;
}
