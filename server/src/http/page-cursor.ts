import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { ApiError } from './api-error.ts';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Where a page ends, as the list's query needs it to continue (sort value, id, sequence…). */
export type PagePosition = string[];

/**
 * Page cursors (`nextCursor`, `?cursor=`) are sealed with AES-256-GCM under a key derived from
 * the master key, with the tenant, the environment and the list they belong to as associated
 * data. So a cursor is:
 * - authenticated: a forged, altered or garbage cursor, or one from another tenant,
 *   environment or list (or sort order), fails the tag check and is refused with 400
 *   INVALID_CURSOR before any query runs, the same on every route;
 * - opaque: what it holds (sort values, internal sequence numbers that count every tenant's
 *   writes) is encrypted, so a cursor tells its holder nothing beyond "the next page".
 * GCM's tag is the MAC; encrypting too costs 28 bytes per cursor and nothing else.
 * Every API process derives the same key from PORTTASK_MASTER_KEY, so any process continues
 * a list another one started.
 */
export class PageCursors {
  readonly #key: Buffer;

  constructor(masterKey: Buffer) {
    this.#key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'porttask page cursors v1', 32));
  }

  seal(scope: DataScope, list: string, position: PagePosition): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(boundTo(scope, list));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), nonce, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The position a cursor holds; undefined without a cursor; 400 INVALID_CURSOR for anything not sealed here for this scope and list. */
  open(scope: DataScope, list: string, cursor: string | undefined): PagePosition | undefined {
    if (cursor === undefined) return undefined;
    const bytes = BASE64URL.test(cursor) ? Buffer.from(cursor, 'base64url') : Buffer.alloc(0);
    if (bytes.length <= 1 + NONCE_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw invalidCursor();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(1, 1 + NONCE_BYTES));
      decipher.setAAD(boundTo(scope, list));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
      const position: unknown = JSON.parse(plain.toString('utf8'));
      if (Array.isArray(position) && position.every((part) => typeof part === 'string')) return position;
    } catch {
      // the tag did not match: not ours, or not for this scope and list
    }
    throw invalidCursor();
  }
}

function boundTo(scope: DataScope, list: string): Buffer {
  return Buffer.from(`${scope.tenantId}\n${scope.environment}\n${list}`, 'utf8');
}

function invalidCursor(): ApiError {
  return new ApiError(400, 'INVALID_CURSOR', 'This cursor was not handed out for this list and key environment (or was altered); start again without it.');
}

/** The request's cursors, bound to its scope: `open` a `?cursor=`, `seal` the next one. */
export function pageCursorsOf(c: Context<AppEnv>) {
  const cursors = c.get('pageCursors');
  const scope = c.get('scope');
  return {
    open: (list: string, cursor: string | undefined) => cursors.open(scope, list, cursor),
    seal: (list: string, position: PagePosition | null | undefined) => (position ? cursors.seal(scope, list, position) : null),
  };
}
