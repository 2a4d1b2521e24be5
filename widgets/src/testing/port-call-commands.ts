import { executeServerCommand } from '@web/test-runner-commands';
import type { PortCall, PortCallImportRow, PortCallInput, TimestampInput } from '@porttask/sdk';

/*
 * Writes the test tenant's port calls through the real API. The page holds no secret key:
 * these ask web-test-runner.config.mjs (server/src/testing/port-call-commands.ts) to do it
 * server side with the SDK. All tests share one tenant and database, so each test keeps to
 * its own port (UN/LOCODE), references and IMO numbers.
 */

/** `PUT /v1/port-calls/{reference}`: creates or replaces the call; the call as it is now. */
export function upsertPortCall(reference: string, input: PortCallInput): Promise<PortCall> {
  return executeServerCommand<PortCall, unknown>('porttask-upsert-port-call', { reference, input });
}

/** `POST /v1/port-calls/import` (NDJSON, in batches of 5,000): the ids, in row order. */
export function importPortCalls(rows: PortCallImportRow[]): Promise<{ applied: number; ids: string[] }> {
  return executeServerCommand<{ applied: number; ids: string[] }, unknown>('porttask-import-port-calls', { rows });
}

/** `POST /v1/port-calls/{id}/timestamps`. */
export function addTimestamp(id: string, timestamp: TimestampInput): Promise<PortCall> {
  return executeServerCommand<PortCall, unknown>('porttask-add-timestamp', { id, timestamp });
}

/** Removes a call from the test database (the API has no delete), for "the call is gone" tests. */
export function removePortCall(id: string): Promise<boolean> {
  return executeServerCommand<boolean, unknown>('porttask-remove-port-call', { id });
}

/** Ends the test API's live streams, as a stopping process does; clients reconnect and resume. */
export function endLiveStreams(): Promise<boolean> {
  return executeServerCommand<boolean, unknown>('porttask-end-live-streams', {});
}

/** Deletes every outbox event of the test tenant, as retention does with old ones. */
export function pruneOutbox(): Promise<{ deleted: number }> {
  return executeServerCommand<{ deleted: number }, unknown>('porttask-prune-outbox', {});
}
