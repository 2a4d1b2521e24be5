import { createHmac } from 'node:crypto';
import type { ScopedAuth } from '../accounts/auth-instances.ts';
import type { AuthAnswer } from './better-auth-call.ts';

/**
 * Runs better-auth calls that need a signed-in session (the second factor's enable, confirm
 * and disable) for an account the frame proved with its access token: a session made for
 * these calls only, ended right after, with any session they replaced it by. The frame never
 * holds a better-auth session or cookie.
 */
export async function withAccountSession(auth: ScopedAuth, userId: string, calls: (cookie: string) => Promise<AuthAnswer>): Promise<AuthAnswer> {
  const context = await auth.$context;
  const name = context.authCookies.sessionToken.name;
  const session = await context.internalAdapter.createSession(userId);
  const tokens = [session.token];
  try {
    const answer = await calls(`${name}=${signedCookieValue(session.token, context.secret)}`);
    for (const pair of answer.cookies) {
      if (pair.startsWith(`${name}=`)) tokens.push(decodeURIComponent(pair.slice(name.length + 1)).replace(/\.[^.]*$/, ''));
    }
    return answer;
  } finally {
    for (const token of tokens) await context.internalAdapter.deleteSession(token);
  }
}

/** better-call's signed cookie: `value.base64(HMAC-SHA256(secret, value))`, URI-encoded, as better-auth reads it. */
function signedCookieValue(value: string, secret: string): string {
  return encodeURIComponent(`${value}.${createHmac('sha256', secret).update(value).digest('base64')}`);
}
