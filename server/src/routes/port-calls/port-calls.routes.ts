import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  ImportJsonBody, ImportQuery, ImportResult, PortCall, PortCallInput, PortCallListItem, PortCallListQuery,
  PortCallStreamQuery, TimestampInput, TransportCallReference, pageOf,
} from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { anyKeyAuth, errorResponses, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const PortCallId = z.object({ id: z.string().max(100).meta({ example: 'pc_0k2m4n6p8q0r2s4t' }) });

export const listPortCallsRoute = createRoute({
  method: 'get',
  path: '/v1/port-calls',
  tags: ['schedules'],
  summary: 'List port calls',
  description: 'Port calls of the tenant in the compact list shape, filtered and sorted, with cursor pagination.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  request: { query: PortCallListQuery },
  responses: {
    200: jsonResponse(pageOf(PortCallListItem).meta({ id: 'PortCallPage' }), 'A page of port calls.'),
    ...errorResponses(400, 401, 403, 422),
  },
});

export const streamPortCallsRoute = createRoute({
  method: 'get',
  path: '/v1/port-calls/stream',
  tags: ['schedules'],
  summary: 'Live changes to port calls (Server-Sent Events)',
  description:
    'An SSE stream of `port-call` events (`data`: PortCallEvent, `id`: its sequence), filtered like the list. ' +
    'Send `Last-Event-ID` (or `?after=`) to resume without loss; without it the stream starts with changes made ' +
    'after it opened. A `ready` event names the sequence the stream starts after; comments (`: heartbeat`) keep ' +
    'idle connections open. Apply an event only if its `portCall.version` is newer than the one you show. ' +
    'Events are kept for SCHEDULE_EVENTS_RETENTION_DAYS (default 7): asked to resume from before that, the stream ' +
    'first sends a `reset` event (its `id` is where it continues from): reload the list, then apply events as usual. ' +
    'Sequences are counted per tenant and environment; resuming from one the key\'s environment never reached also gets a `reset`.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  request: { query: PortCallStreamQuery },
  responses: {
    200: { description: 'The event stream.', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(401, 403, 422),
  },
});

export const getPortCallRoute = createRoute({
  method: 'get',
  path: '/v1/port-calls/{id}',
  tags: ['schedules'],
  summary: 'Get a port call with its timestamp history',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  request: { params: PortCallId },
  responses: {
    200: jsonResponse(PortCall, 'The port call.'),
    ...errorResponses(401, 403, 404),
  },
});

export const upsertPortCallRoute = createRoute({
  method: 'put',
  // `{id}` like the other routes under /v1/port-calls/ (OpenAPI forbids two templates at one
  // place with different names); here it is the partner's reference, not our id.
  path: '/v1/port-calls/{id}',
  tags: ['schedules'],
  summary: 'Create or replace a port call by partner reference (idempotent)',
  description:
    'The port call with this `transportCallReference` becomes what the body says; `timestamps` are appended ' +
    'unless already recorded. Sending the same body again changes nothing (same version, no live event).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: {
    params: z.object({ id: TransportCallReference }),
    body: { content: { 'application/json': { schema: PortCallInput } }, required: true },
  },
  responses: {
    200: jsonResponse(PortCall, 'Updated (or unchanged).'),
    201: jsonResponse(PortCall, 'Created.'),
    ...errorResponses(400, 401, 403, 413, 422),
  },
});

export const addTimestampRoute = createRoute({
  method: 'post',
  path: '/v1/port-calls/{id}/timestamps',
  tags: ['schedules'],
  summary: 'Add a timestamp to a port call',
  description: 'Appends one timestamp (append-only; an identical repeat adds nothing) and re-derives the best known times.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: {
    params: PortCallId,
    body: { content: { 'application/json': { schema: TimestampInput } }, required: true },
  },
  responses: {
    201: jsonResponse(PortCall, 'Recorded; the port call as it is now.'),
    200: jsonResponse(PortCall, 'Already recorded; nothing changed.'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export const importPortCallsRoute = createRoute({
  method: 'post',
  path: '/v1/port-calls/import',
  tags: ['schedules'],
  summary: 'Import port calls (NDJSON, CSV line-up or JSON)',
  description:
    'NDJSON (`application/x-ndjson`): one PortCallImportRow per line. CSV (`text/csv`): a vessel line-up with a ' +
    'header row; columns (any order, case-insensitive) vessel, imo, eta and optionally cargo, quantity, unit, agent, ' +
    'berth, status, port, terminal, voyage, reference, etd, mmsi. Times without an offset are the port\'s local ' +
    'time. JSON: `{"rows":[…]}`. Up to 5,000 rows and 8 MB. `mode=all-or-nothing` (default) answers 422 and writes ' +
    'nothing if any row is bad, naming every bad row; `mode=per-row` writes the good rows and reports each.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: {
    query: ImportQuery,
    body: {
      content: {
        'application/json': { schema: ImportJsonBody },
        'application/x-ndjson': { schema: z.string() },
        'text/csv': { schema: z.string() },
      },
      required: false,
    },
  },
  responses: {
    200: jsonResponse(ImportResult, 'Every row\'s outcome.'),
    ...errorResponses(400, 401, 403, 413, 422),
  },
});
