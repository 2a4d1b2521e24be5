import { createClient, type PortCall, type PortCallImportRow, type PortCallInput, type TimestampInput } from '@porttask/sdk';
import type { TestServer } from './test-server.ts';
import { liveHubFor } from '../schedules/live-hub.ts';
import { pruneScheduleEvents } from '../schedules/outbox.queries.ts';

/**
 * web-test-runner server commands that write the test tenant's port calls through the real
 * API with its secret key, which never reaches the test page. The browser side is
 * widgets/src/testing/port-call-commands.ts. Every write goes through the SDK, so the widget
 * tests see exactly what a partner integration would produce (versions, events, derived times).
 */
export const PORT_CALL_COMMANDS = {
  upsert: 'porttask-upsert-port-call',
  import: 'porttask-import-port-calls',
  addTimestamp: 'porttask-add-timestamp',
  remove: 'porttask-remove-port-call',
  endLiveStreams: 'porttask-end-live-streams',
  pruneOutbox: 'porttask-prune-outbox',
} as const;

/** The import route takes at most this many rows per request. */
const IMPORT_BATCH = 5_000;

export interface UpsertPayload { reference: string; input: PortCallInput }
export interface ImportPayload { rows: PortCallImportRow[] }
export interface AddTimestampPayload { id: string; timestamp: TimestampInput }
export interface RemovePayload { id: string }

/** Handles the commands above; `undefined` for any other command (web-test-runner then asks the next plugin). */
export function portCallCommands(api: () => TestServer | undefined) {
  let client: ReturnType<typeof createClient> | undefined;
  const sdk = () => {
    const server = api();
    if (!server) throw new Error('The test API has not started.');
    client ??= createClient({ apiUrl: server.apiUrl, secretKey: server.secretKey });
    return { server, client };
  };
  return async (command: string, payload: unknown): Promise<unknown> => {
    switch (command) {
      case PORT_CALL_COMMANDS.upsert: {
        const { reference, input } = payload as UpsertPayload;
        return sdk().client.portCalls.upsert(reference, input);
      }
      case PORT_CALL_COMMANDS.import: {
        const { rows } = payload as ImportPayload;
        let applied = 0;
        const ids: string[] = [];
        for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
          const ndjson = rows.slice(start, start + IMPORT_BATCH).map((row) => JSON.stringify(row)).join('\n');
          const result = await sdk().client.portCalls.import({ ndjson });
          applied += result.applied;
          for (const row of result.results) ids.push(row.id ?? '');
        }
        return { applied, ids };
      }
      case PORT_CALL_COMMANDS.addTimestamp: {
        const { id, timestamp } = payload as AddTimestampPayload;
        return sdk().client.portCalls.addTimestamp(id, timestamp) satisfies Promise<PortCall>;
      }
      case PORT_CALL_COMMANDS.remove: {
        // The API has no delete (timestamps and the outbox are append-only), so a test that
        // needs "the call is gone" removes it from the test database directly.
        const { id } = payload as RemovePayload;
        const { server } = sdk();
        const sql = server.db.owner;
        await sql.begin(async (tx) => {
          const { tenantId, environment } = server.scope;
          await tx`DELETE FROM schedule_events WHERE tenant_id = ${tenantId} AND environment = ${environment} AND port_call_id = ${id}`;
          await tx`DELETE FROM port_call_timestamps WHERE tenant_id = ${tenantId} AND environment = ${environment} AND port_call_id = ${id}`;
          await tx`DELETE FROM port_calls WHERE tenant_id = ${tenantId} AND environment = ${environment} AND id = ${id}`;
        });
        return true;
      }
      case PORT_CALL_COMMANDS.endLiveStreams: {
        // What a stopping API process does: its live clients reconnect and resume.
        liveHubFor(sdk().server.db.sql).endStreams();
        return true;
      }
      case PORT_CALL_COMMANDS.pruneOutbox: {
        // As if every event were past the retention window: `porttask retention run`.
        const { server } = sdk();
        await server.db.owner`
          UPDATE schedule_events SET created_at = now() - interval '30 days'
          WHERE tenant_id = ${server.scope.tenantId} AND environment = ${server.scope.environment}`;
        return pruneScheduleEvents(server.db.owner, 7);
      }
      default:
        return undefined;
    }
  };
}
