import type { AuthenticatedKey } from '../../auth/api-keys.ts';
import { isOriginAllowed } from '../../auth/api-keys.ts';
import { ApiError } from '../../http/api-error.ts';

/**
 * The partner's status page a request names (`statusPageUrl`): only on one of the publishable
 * key's own origins, so our mails never link anywhere the partner did not allow. Any fragment
 * is dropped: the link puts the request id and token there.
 */
export function acceptedStatusPage(key: Pick<AuthenticatedKey, 'environment' | 'allowedOrigins'>, url: string | undefined): string | null {
  if (url === undefined) return null;
  const parsed = new URL(url);
  if (!isOriginAllowed(key, parsed.origin)) {
    throw new ApiError(422, 'STATUS_PAGE_NOT_ALLOWED', `The status page must be on one of this key's allowed origins; ${parsed.origin} is not.`,
      [{ path: ['body', 'statusPageUrl'], message: 'not on an allowed origin of the key', code: 'status_page_not_allowed' }]);
  }
  parsed.hash = '';
  return parsed.toString();
}

/** Where a mail sends the requester: the status page, with id and token in the fragment (never sent to a server). */
export function statusPageLink(statusPageUrl: string, requestId: string, requesterToken: string): string {
  return `${statusPageUrl}#${new URLSearchParams({ request: requestId, token: requesterToken }).toString()}`;
}
