import * as z from 'zod';
import {
  ImportJsonBody, ImportQuery, ImportResult, PortCall, PortCallInput, PortCallListItem, PortCallListQuery,
  PortCallStreamQuery, TimestampInput, TransportCallReference, pageOf,
} from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { anyKeyAuth, exampleOf, jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const PortCallId = z.object({ id: z.string().max(100).meta({ example: 'pc_0k2m4n6p8q0r2s4t' }) });
/** The import's non-JSON bodies: bounded by its 8 MB body limit. */
const MAX_IMPORT_TEXT = 8 * 1024 * 1024;

const SSE_EXAMPLE = 'event: ready\nid: 1041\ndata: {"after":1041}\n\nevent: port-call\nid: 1042\ndata: {"sequence":1042,"type":"port_call.timestamp_added",…}\n\n: heartbeat\n\n';

export const listPortCallsRoute = apiRoute({
  operationId: 'listPortCalls',
  method: 'get',
  path: '/v1/port-calls',
  tags: ['schedules'],
  summary: 'List port calls',
  description:
    'Port calls of the key\'s tenant and environment in the compact list shape, filtered and sorted, a page at a time ' +
    '(`nextCursor`; default page size 100).\n\nFor one call with its whole timestamp history, use `GET /v1/port-calls/{id}`.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: "for await (const call of client.portCalls.list({ port: 'NLRTM', status: ['PLANNED', 'ARRIVED'] })) console.log(call.vesselName, call.arrival);",
  request: { query: PortCallListQuery },
  responses: {
    200: jsonResponse(pageOf(PortCallListItem, 'PortCallPage'), 'A page of port calls.'),
  },
});

export const streamPortCallsRoute = apiRoute({
  operationId: 'streamPortCalls',
  method: 'get',
  path: '/v1/port-calls/stream',
  tags: ['schedules'],
  summary: 'Live changes to port calls (Server-Sent Events)',
  description:
    'An SSE stream of `port-call` events (`data`: a `PortCallEvent`, `id`: its sequence), filtered like the list.\n\n' +
    '- Send `Last-Event-ID` (or `?after=`) to resume without loss; without it the stream starts with changes made after it opened.\n' +
    '- A `ready` event names the sequence the stream starts after; comments (`: heartbeat`) keep idle connections open.\n' +
    '- Apply an event only if its `portCall.version` is newer than the one you show.\n' +
    '- Events are kept for `SCHEDULE_EVENTS_RETENTION_DAYS` (default 7). Asked to resume from before that, the stream first ' +
    'sends a `reset` event (its `id` is where it continues from): reload the list, then apply events as usual.\n' +
    '- Sequences are counted per tenant and environment; resuming from one the key\'s environment never reached also gets a `reset`.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: "for await (const event of client.portCalls.stream({ port: 'NLRTM' })) console.log(event.type, event.portCall.vesselName);",
  request: { query: PortCallStreamQuery },
  responses: {
    200: { description: 'The event stream.', content: { 'text/event-stream': { schema: z.string(), example: SSE_EXAMPLE } } },
  },
});

export const getPortCallRoute = apiRoute({
  operationId: 'getPortCall',
  method: 'get',
  path: '/v1/port-calls/{id}',
  tags: ['schedules'],
  summary: 'Get a port call with its timestamp history',
  description: 'One port call in full: vessel, voyage, terminal and berth, the best known times and every timestamp received, oldest first.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: 'const portCall = await client.portCalls.get($id);',
  request: { params: PortCallId },
  responses: {
    200: jsonResponse(PortCall, 'The port call.'),
  },
});

export const upsertPortCallRoute = apiRoute({
  operationId: 'upsertPortCall',
  method: 'put',
  // `{id}` like the other routes under /v1/port-calls/ (OpenAPI forbids two templates at one
  // place with different names); here it is the partner's reference, not our id.
  path: '/v1/port-calls/{id}',
  tags: ['schedules'],
  summary: 'Create or replace a port call by partner reference (idempotent)',
  description:
    'The port call whose `transportCallReference` is `{id}` becomes what the body says; `timestamps` are appended ' +
    'unless already recorded. Sending the same body again changes nothing (same version, no live event).\n\n' +
    'Answers **201** when it created the call, **200** otherwise.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: "const portCall = await client.portCalls.upsert('NLRTM-9321483-2026W48', $body);",
  request: {
    params: z.object({ id: TransportCallReference }),
    body: jsonBody(PortCallInput),
  },
  responses: {
    200: jsonResponse(PortCall, 'Updated (or unchanged).'),
    201: jsonResponse(PortCall, 'Created.'),
  },
});

export const addTimestampRoute = apiRoute({
  operationId: 'addPortCallTimestamp',
  method: 'post',
  path: '/v1/port-calls/{id}/timestamps',
  tags: ['schedules'],
  summary: 'Add a timestamp to a port call',
  description:
    'Appends one timestamp (append-only; an identical repeat adds nothing and answers **200**) and re-derives the ' +
    'best known arrival, berthing and departure. `dateTime` must carry its UTC offset, which is kept.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const portCall = await client.portCalls.addTimestamp($id, $body);',
  request: {
    params: PortCallId,
    body: jsonBody(TimestampInput),
  },
  responses: {
    201: jsonResponse(PortCall, 'Recorded; the port call as it is now.'),
    200: jsonResponse(PortCall, 'Already recorded; nothing changed.'),
  },
});

export const importPortCallsRoute = apiRoute({
  operationId: 'importPortCalls',
  method: 'post',
  path: '/v1/port-calls/import',
  tags: ['schedules'],
  summary: 'Import port calls (NDJSON, CSV line-up or JSON)',
  description:
    'Three body formats, up to 5,000 rows and 8 MB:\n\n' +
    '- **NDJSON** (`application/x-ndjson`): one `PortCallImportRow` per line.\n' +
    '- **CSV** (`text/csv`): a vessel line-up with a header row; columns (any order, case-insensitive) `vessel`, `imo`, ' +
    '`eta` and optionally `cargo`, `quantity`, `unit`, `agent`, `berth`, `status`, `port`, `terminal`, `voyage`, ' +
    '`reference`, `etd`, `mmsi`. Times without an offset are the port\'s local time.\n' +
    '- **JSON**: `{"rows":[…]}`.\n\n' +
    '`mode=all-or-nothing` (default) answers **422** and writes nothing if any row is bad, naming every bad row; ' +
    '`mode=per-row` writes the good rows and reports each.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: "const result = await client.portCalls.import({ csv: 'vessel,imo,eta\\nEMMA MAERSK,9321483,25/11/2026 14:30\\n' }, { mode: 'per-row', port: 'NLRTM' });",
  request: {
    query: ImportQuery,
    body: {
      content: {
        'application/json': { schema: ImportJsonBody, example: exampleOf(ImportJsonBody) },
        'application/x-ndjson': { schema: z.string().max(MAX_IMPORT_TEXT), example: '{"transportCallReference":"NLRTM-9321483-2026W48","UNLocationCode":"NLRTM","vessel":{"vesselIMONumber":"9321483","vesselName":"EMMA MAERSK"}}\n' },
        'text/csv': { schema: z.string().max(MAX_IMPORT_TEXT), example: 'vessel,imo,eta,berth,cargo\nEMMA MAERSK,9321483,25/11/2026 14:30,Delta 4,Containers\n' },
      },
      // Not `required`: the JSON validator then leaves NDJSON and CSV bodies to the handler.
      required: false,
    },
  },
  responses: {
    200: jsonResponse(ImportResult, 'Every row\'s outcome.'),
  },
});
