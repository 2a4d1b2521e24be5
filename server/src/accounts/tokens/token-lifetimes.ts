/** An access token lives 5 minutes: short enough that revocation needs no list of revoked tokens. */
export const ACCESS_TOKEN_SECONDS = 300;
/** A refresh token not used within 14 days expires; each use replaces it with a new one. */
export const REFRESH_TOKEN_SECONDS = 14 * 24 * 3600;
