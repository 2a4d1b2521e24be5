import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { DataScope } from '../../tenants/data-scope.ts';

/** How long a bundle can be downloaded after it is built. */
export const EXPORT_VALID_DAYS = 7;

export interface ExportLinkTarget {
  scope: DataScope;
  requestId: string;
  /** The bundle's id: a rebuilt bundle has a new one, so links to the old one stop working. */
  exportId: string;
  expiresAt: Date;
}

export type LinkCheck = 'valid' | 'forged' | 'expired';

/**
 * Signed download links: `…/export?expires=<seconds>&signature=<HMAC-SHA256>`. The key is
 * derived from the master key and never stored; the signature covers tenant, environment,
 * request, bundle and expiry, so a link cannot be moved to another request, tenant or
 * environment, nor made to last longer. Nothing about a link is stored: it can be made again
 * (for the status answer) as often as needed.
 */
export class ExportLinks {
  readonly #key: Buffer;

  constructor(masterKey: Buffer) {
    this.#key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'porttask export download link', 32));
  }

  /** The path and query of the link (the caller puts the API's origin in front). */
  path(target: ExportLinkTarget): string {
    const expires = String(Math.floor(target.expiresAt.getTime() / 1000));
    const query = new URLSearchParams({ expires, signature: this.#sign(target, expires) });
    return `/v1/rights-requests/${encodeURIComponent(target.requestId)}/export?${query.toString()}`;
  }

  /** Whether a link's `expires` and `signature` were made by `path` for this bundle, and are still in time. */
  check(target: Omit<ExportLinkTarget, 'expiresAt'>, expires: string, signature: string, now = new Date()): LinkCheck {
    const expected = Buffer.from(this.#sign(target, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
    return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
  }

  #sign(target: Omit<ExportLinkTarget, 'expiresAt'>, expires: string): string {
    return createHmac('sha256', this.#key)
      .update([target.scope.tenantId, target.scope.environment, target.requestId, target.exportId, expires].join('\u0000'))
      .digest('base64url');
  }
}
