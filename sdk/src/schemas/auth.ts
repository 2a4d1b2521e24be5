import * as z from 'zod';

/*
 * Accounts' own input (sign-up, profile), checked before better-auth sees it: the bounds are
 * the ones mail systems and our tables keep, so an oversized value is a 422, never a 500.
 */

/** RFC 5321's limit for a forward path; longer addresses cannot receive mail. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 200;

export const SignUpFields = z.object({
  email: z.string().max(MAX_EMAIL_LENGTH),
  name: z.string().max(MAX_NAME_LENGTH),
});

/** A profile change sends the name alone. */
export const ProfileFields = z.object({ name: z.string().max(MAX_NAME_LENGTH).optional() });

/*
 * Tokens of the embeddable login: a short-lived EdDSA access token for the partner's page
 * and server, and a rotating refresh token bound to the page's origin and publishable key.
 */

export const RefreshToken = z.string().max(100).regex(/^rt_[A-Za-z0-9_-]{1,96}$/).meta({ id: 'RefreshToken', example: 'rt_Q2hvb3NlIGEgcmFuZG9tIHRva2VuIGhlcmUgcGxlYXNlLg' });

export const TokenRefresh = z
  .object({ refreshToken: RefreshToken })
  .meta({ id: 'TokenRefresh', examples: [{ refreshToken: 'rt_Q2hvb3NlIGEgcmFuZG9tIHRva2VuIGhlcmUgcGxlYXNlLg' }] });
export type TokenRefresh = z.infer<typeof TokenRefresh>;

export const TokenPair = z
  .object({
    accessToken: z.string().max(4000).meta({ description: 'EdDSA JWT, 5 minutes: `sub` (account), `tenant`, `environment`, `role`, `aud` (the publishable key), `azp` (the page origin), `iss` (the API).' }),
    refreshToken: RefreshToken.meta({ description: 'Use once: the answer to a refresh holds the next one. A replaced token used again revokes its whole family.' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires.' }),
  })
  .meta({ id: 'TokenPair', examples: [{ accessToken: 'eyJhbGciOiJFZERTQSIsImtpZCI6ImFrXzAxMjM0NTY3ODlhYmNkZWYifQ.e30.c2ln', refreshToken: 'rt_Q2hvb3NlIGEgcmFuZG9tIHRva2VuIGhlcmUgcGxlYXNlLg', tokenType: 'Bearer', expiresIn: 300 }] });
export type TokenPair = z.infer<typeof TokenPair>;

export const TokenRevocation = z
  .object({ revoked: z.boolean().meta({ description: 'False when the token was unknown, already revoked, or issued to another site: nothing changed.' }) })
  .meta({ id: 'TokenRevocation', examples: [{ revoked: true }] });
export type TokenRevocation = z.infer<typeof TokenRevocation>;

/** What the login frame (`/embed/login`) posts to its own origin. */
export const FrameSignIn = z.object({
  email: z.string().min(1).max(MAX_EMAIL_LENGTH),
  password: z.string().min(1).max(128),
});
export type FrameSignIn = z.infer<typeof FrameSignIn>;


/**
 * What a sign-up accepts, as the form showed it: the privacy-policy and terms versions (the
 * server refuses versions that are no longer current), the language of the statement, and the
 * age answer the tenant's gate asks for (a date of birth, or "I am at least N").
 */
export const SignUpAcceptance = z.object({
  acceptedPolicyVersion: z.string().max(64).nullable(),
  acceptedTermsVersion: z.string().max(64).nullable(),
  locale: z.string().max(35),
  /** "I am at least N years old" (the self-declaration gate). */
  confirmedMinimumAge: z.boolean().optional(),
  /** YYYY-MM-DD (the date-of-birth gate); used for the check, never stored. */
  dateOfBirth: z.iso.date().optional(),
  /**
   * Below the age of digital consent: where to ask a parent or guardian for consent. The
   * account waits, unusable, until they answer (docs/accounts.md, "Accounts of minors").
   */
  guardianEmail: z.email().max(MAX_EMAIL_LENGTH).optional(),
});
export type SignUpAcceptance = z.infer<typeof SignUpAcceptance>;

/** A guardian's address must be someone else's: the child cannot consent for themselves. */
export function guardianIsSomeoneElse(value: { email: string; acceptance?: SignUpAcceptance | undefined }, context: z.RefinementCtx): void {
  const guardian = value.acceptance?.guardianEmail;
  if (guardian !== undefined && guardian.trim().toLowerCase() === value.email.trim().toLowerCase()) {
    context.addIssue({ code: 'custom', path: ['acceptance', 'guardianEmail'], message: 'must be the parent\'s or guardian\'s own address, not the account\'s' });
  }
}

export const FrameSignUp = SignUpFields.extend({ password: z.string().min(1).max(128), acceptance: SignUpAcceptance }).superRefine(guardianIsSomeoneElse);
export type FrameSignUp = z.infer<typeof FrameSignUp>;

/** What the login frame's "Forgot your password?" form posts: the same answer whether or not the email has an account. */
export const FramePasswordResetRequest = z.object({
  email: z.email().max(MAX_EMAIL_LENGTH),
  locale: z.string().max(35).optional(),
});
export type FramePasswordResetRequest = z.infer<typeof FramePasswordResetRequest>;

/** What the set-password page (`/embed/reset-password`) posts back: the link's own parameters and the new password. */
export const SetPasswordForm = z.object({
  tenant: z.string().max(44).regex(/^ten_[0-9a-z]{20,40}$/),
  environment: z.enum(['test', 'live']),
  token: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/),
  locale: z.string().max(35).optional(),
  password: z.string().max(1_000).optional(),
});
export type SetPasswordForm = z.infer<typeof SetPasswordForm>;

/** The login frame's second step: the TOTP code (or a backup code) for the sign-in its first step started. */
export const FrameSecondFactor = z.object({
  /** What the first step answered: the pending sign-in, signed by the API (opaque to the frame). */
  challenge: z.string().min(1).max(600),
  method: z.enum(['totp', 'backup']),
  code: z.string().trim().min(1).max(32),
});
export type FrameSecondFactor = z.infer<typeof FrameSecondFactor>;

/** The frame's account-security view: enabling and disabling the second factor need the password. */
export const FramePassword = z.object({ password: z.string().min(1).max(128) });
export type FramePassword = z.infer<typeof FramePassword>;

/** The frame's account-security view: a new password, proved by the current one (the new one meets the sign-up policy). */
export const FramePasswordChange = z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) });
export type FramePasswordChange = z.infer<typeof FramePasswordChange>;

/** The first TOTP code that confirms enrolment. */
export const FrameTotpCode = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
export type FrameTotpCode = z.infer<typeof FrameTotpCode>;

/** better-auth's `/api/auth/two-factor/verify-totp` and `/verify-backup-code` bodies, bounded. */
export const TwoFactorCodeInput = z.object({ code: z.string().max(32), trustDevice: z.boolean().optional() }).loose();
export type TwoFactorCodeInput = z.infer<typeof TwoFactorCodeInput>;

/**
 * A sign-up below the age of digital consent: the account exists but cannot sign in until a
 * parent or guardian consents through the link mailed to them.
 */
export const SignUpPending = z.object({ status: z.literal('guardian_consent_pending') });
export type SignUpPending = z.infer<typeof SignUpPending>;

/** The frame's "email my parent or guardian again": the account's own credentials prove who asks. */
export const FrameGuardianResend = z.object({
  email: z.string().min(1).max(MAX_EMAIL_LENGTH),
  password: z.string().min(1).max(128),
  locale: z.string().max(35).optional(),
});
export type FrameGuardianResend = z.infer<typeof FrameGuardianResend>;

/** What the guardian page (`/embed/guardian-consent`) posts back: the link's parameters and the answer. */
export const GuardianConsentForm = z.object({
  tenant: z.string().max(44).regex(/^ten_[0-9a-z]{20,40}$/),
  environment: z.enum(['test', 'live']),
  token: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.-]+$/),
  locale: z.string().max(35).optional(),
  decision: z.enum(['consent', 'refuse']).optional(),
  /** The checkbox "I am this person's parent or legal guardian". */
  declared: z.literal('on').optional(),
  guardianName: z.string().max(200).optional(),
});
export type GuardianConsentForm = z.infer<typeof GuardianConsentForm>;
