import * as z from 'zod';
import { auditExamples } from './examples/audit.ts';

/*
 * The login audit trail: every sign-in attempt and account event of a tenant's environment,
 * appended to a hash chain with signed checkpoints (see docs/accounts.md).
 */

export const LoginOutcome = z
  .enum([
    'success', 'wrong_password', 'unknown_email', 'locked', 'mfa_failed', 'reset_requested', 'reset', 'sign_out', 'sign_up', 'refresh_reused',
    'mfa_challenged', 'mfa_backup_code', 'mfa_enabled', 'mfa_disabled', 'invited', 'invitation_revoked', 'invitation_accepted',
    'password_changed', 'signed_out_everywhere', 'guardian_consent_pending', 'guardian_consent_given', 'guardian_consent_refused',
  ])
  .meta({ id: 'LoginOutcome', description: 'What happened. `locked`: refused because the account is locked after repeated failures; `refresh_reused`: a refresh token was used twice, so its family was revoked; `mfa_challenged`: the password was right and the second factor was asked for; `mfa_failed`: a wrong TOTP or backup code; `mfa_backup_code`: a backup code was spent (a `success` follows); `mfa_enabled` / `mfa_disabled`: the account switched its second factor on or off; `reset_requested`, `reset`: a password-reset link was asked for (any email, known or not) and used; `invited`, `invitation_revoked`, `invitation_accepted`: a staff invitation was sent, withdrawn, and its password set; `password_changed`: the signed-in account changed its password (its other sessions and refresh tokens were revoked); `signed_out_everywhere`: the partner\'s server (secret key or an admin) ended every sign-in of the account; `guardian_consent_pending`: the password was right but the account of a minor still waits for a parent\'s or guardian\'s consent (no session or token was issued); `guardian_consent_given` / `guardian_consent_refused`: the guardian answered (a refusal erases the account).' });
export type LoginOutcome = z.infer<typeof LoginOutcome>;

/** Text typed at sign-up or sign-in (email, name) is bounded by the 256 KiB body limit of /api/auth, not by a length of its own. */
export const MAX_SIGN_IN_TEXT = 256 * 1024;

const Sha256Hex = z.string().max(64).regex(/^[0-9a-f]{64}$/);

export const LoginAuditEvent = z
  .object({
    sequence: z.number().int().min(1).meta({ description: 'Place in the chain, from 1, without gaps.' }),
    occurredAt: z.string().max(27).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/).meta({ description: 'Server time, UTC, to the microsecond: the exact text the row hash covers.', example: '2026-12-01T23:59:10.123456Z' }),
    outcome: LoginOutcome,
    ipAddress: z.string().max(45).nullable().meta({ example: '203.0.113.7' }),
    userAgent: z.string().max(1000).nullable().meta({ description: 'Control characters replaced, cut at 1,000 characters.' }),
    email: z.string().max(MAX_SIGN_IN_TEXT).nullable().meta({ description: 'The email that was tried, decrypted for you; null when none was given or its key was destroyed (crypto-shredded). Stored encrypted. As typed: bounded only by the sign-in body limit.' }),
    accountId: z.string().max(64).nullable().meta({ description: 'The account, when the attempt matched one.' }),
    rowHash: Sha256Hex.meta({ description: 'SHA-256(previous row hash ‖ canonical text of this row), hex.' }),
  })
  .meta({ id: 'LoginAuditEvent', examples: [auditExamples.event] });
export type LoginAuditEvent = z.infer<typeof LoginAuditEvent>;

export const LoginAuditEventQuery = z.object({
  outcome: LoginOutcome.optional().meta({ description: 'Only events with this outcome.' }),
});

export const AuditFaultKind = z
  .enum(['altered', 'deleted', 'inserted', 'reordered', 'forged', 'truncated', 'checkpoint_broken', 'rewritten_after_purge'])
  .meta({ id: 'AuditFaultKind' });

export const AuditSigningKey = z
  .object({
    keyId: z.string().max(20).regex(/^lak_[0-9a-f]{16}$/).meta({ example: 'lak_3f9c2a6b1d0e4f57' }),
    algorithm: z.literal('Ed25519'),
    publicKey: z.string().max(43).meta({ description: 'The raw 32-byte public key, base64url (the `x` of its JWK).' }),
  })
  .meta({ id: 'AuditSigningKey' });

export const AuditVerification = z
  .object({
    intact: z.boolean(),
    environment: z.enum(['test', 'live']),
    eventsChecked: z.number().int().min(0),
    checkpointsChecked: z.number().int().min(0),
    fault: z
      .object({
        kind: AuditFaultKind,
        sequence: z.number().int().optional().meta({ description: 'The first bad record.' }),
        checkpoint: z.number().int().optional(),
        message: z.string().max(1000),
      })
      .nullable()
      .meta({ description: 'The first fault found; null when intact.' }),
    signingKey: AuditSigningKey,
  })
  .meta({
    id: 'AuditVerification',
    examples: [auditExamples.verification],
  });
export type AuditVerification = z.infer<typeof AuditVerification>;
