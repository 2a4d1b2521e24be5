import type { AuthAnswer } from './better-auth-call.ts';

/** better-auth's pending-second-factor cookie (signed, 10 minutes), and nothing else. */
const CHALLENGE_COOKIE = /^(__Secure-)?porttask\.two_factor=[A-Za-z0-9%._~-]{1,400}$/;

/** What the frame's first step answers for an account with a second factor. */
export interface SecondFactorAsked {
  secondFactor: { challenge: string; methods: ('totp' | 'backup')[] };
}

/**
 * A right password for an account with TOTP: better-auth answers `twoFactorRedirect` and
 * keeps the pending sign-in in a signed cookie. The frame holds no cookies (third-party
 * cookies are blocked where it is framed), so the cookie travels as an opaque challenge the
 * frame sends back with the code: signed with the tenant environment's secret, good for ten
 * minutes and five codes, and worth nothing without the code.
 */
export function secondFactorAsked(answer: AuthAnswer): SecondFactorAsked | undefined {
  if (answer.status !== 200 || answer.body?.twoFactorRedirect !== true) return undefined;
  const cookie = answer.cookies.find((pair) => CHALLENGE_COOKIE.test(pair));
  return cookie ? { secondFactor: { challenge: Buffer.from(cookie).toString('base64url'), methods: ['totp', 'backup'] } } : undefined;
}

/** The cookie a challenge stands for, if it is one (anything else is refused before better-auth). */
export function challengeCookie(challenge: string): string | undefined {
  const cookie = Buffer.from(challenge, 'base64url').toString('utf8');
  return CHALLENGE_COOKIE.test(cookie) ? cookie : undefined;
}
