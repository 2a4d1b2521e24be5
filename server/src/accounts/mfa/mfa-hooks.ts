import { APIError, getSessionFromCtx } from 'better-auth/api';
import type { Sql } from '../../db/connection.ts';
import type { LoginOutcome } from '../../login-audit/login-audit-trail.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { lockoutState } from '../lockout.ts';
import { isUserDisabled } from '../users.queries.ts';

const VERIFY_TOTP = '/two-factor/verify-totp';
const VERIFY_BACKUP_CODE = '/two-factor/verify-backup-code';
const WRONG_CODES = new Set(['INVALID_CODE', 'INVALID_BACKUP_CODE']);

/** The context better-auth's hooks get; only what these hooks read. */
interface HookContext {
  path: string;
  body?: unknown;
  request?: Request | undefined;
  getSignedCookie(name: string, secret: string): Promise<string | null | false>;
  context: {
    secret: string;
    returned?: unknown;
    session?: { user: { id: string; email: string } } | null;
    newSession?: { user: { id: string; email: string } } | null;
    createAuthCookie(name: string): { name: string };
    internalAdapter: {
      findVerificationValue(identifier: string): Promise<{ value: string } | null | undefined>;
      findUserById(id: string): Promise<{ id: string; email: string; twoFactorEnabled?: boolean | null } | null>;
    };
  };
}

type Audit = (request: Request | undefined, outcome: LoginOutcome, email: string | undefined, accountId?: string) => Promise<unknown>;

/** Whose code a verification checks, and whether it completes a sign-in or confirms enrolment. */
interface CodeCheck {
  userId: string;
  email: string;
  signIn: boolean;
  wasEnabled: boolean;
}
const checks = new WeakMap<Request, CodeCheck>();

/**
 * The second factor's part of the accounts' hooks: the lockout rule and the audit trail for
 * TOTP and backup codes. A sign-in's code is checked against the same lock as its password
 * (a locked account gets the answer of a wrong code, audited `locked`); devices are never
 * remembered, so every sign-in of an MFA account asks for the code.
 */
export function mfaHooks(sql: Sql, scope: DataScope, audit: Audit) {
  return {
    async before(context: HookContext): Promise<void> {
      if (context.path !== VERIFY_TOTP && context.path !== VERIFY_BACKUP_CODE) return;
      if ((context.body as { trustDevice?: unknown } | undefined)?.trustDevice) {
        throw new APIError('BAD_REQUEST', { code: 'TRUST_DEVICE_NOT_OFFERED', message: 'Devices are not remembered: every sign-in asks for the code.' });
      }
      const check = await codeCheckOf(context);
      if (!check) return;
      if (context.request) checks.set(context.request, check);
      if (check.signIn && ((await lockoutState(sql, scope, check.userId)).locked || (await isUserDisabled(sql, scope, check.userId)))) {
        await audit(context.request, 'locked', check.email, check.userId);
        throw APIError.from('UNAUTHORIZED', { code: 'INVALID_CODE', message: 'Invalid code' });
      }
    },

    async after(context: HookContext): Promise<void> {
      const failed = context.context.returned instanceof APIError;
      if (context.path === '/two-factor/disable' && !failed && context.context.session) {
        await audit(context.request, 'mfa_disabled', undefined, context.context.session.user.id);
        return;
      }
      if (context.path !== VERIFY_TOTP && context.path !== VERIFY_BACKUP_CODE) return;
      const check = context.request ? checks.get(context.request) : undefined;
      if (!check) return;
      if (failed) {
        const code = (context.context.returned as APIError).body?.code;
        // A signed-in person mistyping while confirming enrolment is not a sign-in attempt.
        if (check.signIn && typeof code === 'string' && WRONG_CODES.has(code)) await audit(context.request, 'mfa_failed', check.email, check.userId);
        return;
      }
      if (check.signIn) {
        if (context.path === VERIFY_BACKUP_CODE) await audit(context.request, 'mfa_backup_code', check.email, check.userId);
        await audit(context.request, 'success', check.email, check.userId);
      } else if (context.path === VERIFY_TOTP && !check.wasEnabled) {
        await audit(context.request, 'mfa_enabled', undefined, check.userId);
      }
    },
  };
}

/** The account behind a code: the pending sign-in of the `two_factor` cookie, else the session. */
async function codeCheckOf(context: HookContext): Promise<CodeCheck | undefined> {
  const session = await getSessionFromCtx(context as never).catch(() => null);
  if (session) {
    const user = session.user as { id: string; email: string; twoFactorEnabled?: boolean | null };
    return { userId: user.id, email: user.email, signIn: false, wasEnabled: user.twoFactorEnabled === true };
  }
  const identifier = await context.getSignedCookie(context.context.createAuthCookie('two_factor').name, context.context.secret);
  if (!identifier) return undefined;
  const pending = await context.context.internalAdapter.findVerificationValue(identifier);
  const user = pending ? await context.context.internalAdapter.findUserById(pending.value) : null;
  return user ? { userId: user.id, email: user.email, signIn: true, wasEnabled: true } : undefined;
}
