import type { RouteHandler } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../app-env.ts';
import type { Sql } from '../../db/connection.ts';
import { watchKey } from '../../auth/key-watch.ts';
import { ApiError } from '../../http/api-error.ts';
import { requestLogger } from '../../http/request-context.ts';
import { liveHubFor } from '../../schedules/live-hub.ts';
import { latestScheduleSequence, prunedThrough, scheduleEventsAfter } from '../../schedules/outbox.queries.ts';
import { matchesFilter } from '../../schedules/port-call-filter.ts';
import type { streamPortCallsRoute } from './port-calls.routes.ts';

/** Tunable for tests; production keeps the defaults. */
export const liveStreamSettings = {
  /** An idle stream sends a comment this often, so proxies keep it open and it re-reads the outbox. */
  heartbeatMs: 15_000,
  /** What EventSource-like clients wait before reconnecting. */
  retryMs: 2_000,
  batchSize: 500,
};

export const streamPortCalls: RouteHandler<typeof streamPortCallsRoute, AppEnv> = async (c) => {
  const { after, ...filter } = c.req.valid('query');
  const lastEventId = c.req.header('Last-Event-ID');
  if (lastEventId !== undefined && !/^[0-9]{1,18}$/.test(lastEventId)) {
    throw new ApiError(400, 'BAD_REQUEST', 'Last-Event-ID must be the id of an event this stream sent.');
  }
  const scope = c.get('scope');
  const pool = c.get('sql') as Sql;
  // Subscribe before the first read, so nothing committed in between goes unnoticed.
  const wakeup = await liveHubFor(pool).subscribe(scope);
  // A key revoked, expired or no longer allowing this origin, or a staff token's account disabled
  // or demoted, ends the stream (the client's reconnect then gets the 401/403 that says why).
  const staff = c.get('staff');
  const keyWatch = watchKey(pool, c.get('apiKey'), c.req.header('Origin'), staff && { caller: staff, operationId: 'streamPortCalls' });
  try {
    await keyWatch.ready;
  } catch (error) {
    keyWatch.close();
    wakeup.close();
    throw error;
  }
  const keyStopped = new Promise<void>((resolve) => keyWatch.signal.addEventListener('abort', () => resolve(), { once: true }));
  const resumeFrom = lastEventId !== undefined ? Number(lastEventId) : after;
  let cursor = resumeFrom ?? (await latestScheduleSequence(pool, scope));
  let reset: 'events_pruned' | 'unknown_sequence' | undefined;
  if (resumeFrom !== undefined) {
    const [latest, pruned] = await Promise.all([latestScheduleSequence(pool, scope), prunedThrough(pool, scope)]);
    // Resuming from before what retention deleted cannot be done event by event; a sequence
    // this scope never reached was not sent by its stream (e.g. one from before sequences were
    // counted per environment): either way the client reloads and goes on from now.
    if (resumeFrom < pruned) reset = 'events_pruned';
    else if (resumeFrom > latest) reset = 'unknown_sequence';
    if (reset) cursor = latest;
  }
  c.header('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream

  return streamSSE(c, async (stream) => {
    let open = true;
    stream.onAbort(() => {
      open = false;
      wakeup.close();
      keyWatch.close();
    });
    if (reset) await stream.writeSSE({ event: 'reset', id: String(cursor), data: JSON.stringify({ sequence: cursor, reason: reset }) });
    await stream.writeSSE({ event: 'ready', id: String(cursor), data: JSON.stringify({ sequence: cursor }), retry: liveStreamSettings.retryMs });
    try {
      while (open && !keyWatch.signal.aborted) {
        const events = await scheduleEventsAfter(pool, scope, cursor, liveStreamSettings.batchSize);
        for (const event of events) {
          cursor = event.sequence;
          if (!matchesFilter(event.portCall, event.vesselMMSINumber, filter)) continue;
          const { vesselMMSINumber: _mmsi, ...data } = event;
          await stream.writeSSE({ event: 'port-call', id: String(event.sequence), data: JSON.stringify(data) });
        }
        if (events.length === liveStreamSettings.batchSize) continue;
        let timer: NodeJS.Timeout | undefined;
        const woke = await Promise.race([
          wakeup.next().then(() => true),
          keyStopped.then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), liveStreamSettings.heartbeatMs);
          }),
        ]);
        clearTimeout(timer);
        if (wakeup.ended || keyWatch.signal.aborted) break; // stopping process: the client resumes elsewhere; stopped key: it learns why
        if (!woke && open) await stream.write(': heartbeat\n\n');
      }
    } finally {
      wakeup.close();
      keyWatch.close();
    }
  }, async (error) => {
    requestLogger(c).warn({ err: error }, 'live stream ended with an error');
  });
};
