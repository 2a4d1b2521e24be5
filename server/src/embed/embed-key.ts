import type { Queryable } from '../db/connection.ts';
import { findApiKey } from '../auth/api-keys.queries.ts';
import { isOriginAllowed, parseApiKey, type AuthenticatedKey } from '../auth/api-keys.ts';

export interface EmbedTarget {
  key: AuthenticatedKey;
  publishableKey: string;
  /** The page that frames the login: tokens go to this origin only. */
  parentOrigin: string;
}

/**
 * The login frame's publishable key and the page that frames it, both named in its URL. The
 * origin must be one of the key's: the frame's CSP then lets only that origin frame it, and
 * its tokens are posted to that origin only, so naming another origin gets nobody anything.
 */
export async function resolveEmbedTarget(sql: Queryable, publishableKey: string | undefined, parentOrigin: string | undefined): Promise<EmbedTarget | undefined> {
  if (!publishableKey || !parentOrigin || !isSerializedOrigin(parentOrigin)) return undefined;
  const parsed = parseApiKey(publishableKey);
  if (!parsed || parsed.kind !== 'publishable') return undefined;
  const lookup = await findApiKey(sql, parsed);
  if (!lookup.found || lookup.revoked) return undefined;
  if (lookup.key.expiresAt !== null && lookup.key.expiresAt <= Date.now()) return undefined;
  if (!isOriginAllowed(lookup.key, parentOrigin)) return undefined;
  return { key: lookup.key, publishableKey, parentOrigin };
}

/** `scheme://host[:port]` exactly as a browser serializes it: nothing a CSP source could be tricked by. */
function isSerializedOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
