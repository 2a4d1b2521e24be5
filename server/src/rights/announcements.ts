import type { Jurisdiction, RightsRequestStatus, RightsRequestType } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

/**
 * What the rights fulfilment and the deadline job tell the world beyond PortTask (the
 * partner's webhooks): ids, type, status and dates only, never the requester's data, which the
 * partner fetches with its secret key.
 */
export interface RightsEventAnnouncement {
  event: 'rights_request.completed' | 'rights_request.due_soon' | 'rights_request.overdue';
  request: { id: string; type: RightsRequestType; status: RightsRequestStatus; dueOn: string; jurisdiction: Jurisdiction };
  /** due_soon: which threshold was crossed. */
  flag?: 'due_within_7_days' | 'due_within_2_days' | 'overdue';
}

/**
 * Called in the transaction that made the event true, so an announcement exists exactly when
 * the change commits. The API wires the webhook deliveries in here (`AppDependencies.rights`
 * and the rights jobs take it); without one, events are still in the request's history.
 */
export type AnnounceRightsEvent = (sql: Queryable, scope: DataScope, announcement: RightsEventAnnouncement) => Promise<void>;

export const announceNowhere: AnnounceRightsEvent = async () => {};
