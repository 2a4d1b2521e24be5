import type { RouteHandler } from '@hono/zod-openapi';
import type postgres from 'postgres';
import type { ValidationIssue } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { importFormatOf, importPortCalls } from '../../schedules/port-call-import.ts';
import { PortCallRejected, addTimestamps, upsertPortCall } from '../../schedules/port-call-writer.ts';
import { findPortCall, listPortCalls } from '../../schedules/port-calls.queries.ts';
import type {
  addTimestampRoute, getPortCallRoute, importPortCallsRoute, listPortCallsRoute, upsertPortCallRoute,
} from './port-calls.routes.ts';

const withBodyPath = (issues: ValidationIssue[]) => issues.map((issue) => ({ ...issue, path: ['body', ...issue.path] }));

/** A rejected write is the caller's mistake: 422, naming where. */
async function rejectingAs422<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof PortCallRejected) throw ApiError.validation(withBodyPath(error.issues));
    throw error;
  }
}

export const listPortCallsHandler: RouteHandler<typeof listPortCallsRoute, AppEnv> = async (c) => {
  const { cursor, ...query } = c.req.valid('query');
  // A cursor belongs to one sort order: its position means nothing in another.
  const list = `port-calls:${query.sort}`;
  const cursors = pageCursorsOf(c);
  const after = cursors.open(list, cursor);
  const page = await listPortCalls(c.get('sql'), c.get('scope'), { ...query, after });
  c.header('Cache-Control', 'private, no-cache');
  return c.json({ data: page.data, nextCursor: cursors.seal(list, page.nextPosition) }, 200);
};

export const getPortCallHandler: RouteHandler<typeof getPortCallRoute, AppEnv> = async (c) => {
  const portCall = await findPortCall(c.get('sql'), c.get('scope'), c.req.valid('param').id);
  if (!portCall) throw ApiError.notFound('The port call');
  c.header('Cache-Control', 'private, no-cache');
  return c.json(portCall, 200);
};

export const upsertPortCallHandler: RouteHandler<typeof upsertPortCallRoute, AppEnv> = async (c) => {
  const { id: transportCallReference } = c.req.valid('param');
  const written = await rejectingAs422(() => upsertPortCall(c.get('sql'), c.get('scope'), transportCallReference, c.req.valid('json')));
  const portCall = (await findPortCall(c.get('sql'), c.get('scope'), written.id))!;
  return c.json(portCall, written.outcome === 'created' ? 201 : 200);
};

export const addTimestampHandler: RouteHandler<typeof addTimestampRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const written = await rejectingAs422(() => addTimestamps(c.get('sql'), c.get('scope'), id, [c.req.valid('json')]));
  const portCall = (await findPortCall(c.get('sql'), c.get('scope'), written.id))!;
  return c.json(portCall, written.outcome === 'unchanged' ? 200 : 201);
};

export const importPortCallsHandler: RouteHandler<typeof importPortCallsRoute, AppEnv> = async (c) => {
  const { mode, port, dates } = c.req.valid('query');
  const format = importFormatOf(c.req.header('Content-Type'));
  if (!format) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the import as application/x-ndjson, text/csv or application/json.');
  }
  const result = await importPortCalls(c.get('sql') as postgres.TransactionSql, c.get('scope'), {
    format,
    mode,
    defaultPort: port,
    dates,
    ...(format === 'json' ? { jsonRows: (c.req.valid('json') as { rows: unknown[] }).rows } : { text: await c.req.text() }),
  });
  return c.json(result, 200);
};
