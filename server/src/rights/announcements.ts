import type { Jurisdiction, RightsRequestStatus, RightsRequestType } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { emitRightsRequestEvent, type RightsRequestEventType } from '../webhooks/webhook-events.ts';

/**
 * What the rights fulfilment and the deadline job tell the world beyond PortTask (the
 * partner's webhooks): ids, type, status and dates only, never the requester's data, which the
 * partner fetches with its secret key.
 */
export interface RightsEventAnnouncement {
  event: Exclude<RightsRequestEventType, 'rights_request.created' | 'rights_request.verified'>;
  request: { id: string; type: RightsRequestType; status: RightsRequestStatus; dueOn: string; jurisdiction: Jurisdiction };
  /** due_soon: which threshold was crossed. */
  flag?: 'due_within_7_days' | 'due_within_2_days' | 'overdue';
}

/**
 * Called in the transaction that made the event true, so an announcement exists exactly when
 * the change commits. By default it becomes a webhook event for the scope's endpoints
 * (webhooks/webhook-events.ts); a test may pass its own.
 */
export type AnnounceRightsEvent = (sql: Queryable, scope: DataScope, announcement: RightsEventAnnouncement) => Promise<void>;

export const announceToWebhooks: AnnounceRightsEvent = async (sql, scope, { event, request }) => {
  await emitRightsRequestEvent(sql, scope, event, { id: request.id, type: request.type, status: request.status, dueOn: request.dueOn });
};
