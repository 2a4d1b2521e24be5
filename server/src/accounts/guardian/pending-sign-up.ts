/**
 * A sign-up below the age of digital consent, marked on the request handed to better-auth:
 * its user hook makes the account `pending` in the same insert (so it is never usable first)
 * and notes the new account's id here for the route, which then opens the guardian request.
 */
export interface PendingSignUp {
  userId?: string;
}

export const pendingSignUps = new WeakMap<Request, PendingSignUp>();

/** The code of better-auth's refusal to make a session for a pending account (sign-in, and the sign-up itself). */
export const GUARDIAN_CONSENT_PENDING = 'GUARDIAN_CONSENT_PENDING';
