import { hkdfSync, randomBytes } from 'node:crypto';
import { kyselyAdapter } from '@better-auth/kysely-adapter';
import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import { LRUCache } from 'lru-cache';
import type { Sql } from '../db/connection.ts';
import type { LoginAuditTrail, LoginOutcome } from '../login-audit/login-audit-trail.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { lockoutState } from './lockout.ts';
import { checkNewPassword } from './password-policy.ts';
import { isUserDisabled } from './users.queries.ts';
import { revokeUserTokens } from './tokens/refresh-tokens.queries.ts';
import { tenantScopedAdapter } from './tenant-scoped-adapter.ts';
import { sendAccountVerification, type AccountMail } from './account-mail.ts';
import { sendPasswordReset } from './set-password-mail.ts';
import { RESET_IDENTIFIER_PREFIX, RESET_LINK_SECONDS } from './set-password-tokens.ts';
import { mailLocale } from '../mail/mail-template.ts';
import { mfaHooks } from './mfa/mfa-hooks.ts';
import { porttaskTwoFactor } from './mfa/two-factor-plugin.ts';
import { awaitsGuardian } from './guardian/guardian-consents.ts';
import { GUARDIAN_CONSENT_PENDING, pendingSignUps } from './guardian/pending-sign-up.ts';

/** What the HTTP layer knows about a request and better-auth does not: the client's address. */
export const requestClientIp = new WeakMap<Request, string | undefined>();

interface SignInAttempt {
  accountId: string | undefined;
  refused: boolean;
}
/** The part of better-auth's internal adapter a sign-in's lookup uses. */
interface SignInLookups {
  findUserByEmail(email: string): Promise<{ user: { id: string } } | null>;
  findAccounts(userId: string): Promise<unknown>;
}
/** A sign-in's lookup, made once in the before hook and read again by the after hook. */
const signInAttempts = new WeakMap<Request, SignInAttempt>();
/** Matches no account (generated ids are 20 characters): an unknown email's lookups find nothing, at the same cost. */
const NO_ACCOUNT = '-';

const scopeFields = {
  tenantId: { type: 'string', fieldName: 'tenant_id', input: false, returned: false, required: false },
  environment: { type: 'string', fieldName: 'environment', input: false, returned: false, required: false },
} as const;
const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export interface AuthDependencies {
  sql: Sql;
  masterKey: Buffer;
  loginAudit: LoginAuditTrail;
  baseUrl: string;
  /** Field encryption and the job queue: without them (tests of other parts) no mail is sent. */
  mail?: AccountMail | undefined;
}

/** better-auth builds its own queries; Kysely needs no table types for that. */
type AuthTables = Record<string, Record<string, unknown>>;

export type ScopedAuth = ReturnType<typeof createScopedAuth>;
/** The tenant environment of each instance (the login frame's calls are limited per tenant). */
export const scopeOfAuth = new WeakMap<ScopedAuth, DataScope>();

/**
 * One better-auth per tenant environment, kept while in use: each sees only its scope's
 * accounts (tenant-scoped-adapter.ts). All share one postgres.js pool through Kysely.
 */
export function authInstances(dependencies: AuthDependencies): (scope: DataScope) => ScopedAuth {
  const kysely = new Kysely<AuthTables>({ dialect: new PostgresJSDialect({ postgres: dependencies.sql }) });
  const cache = new LRUCache<string, ScopedAuth>({ max: 1_000 });
  return (scope) => {
    const key = `${scope.tenantId}/${scope.environment}`;
    let auth = cache.get(key);
    if (!auth) {
      cache.set(key, (auth = createScopedAuth(dependencies, kysely, scope)));
      scopeOfAuth.set(auth, scope);
    }
    return auth;
  };
}

function createScopedAuth({ sql, masterKey, loginAudit, baseUrl, mail }: AuthDependencies, kysely: Kysely<AuthTables>, scope: DataScope) {
  const audit = (request: Request | undefined, outcome: LoginOutcome, email: string | undefined, accountId?: string) =>
    loginAudit.append(scope, { outcome, email, accountId, ipAddress: request ? requestClientIp.get(request) : undefined, userAgent: request?.headers.get('user-agent') });
  const secondFactor = mfaHooks(sql, scope, audit);

  /**
   * Who a sign-in names and whether it is refused (locked or disabled). An unknown email runs
   * the same queries (for an id that matches nothing), so that it is not answered sooner than a
   * wrong password: time would tell an attacker which emails have accounts.
   */
  const signInAttempt = async (adapter: SignInLookups, email: string): Promise<SignInAttempt> => {
    const accountId = (await adapter.findUserByEmail(email.toLowerCase()))?.user.id;
    const locked = (await lockoutState(sql, scope, accountId ?? NO_ACCOUNT)).locked;
    const disabled = await isUserDisabled(sql, scope, accountId ?? NO_ACCOUNT);
    // better-auth reads a found user's credentials in a second query; an unknown email reads none.
    if (accountId === undefined) await adapter.findAccounts(NO_ACCOUNT);
    return { accountId, refused: accountId !== undefined && (locked || disabled) };
  };

  return betterAuth({
    appName: 'PortTask',
    baseURL: baseUrl,
    basePath: '/api/auth',
    // Session tokens are signed with a key derived from the master key, one per scope.
    secret: Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('porttask'), Buffer.from(`accounts/auth-secret/1/${scope.tenantId}/${scope.environment}`), 32)).toString('hex'),
    database: tenantScopedAdapter(kyselyAdapter(kysely, { type: 'postgres' }), scope),
    telemetry: { enabled: false },
    // The API's authenticate step already refused origins the publishable key does not allow.
    trustedOrigins: (request) => [request?.headers.get('origin')],
    // Per-IP limits are the API's own (shared across processes); lockout is per account below.
    rateLimit: { enabled: false },
    advanced: { database: { generateId: () => randomBytes(15).toString('base64url') }, cookiePrefix: 'porttask' },
    emailAndPassword: {
      enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true,
      // Its request-password-reset makes the token (the same answer for unknown emails); the
      // set-password page consumes it in our own transaction (set-password-tokens.ts).
      resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
      sendResetPassword: mail
        ? ({ user, token }, request) => sendPasswordReset(sql, mail, scope, { baseUrl, userId: user.id, email: user.email, token, locale: mailLocale(request?.headers.get('accept-language') ?? undefined) })
        : undefined,
    },
    // The link in the mail opens /embed/verify-email (a page of the API origin), which needs no key.
    emailVerification: mail
      ? {
        sendOnSignUp: true,
        expiresIn: 24 * 3600,
        sendVerificationEmail: ({ user, token }, request) => sendAccountVerification(sql, mail, scope, { baseUrl, email: user.email, token, acceptLanguage: request?.headers.get('accept-language') ?? undefined }),
      }
      : undefined,
    user: {
      modelName: 'auth_users',
      fields: { emailVerified: 'email_verified', ...timestamps },
      additionalFields: {
        ...scopeFields, role: { type: 'string', input: false, required: false, defaultValue: 'member' },
        guardianConsent: { type: 'string', fieldName: 'guardian_consent', input: false, returned: false, required: false },
      },
    },
    session: {
      modelName: 'auth_sessions',
      fields: { userId: 'user_id', expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', ...timestamps },
      additionalFields: scopeFields,
    },
    account: {
      modelName: 'auth_accounts',
      fields: {
        userId: 'user_id', accountId: 'account_id', providerId: 'provider_id', accessToken: 'access_token', refreshToken: 'refresh_token',
        idToken: 'id_token', accessTokenExpiresAt: 'access_token_expires_at', refreshTokenExpiresAt: 'refresh_token_expires_at', ...timestamps,
      },
      additionalFields: scopeFields,
    },
    verification: {
      modelName: 'auth_verifications', fields: { expiresAt: 'expires_at', ...timestamps }, additionalFields: scopeFields,
      // A reset token is stored as SHA-256 of its identifier: reading the table gives no working link.
      storeIdentifier: { default: 'plain', overrides: { [RESET_IDENTIFIER_PREFIX]: 'hashed' } },
    },
    plugins: [porttaskTwoFactor()],
    // A minor's account (accounts/guardian/) is pending from its insert, and better-auth makes
    // no session for a pending account: not at sign-up, not at any sign-in, whatever the path.
    databaseHooks: {
      user: {
        create: {
          before: async (user, context) => (context?.request && pendingSignUps.has(context.request) ? { data: { ...user, guardianConsent: 'pending' } } : undefined),
          after: async (user, context) => {
            const pending = context?.request && pendingSignUps.get(context.request);
            if (pending) pending.userId = user.id;
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            if (await awaitsGuardian(sql, scope, session.userId)) {
              throw APIError.from('FORBIDDEN', { code: GUARDIAN_CONSENT_PENDING, message: 'This account waits for the consent of a parent or guardian, who was emailed a link.' });
            }
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (context) => {
        await secondFactor.before(context as never);
        const body = (context.body ?? {}) as { email?: string; password?: string };
        // A new password meets the policy wherever it is set (the reset and invitation page checks it itself).
        const newPassword = (context.body as { newPassword?: unknown } | undefined)?.newPassword;
        if (context.path === '/change-password' && typeof newPassword === 'string') {
          const refusal = checkNewPassword(newPassword);
          if (refusal) throw new APIError('BAD_REQUEST', { code: refusal.code, message: refusal.message });
        }
        if (context.path === '/sign-up/email' && typeof body.password === 'string') {
          const refusal = checkNewPassword(body.password, { email: body.email });
          if (refusal) throw new APIError('BAD_REQUEST', { code: refusal.code, message: refusal.message });
        }
        if (context.path === '/sign-in/email' && typeof body.email === 'string') {
          const attempt = await signInAttempt(context.context.internalAdapter, body.email);
          if (context.request) signInAttempts.set(context.request, attempt);
          if (attempt.refused) {
            // The same answer, after the same work, as a wrong password: a lock (or a disabled
            // account) tells an attacker nothing; the owner learns of it from the audit trail.
            // The lookup better-auth's handler makes for an attempt it goes on with, then its hash.
            await context.context.internalAdapter.findUserByEmail(body.email.toLowerCase(), { includeAccounts: true });
            await context.context.password.hash(body.password ?? '');
            await audit(context.request, 'locked', body.email, attempt.accountId);
            throw APIError.from('UNAUTHORIZED', { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
          }
        }
      }),
      after: createAuthMiddleware(async (context) => {
        const body = (context.body ?? {}) as { email?: string };
        const failed = context.context.returned instanceof APIError;
        await secondFactor.after(context as never);
        if (context.path === '/sign-in/email' && typeof body.email === 'string') {
          // The password was right; an account with a second factor is not signed in until its
          // code is (twoFactor's own hook, after this one, withholds the session).
          const signedIn = context.context.newSession?.user as { id: string; twoFactorEnabled?: boolean | null } | undefined;
          if (!failed) return void (await audit(context.request, signedIn?.twoFactorEnabled ? 'mfa_challenged' : 'success', body.email, signedIn?.id));
          const code = (context.context.returned as APIError).body?.code;
          if (code === GUARDIAN_CONSENT_PENDING) {
            const pending = context.request && signInAttempts.get(context.request);
            return void (await audit(context.request, 'guardian_consent_pending', body.email, pending?.accountId));
          }
          if (code !== 'INVALID_EMAIL_OR_PASSWORD') return;
          // What the before hook found (a refused account never gets here): no second lookup.
          const attempt = (context.request && signInAttempts.get(context.request)) ?? (await signInAttempt(context.context.internalAdapter, body.email));
          await audit(context.request, attempt.accountId ? 'wrong_password' : 'unknown_email', body.email, attempt.accountId);
        } else if (context.path === '/sign-up/email' && typeof body.email === 'string') {
          // A minor's sign-up ends in the refused session: the account exists, pending.
          const pendingId = context.request && pendingSignUps.get(context.request)?.userId;
          if (!failed || pendingId) await audit(context.request, 'sign_up', body.email, context.context.newSession?.user.id ?? pendingId);
        } else if (context.path === '/change-password' && !failed && context.context.session) {
          // Whoever knew the old password is signed out everywhere but here: the account's other
          // sessions and every refresh token (the login frame's sign-ins) end.
          const { user, session } = context.context.session;
          // With `revokeOtherSessions` better-auth made a new session for this client: that one stays.
          await endOtherSignIns(sql, scope, user.id, context.context.newSession?.session.token ?? session.token);
          await audit(context.request, 'password_changed', user.email, user.id);
        } else if (context.path === '/sign-out' && !failed) {
          await audit(context.request, 'sign_out', undefined, context.context.session?.user.id);
        }
      }),
    },
  });
}

/** Ends every session of the account but `keptToken`'s, and all its refresh tokens. */
async function endOtherSignIns(sql: Sql, scope: DataScope, userId: string, keptToken: string): Promise<void> {
  await sql`DELETE FROM auth_sessions WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${userId} AND token <> ${keptToken}`;
  await revokeUserTokens(sql, scope, userId);
}
