export { createClient, PortTaskClient } from './client.ts';
export type { ClientOptions, RequestOptions, TextBody } from './core/http.ts';
export { PageIterator } from './core/pagination.ts';
export { LiveStream, type LiveStreamOptions, type LiveConnectionState } from './core/event-stream.ts';
export type { PortCallFilterParams, PortCallListParams, PortCallImport, ImportOptions } from './resources/port-calls.ts';
export * from './errors.ts';
export { portCallMatches, type PortCallMatchFilter } from './schedules/port-call-matches.ts';
export { jurisdictionsGiving, offeredRequestTypes, RIGHTS_BY_JURISDICTION } from './rights/offered-request-types.ts';
export type { RightsRequestListQuery } from './resources/rights-requests.ts';
// Types only: the schemas' runtime (zod) stays out of browser bundles.
export type * from './schemas/index.ts';
