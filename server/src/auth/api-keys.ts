import { createHash } from 'node:crypto';
import { newKeyId, randomId } from '../ids.ts';

export type KeyKind = 'publishable' | 'secret';
export type KeyEnvironment = 'test' | 'live';

/** What a request authenticated with; handlers read it as `c.get('apiKey')`. */
export interface AuthenticatedKey {
  id: string;
  tenantId: string;
  kind: KeyKind;
  environment: KeyEnvironment;
  allowedOrigins: string[];
  /** Epoch milliseconds after which the key is refused (set when it was rolled), or null. */
  expiresAt: number | null;
}

const PREFIX = { publishable: 'pk', secret: 'sk' } as const;
// pk_test_<tenant id body, 20><secret, 32>. The tenant id inside the key lets the lookup
// include tenant_id (shard-friendly); the 32 random base-36 characters carry ~165 bits.
const KEY_PATTERN = /^(pk|sk)_(test|live)_([0-9a-z]{20})([0-9a-z]{32})$/;

export interface NewApiKey {
  id: string;
  token: string;
  tokenHash: Buffer;
  displayPrefix: string;
}

export function generateApiKey(tenantId: string, kind: KeyKind, environment: KeyEnvironment, secret = randomId(32)): NewApiKey {
  const token = `${PREFIX[kind]}_${environment}_${tenantId.slice('ten_'.length)}${secret}`;
  return { id: newKeyId(), token, tokenHash: hashToken(token), displayPrefix: displayPrefix(token) };
}

export interface ParsedApiKey {
  kind: KeyKind;
  environment: KeyEnvironment;
  tenantId: string;
  tokenHash: Buffer;
}

export function parseApiKey(token: string): ParsedApiKey | undefined {
  const shape = apiKeyShape(token);
  return shape && { ...shape, tokenHash: hashToken(token) };
}

/** What a key's text says about it, without hashing it (the request path checks this first). */
export function apiKeyShape(token: string): Omit<ParsedApiKey, 'tokenHash'> | undefined {
  const match = KEY_PATTERN.exec(token);
  if (!match) return undefined;
  return {
    kind: match[1] === 'pk' ? 'publishable' : 'secret',
    environment: match[2] as KeyEnvironment,
    tenantId: `ten_${match[3]}`,
  };
}

/** Keys are long random strings, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Enough of a key to recognise it in a list, never enough to use it. */
function displayPrefix(token: string): string {
  return `${token.slice(0, 12)}…${token.slice(-4)}`;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Test keys also work from localhost, on any port, so partners can develop locally. */
export function isOriginAllowed(key: Pick<AuthenticatedKey, 'environment' | 'allowedOrigins'>, origin: string): boolean {
  if (key.allowedOrigins.includes(origin)) return true;
  return key.environment === 'test' && isLocalOrigin(origin);
}

export function isLocalOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}
